import type { CourseRequest, SchoolProblem, Section, Student, Teacher } from "../../src/domain/problem.ts";
import type { SchoolRoster } from "../../src/domain/roster.ts";

const schoolId = "HS-1";
const section = (
  sectionId: string,
  courseId: string,
  period: number,
  capacity: number,
  teacherId: string,
): Section => ({
  schoolId,
  sectionId,
  courseId,
  capacity,
  teacherId,
  period,
  terms: ["Y"],
  setting: "general",
  locked: false,
});
const teacher = (teacherId: string): Teacher => ({
  schoolId,
  teacherId,
  unavailablePeriods: [],
  specialEducation: false,
  qualifiedCourses: [],
});
const student = (studentId: string): Student => ({ schoolId, studentId, grade: 10, iep: false });
const request = (studentId: string, courseId: string): CourseRequest => ({
  schoolId,
  studentId,
  courseId,
  priority: 1,
});

/**
 * A school where one move pays: X sits alone in the one-seat period-1 section of C, while C
 * has room in period 2. Late student L needs C and D, and D meets only in period 2, so L can
 * have both only if X moves to C's period-2 section.
 */
export function blockedSeatSchool(): { problem: SchoolProblem; live: SchoolRoster } {
  const problem: SchoolProblem = {
    school: { schoolId, name: "Blocked Seat High", kind: "high", gradeLow: 9, gradeHigh: 12, periods: 2, terms: ["Y"] },
    courses: ["C", "D"].map((courseId) => ({ schoolId, courseId, title: courseId, gradeLow: 9, gradeHigh: 12 })),
    teachers: ["T1", "T2", "T3"].map(teacher),
    rooms: [],
    sections: [section("C1", "C", 1, 1, "T1"), section("C2", "C", 2, 5, "T2"), section("D1", "D", 2, 5, "T3")],
    students: [student("X"), student("L")],
    requests: [request("X", "C"), request("L", "C"), request("L", "D")],
    avoid: [],
  };
  const live: SchoolRoster = {
    schoolId,
    sections: problem.sections.map((s) => ({ sectionId: s.sectionId, period: s.period, teacherId: s.teacherId })),
    enrollments: [{ studentId: "X", sectionId: "C1" }],
    unscheduled: [],
  };
  return { problem, live };
}

/**
 * A school where the only move that pays costs the mover: X holds the one seat of C1 (period 1)
 * and the one seat of E1 (period 2). Late L1 needs C and D (D only in period 2), late L2 needs E.
 * Moving X to C2 (period 2) would seat L1 in C1 and free E1 for L2 (two requests met), but X
 * would lose E: that is not a move to make.
 */
export function costlyMoveSchool(): { problem: SchoolProblem; live: SchoolRoster } {
  const problem: SchoolProblem = {
    school: { schoolId, name: "Costly Move High", kind: "high", gradeLow: 9, gradeHigh: 12, periods: 2, terms: ["Y"] },
    courses: ["C", "D", "E"].map((courseId) => ({ schoolId, courseId, title: courseId, gradeLow: 9, gradeHigh: 12 })),
    teachers: ["T1", "T2", "T3", "T4"].map(teacher),
    rooms: [],
    sections: [
      section("C1", "C", 1, 1, "T1"),
      section("C2", "C", 2, 5, "T2"),
      section("D1", "D", 2, 5, "T3"),
      section("E1", "E", 2, 1, "T4"),
    ],
    students: [student("X"), student("L1"), student("L2")],
    requests: [
      request("X", "C"),
      { ...request("X", "E"), priority: 2 },
      request("L1", "C"),
      request("L1", "D"),
      request("L2", "E"),
    ],
    avoid: [],
  };
  const live: SchoolRoster = {
    schoolId,
    sections: problem.sections.map((s) => ({ sectionId: s.sectionId, period: s.period, teacherId: s.teacherId })),
    enrollments: [
      { studentId: "X", sectionId: "C1" },
      { studentId: "X", sectionId: "E1" },
    ],
    unscheduled: [],
  };
  return { problem, live };
}
