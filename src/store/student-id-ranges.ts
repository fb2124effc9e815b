/**
 * A proof, cheap to make, that no student ID is listed by two schools of an import: each
 * school lists its students in increasing ID order and the schools' ranges of IDs do not
 * overlap, as an export sorted by school and student ID has them (the district preset's
 * 683,132 IDs rise from first to last). Where it holds, the import need not keep every ID in
 * a Map to find the ones two schools share (studentClaims): on the district 0.22-0.32 s of
 * CPU against 0.03 (load 18).
 */
import type { Student } from "../domain/problem.ts";

/** The first and last of a school's student IDs when they increase from one to the next; undefined when they do not (or the school has none). */
export function increasingIdRange(students: readonly Student[]): [first: string, last: string] | undefined {
  if (students.length === 0) return undefined;
  let last = students[0]!.studentId;
  for (let i = 1; i < students.length; i++) {
    const id = students[i]!.studentId;
    if (!(id > last)) return undefined;
    last = id;
  }
  return [students[0]!.studentId, last];
}

/** True when no two of these ranges of IDs share an ID (each range from its first to its last ID, both included). */
export function rangesApart(ranges: readonly (readonly [first: string, last: string])[]): boolean {
  const sorted = [...ranges].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) if (!(sorted[i]![0] > sorted[i - 1]![1])) return false;
  return true;
}
