import type { SchoolProblem } from "../../src/domain/problem.ts";
import type { BuildInstance } from "./build-instance.ts";

/** Students who request both courses of a pair (courseA < courseB in input order). */
export interface CoursePair {
  courseA: string;
  courseB: string;
  students: number;
}

/** One school's conflict matrix, sparse: only pairs that some student requests together. */
export interface ConflictMatrix {
  schoolId: string;
  /** Students requesting each course (the diagonal), in course input order. */
  courses: { courseId: string; students: number }[];
  /** Most-requested pairs first, then by course order. */
  pairs: CoursePair[];
}

/**
 * Counts, for every pair of courses, the students whose primary requests name both: the
 * figure counselors use to keep singletons apart, and the builder's first guide.
 */
export function conflictMatrix(problem: SchoolProblem): ConflictMatrix {
  const order = new Map<string, number>();
  for (const course of problem.courses) if (!order.has(course.courseId)) order.set(course.courseId, order.size);
  const coursesOf = new Map<string, Set<number>>();
  for (const request of problem.requests) {
    if (request.alternateFor !== undefined) continue;
    const c = order.get(request.courseId);
    if (c === undefined) continue;
    const set = coursesOf.get(request.studentId) ?? new Set<number>();
    set.add(c);
    coursesOf.set(request.studentId, set);
  }
  const known = new Set(problem.students.map((s) => s.studentId));
  const diagonal = new Array<number>(order.size).fill(0);
  const counts = new Map<number, number>();
  for (const [studentId, set] of coursesOf) {
    if (!known.has(studentId)) continue;
    const list = [...set].sort((a, b) => a - b);
    for (let i = 0; i < list.length; i++) {
      diagonal[list[i]]++;
      for (let j = i + 1; j < list.length; j++) {
        const key = list[i] * order.size + list[j];
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  const ids = [...order.keys()];
  const pairs = [...counts.entries()]
    .sort((x, y) => y[1] - x[1] || x[0] - y[0])
    .map(([key, students]) => ({ courseA: ids[Math.floor(key / order.size)], courseB: ids[key % order.size], students }));
  return { schoolId: problem.school.schoolId, courses: ids.map((courseId, c) => ({ courseId, students: diagonal[c] })), pairs };
}

/**
 * The same counts on the builder's instance, dense (nCourses x nCourses, symmetric, diagonal =
 * students requesting the course), from each student's primary courses.
 */
export function courseConflictCounts(inst: BuildInstance): Float64Array {
  const n = inst.nCourses;
  const counts = new Float64Array(n * n);
  const courses: number[] = [];
  for (let i = 0; i < inst.nStudents; i++) {
    courses.length = 0;
    for (let g = inst.studentGroupStart[i]; g < inst.studentGroupStart[i + 1]; g++) {
      const c = inst.groupCourse[g];
      if (inst.groupPrimary[g] && c >= 0 && !courses.includes(c)) courses.push(c);
    }
    for (let a = 0; a < courses.length; a++) {
      counts[courses[a] * n + courses[a]]++;
      for (let b = a + 1; b < courses.length; b++) {
        counts[courses[a] * n + courses[b]]++;
        counts[courses[b] * n + courses[a]]++;
      }
    }
  }
  return counts;
}
