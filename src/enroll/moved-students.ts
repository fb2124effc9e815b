import type { Enrollment } from "../domain/roster.ts";

/** One student whose kept seats changed in an incremental run, with the seats before and after. */
export interface MovedStudent {
  studentId: string;
  /** Section ids the student held before (the pinned seats), sorted. */
  from: string[];
  /** Section ids the student holds now, sorted. */
  to: string[];
  reason: string;
}

/**
 * Students of `before` who lost any of those seats in `after`: a student counts once however
 * many seats changed. New seats of a student who lost none are placements, not moves.
 */
export function movedStudents(before: Enrollment[], after: Enrollment[], reasonOf: (studentId: string) => string): MovedStudent[] {
  const sectionsOf = (rows: Enrollment[]): Map<string, string[]> => {
    const byStudent = new Map<string, string[]>();
    for (const row of rows) {
      const list = byStudent.get(row.studentId) ?? [];
      list.push(row.sectionId);
      byStudent.set(row.studentId, list);
    }
    return byStudent;
  };
  const was = sectionsOf(before);
  const now = sectionsOf(after);
  const moved: MovedStudent[] = [];
  for (const [studentId, from] of was) {
    const to = now.get(studentId) ?? [];
    const held = new Set(to);
    if (from.every((sectionId) => held.has(sectionId))) continue;
    moved.push({ studentId, from: [...from].sort(), to: [...to].sort(), reason: reasonOf(studentId) });
  }
  return moved;
}
