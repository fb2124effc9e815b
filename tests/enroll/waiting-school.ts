import type { CourseRequest, SchoolProblem, Section, Student } from "../../src/domain/problem.ts";
import type { SchoolRoster } from "../../src/domain/roster.ts";

const schoolId = "HS-W";
const section = (sectionId: string, courseId: string, period: number, capacity: number): Section => ({
  schoolId,
  sectionId,
  courseId,
  capacity,
  teacherId: `T-${sectionId}`,
  period,
  terms: ["Y"],
  setting: "general",
  locked: false,
});
const student = (studentId: string): Student => ({ schoolId, studentId, grade: 10, iep: false });
const request = (studentId: string, courseId: string, priority = 2): CourseRequest => ({
  schoolId,
  studentId,
  courseId,
  priority,
});

/** The students waiting for C in waitingSchool, in the school's order. */
export const WAITING = ["W1", "W2", "W3", "W4", "W5", "W6"];

/**
 * A school where six students wait for one seat: X holds the only seat of C (C1, period 1) and
 * sits in D1 (period 2) with W1-W6, who all want C too and are listed unmet for it (W6's C is
 * priority 1, the others' priority 2). E1 (period 1) is empty; nobody asks for it yet.
 */
export function waitingSchool(): { problem: SchoolProblem; live: SchoolRoster } {
  const problem: SchoolProblem = {
    school: { schoolId, name: "Waiting High", kind: "high", gradeLow: 9, gradeHigh: 12, periods: 2, terms: ["Y"] },
    courses: ["C", "D", "E"].map((courseId) => ({ schoolId, courseId, title: courseId, gradeLow: 9, gradeHigh: 12 })),
    teachers: ["T-C1", "T-D1", "T-E1"].map((teacherId) => ({
      schoolId,
      teacherId,
      unavailablePeriods: [],
      specialEducation: false,
      qualifiedCourses: [],
    })),
    rooms: [],
    sections: [section("C1", "C", 1, 1), section("D1", "D", 2, 10), section("E1", "E", 1, 5)],
    students: ["X", ...WAITING].map(student),
    requests: [
      request("X", "C"),
      request("X", "D"),
      ...WAITING.flatMap((id) => [request(id, "C", id === "W6" ? 1 : 2), request(id, "D")]),
    ],
    avoid: [],
  };
  const live: SchoolRoster = {
    schoolId,
    sections: problem.sections.map((s) => ({ sectionId: s.sectionId, period: s.period, teacherId: s.teacherId })),
    enrollments: [
      { studentId: "X", sectionId: "C1" },
      ...["X", ...WAITING].map((studentId) => ({ studentId, sectionId: "D1" })),
    ],
    unscheduled: WAITING.map((studentId) => ({
      studentId,
      courseId: "C",
      priority: studentId === "W6" ? 1 : 2,
      reason: "no_seat" as const,
    })),
  };
  return { problem, live };
}

/** The school with `studentId` added (or their requests replaced) asking for `courses` at priority 2. */
export function withRequests(problem: SchoolProblem, studentId: string, courses: string[]): SchoolProblem {
  return {
    ...problem,
    students: problem.students.some((s) => s.studentId === studentId)
      ? problem.students
      : [...problem.students, student(studentId)],
    requests: [
      ...problem.requests.filter((r) => r.studentId !== studentId),
      ...courses.map((courseId) => request(studentId, courseId)),
    ],
  };
}

/** The school without `studentId`. */
export function without(problem: SchoolProblem, studentId: string): SchoolProblem {
  return {
    ...problem,
    students: problem.students.filter((s) => s.studentId !== studentId),
    requests: problem.requests.filter((r) => r.studentId !== studentId),
  };
}
