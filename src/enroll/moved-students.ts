import type { SchoolProblem } from "../domain/problem.ts";
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

/** The section ids of each student of `rows`. */
function sectionsByStudent(rows: readonly Enrollment[], only?: ReadonlySet<string>): Map<string, string[]> {
  const byStudent = new Map<string, string[]>();
  for (const row of rows) {
    if (only && !only.has(row.studentId)) continue;
    const list = byStudent.get(row.studentId);
    if (list) list.push(row.sectionId);
    else byStudent.set(row.studentId, [row.sectionId]);
  }
  return byStudent;
}

/** What moving the freed students did: each move explained, and the freed students whose move is not one to make. */
export interface MovesExplained {
  moved: MovedStudent[];
  /** Freed students who would lose a course they had, or whose seats nobody took: they must keep their seats. */
  refused: string[];
}

/**
 * Explains, student by student, the seats the freed students gave up: who moved, from which
 * sections to which, and for whom (the students now in a section they left who were not in it
 * before the moves). A move is a trade the moved student does not pay for: one that costs the
 * student a course they had, or frees a seat nobody takes, is refused.
 *
 * `pinned` are the live seats of the freed students, `withoutMoves` the roster before any
 * move (late students placed), `withMoves` the candidate with the freed students re-solved.
 */
export function explainMoves(
  problem: SchoolProblem,
  freed: ReadonlySet<string>,
  pinned: readonly Enrollment[],
  withoutMoves: readonly Enrollment[],
  withMoves: readonly Enrollment[],
): MovesExplained {
  const courseOf = new Map(problem.sections.map((s) => [s.sectionId, s.courseId]));
  const was = sectionsByStudent(pinned, freed);
  const now = sectionsByStudent(withMoves, freed);
  const seatedBefore = new Set(withoutMoves.map((e) => `${e.studentId}\u0000${e.sectionId}`));
  const newcomers = new Map<string, string[]>();
  for (const e of withMoves) {
    if (seatedBefore.has(`${e.studentId}\u0000${e.sectionId}`)) continue;
    const list = newcomers.get(e.sectionId);
    if (list) list.push(e.studentId);
    else newcomers.set(e.sectionId, [e.studentId]);
  }
  const moved: MovedStudent[] = [];
  const refused: string[] = [];
  for (const [studentId, from] of was) {
    const to = now.get(studentId) ?? [];
    const left = from.filter((sectionId) => !to.includes(sectionId));
    if (left.length === 0) continue;
    const kept = new Set(to.map((sectionId) => courseOf.get(sectionId)));
    const lost = from.some((sectionId) => !kept.has(courseOf.get(sectionId)));
    const gains = left.flatMap((sectionId) => {
      const takers = (newcomers.get(sectionId) ?? []).filter((id) => id !== studentId);
      return takers.length ? [`made room in ${sectionId} (${courseOf.get(sectionId)}) for ${takers.join(", ")}`] : [];
    });
    if (lost || gains.length === 0) {
      refused.push(studentId);
      continue;
    }
    const joined = to.filter((sectionId) => !from.includes(sectionId));
    moved.push({
      studentId,
      from: [...from].sort(),
      to: [...to].sort(),
      reason: `${gains.join("; ")}; now in ${joined.join(", ")}, keeping every course`,
    });
  }
  return { moved, refused };
}
