import { describe, expect, it } from "vitest";
import type { SchoolProblem } from "../../src/domain/problem.ts";
import { classConflictCounts, conflictMatrix } from "../../solver/master-schedule/conflict-matrix.ts";
import { compileBuildInstance } from "../../solver/master-schedule/build-instance.ts";
import { conflictMatrixRows } from "../../src/io/conflict-matrix/conflict-matrix-rows.ts";
import { witnessSchool } from "./witness-school.ts";

/** Three students, four courses: the pairs are easy to count by hand. */
function handCounted(): SchoolProblem {
  const schoolId = 'S, "Quoted"';
  const school = {
    schoolId,
    name: "Hand-counted",
    kind: "high" as const,
    gradeLow: 9,
    gradeHigh: 12,
    periods: 4,
    terms: ["Y"],
  };
  const course = (courseId: string) => ({ schoolId, courseId, title: courseId, gradeLow: 9, gradeHigh: 12 });
  const student = (studentId: string) => ({ schoolId, studentId, grade: 9, iep: false });
  const request = (studentId: string, courseId: string, alternateFor?: string) => ({
    schoolId,
    studentId,
    courseId,
    priority: 1,
    alternateFor,
  });
  return {
    school,
    courses: ["ALG", "BIO", "CHEM", "D'ART"].map(course),
    teachers: [],
    rooms: [],
    sections: [],
    students: ["s1", "s2", "s3"].map(student),
    requests: [
      request("s1", "ALG"),
      request("s1", "BIO"),
      request("s1", "D'ART"),
      request("s2", "ALG"),
      request("s2", "BIO"),
      request("s2", "CHEM", "BIO"),
      request("s3", "BIO"),
      request("s3", "D'ART"),
      request("s3", "D'ART"),
    ],
    avoid: [],
  };
}

describe("conflictMatrix", () => {
  it("counts the students whose primary requests name both courses of each pair, most shared first", () => {
    const matrix = conflictMatrix(handCounted());
    expect(matrix.courses).toEqual([
      { courseId: "ALG", students: 2 },
      { courseId: "BIO", students: 3 },
      { courseId: "CHEM", students: 0 },
      { courseId: "D'ART", students: 2 },
    ]);
    expect(matrix.pairs).toEqual([
      { courseA: "ALG", courseB: "BIO", students: 2 },
      { courseA: "BIO", courseB: "D'ART", students: 2 },
      { courseA: "ALG", courseB: "D'ART", students: 1 },
    ]);
  });

  it("agrees with the builder's dense counts on a generated school without teams (one conflict class per course)", () => {
    const problem = witnessSchool(31, { students: 80, periods: 5 });
    const matrix = conflictMatrix(problem);
    const inst = compileBuildInstance(problem);
    const dense = classConflictCounts(inst);
    const n = inst.nClasses;
    const classOf = new Map([...inst.classCourse].map((c, k) => [inst.courseIds[c], k]));
    expect(matrix.pairs.length).toBeGreaterThan(10);
    for (const pair of matrix.pairs) {
      const a = classOf.get(pair.courseA)!;
      const b = classOf.get(pair.courseB)!;
      expect(dense[a * n + b]).toBe(pair.students);
      expect(dense[b * n + a]).toBe(pair.students);
    }
    for (const { courseId, students } of matrix.courses) {
      const c = classOf.get(courseId)!;
      expect(dense[c * n + c]).toBe(students);
    }
  });

  it("counts a team's sections of a course against the team's own students only (the team's conflict matrix)", () => {
    const problem = witnessSchool(31, { students: 80, periods: 5 });
    const math = problem.sections[0]!.courseId;
    const team = problem.students.slice(0, 20).map((s) => s.studentId);
    for (const student of problem.students) if (team.includes(student.studentId)) student.teamId = "T";
    problem.sections[0]!.teamId = "T";
    const inst = compileBuildInstance(problem);
    const dense = classConflictCounts(inst);
    const teamClass = inst.secClass[0]!;
    const wanting = problem.requests.filter(
      (r) => r.courseId === math && r.alternateFor === undefined && team.includes(r.studentId),
    ).length;
    expect(inst.courseIds[inst.classCourse[teamClass]!]).toBe(math);
    expect(dense[teamClass * inst.nClasses + teamClass]).toBe(wanting);
  });

  it("becomes CSV rows: the diagonal first, then the pairs, ids kept as they are", () => {
    expect([...conflictMatrixRows(conflictMatrix(handCounted()))]).toEqual([
      { school_id: 'S, "Quoted"', course_a: "ALG", course_b: "ALG", students: "2" },
      { school_id: 'S, "Quoted"', course_a: "BIO", course_b: "BIO", students: "3" },
      { school_id: 'S, "Quoted"', course_a: "D'ART", course_b: "D'ART", students: "2" },
      { school_id: 'S, "Quoted"', course_a: "ALG", course_b: "BIO", students: "2" },
      { school_id: 'S, "Quoted"', course_a: "BIO", course_b: "D'ART", students: "2" },
      { school_id: 'S, "Quoted"', course_a: "ALG", course_b: "D'ART", students: "1" },
    ]);
  });
});
