import type { SchoolProblem } from "../../src/domain/problem.ts";

/** A two-period school of the given sections (id, course, period, capacity) and priority-1 requests (student, course). */
export function handSchool(sections: [string, string, number, number][], requests: [string, string][]): SchoolProblem {
  const schoolId = "HS-HAND";
  const students = [...new Set(requests.map(([studentId]) => studentId))];
  const courses = [...new Set(sections.map(([, courseId]) => courseId))];
  return {
    school: { schoolId, name: "Hand", kind: "high", gradeLow: 9, gradeHigh: 12, periods: 2, terms: ["Y"] },
    courses: courses.map((courseId) => ({ schoolId, courseId, title: courseId, gradeLow: 9, gradeHigh: 12 })),
    teachers: [],
    rooms: [],
    sections: sections.map(([sectionId, courseId, period, capacity]) => ({
      schoolId,
      sectionId,
      courseId,
      capacity,
      period,
      terms: ["Y"],
      setting: "general",
      locked: false,
    })),
    students: students.map((studentId) => ({ schoolId, studentId, grade: 10, iep: false })),
    requests: requests.map(([studentId, courseId]) => ({ schoolId, studentId, courseId, priority: 1 })),
    avoid: [],
  };
}
