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
    .map(([key, students]) => ({
      courseA: ids[Math.floor(key / order.size)],
      courseB: ids[key % order.size],
      students,
    }));
  return {
    schoolId: problem.school.schoolId,
    courses: ids.map((courseId, c) => ({ courseId, students: diagonal[c] })),
    pairs,
  };
}

/**
 * The same counts on the builder's instance, dense over conflict classes (nClasses x nClasses,
 * symmetric, diagonal = students requesting the class): a class is a course, split per team for
 * a team's sections (constraint 11), so a team's sections conflict only through its own
 * students: the conflict matrix of each team. A student's primary request counts in the classes
 * of the sections open to it (their team's, or the untimed ones).
 */
export function classConflictCounts(inst: BuildInstance): Float64Array {
  const n = inst.nClasses;
  const counts = new Float64Array(n * n);
  const classes: number[] = [];
  for (let i = 0; i < inst.nStudents; i++) {
    classes.length = 0;
    for (let g = inst.studentGroupStart[i]; g < inst.studentGroupStart[i + 1]; g++) {
      if (!inst.groupPrimary[g]) continue;
      for (let k = inst.groupOptStart[g]; k < inst.groupOptStart[g + 1]; k++) {
        const s = inst.groupOpt[k];
        if (inst.secCourse[s] !== inst.groupCourse[g]) continue;
        if (!classes.includes(inst.secClass[s])) classes.push(inst.secClass[s]);
      }
    }
    for (let a = 0; a < classes.length; a++) {
      counts[classes[a] * n + classes[a]]++;
      for (let b = a + 1; b < classes.length; b++) {
        counts[classes[a] * n + classes[b]]++;
        counts[classes[b] * n + classes[a]]++;
      }
    }
  }
  return counts;
}
