import type { ConflictMatrix } from "../../../solver/master-schedule/conflict-matrix.ts";

/** Columns of conflict-matrix.csv. */
export const CONFLICT_MATRIX_COLUMNS = ["school_id", "course_a", "course_b", "students"] as const;

/** One row of conflict-matrix.csv. */
export type ConflictMatrixRow = Record<(typeof CONFLICT_MATRIX_COLUMNS)[number], string>;

/**
 * The rows of a school's conflict matrix as counselors read it: first the diagonal (course_a =
 * course_b: students requesting the course), then every pair requested together, most shared first.
 */
export function* conflictMatrixRows(matrix: ConflictMatrix): Generator<ConflictMatrixRow> {
  for (const { courseId, students } of matrix.courses) {
    if (students > 0)
      yield { school_id: matrix.schoolId, course_a: courseId, course_b: courseId, students: String(students) };
  }
  for (const pair of matrix.pairs) {
    yield {
      school_id: matrix.schoolId,
      course_a: pair.courseA,
      course_b: pair.courseB,
      students: String(pair.students),
    };
  }
}
