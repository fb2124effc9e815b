/**
 * The stable what-if: the edited master schedule loaded the way a change would reach the live
 * roster without disturbing it: every live seat that still fits is kept, and only the students
 * who lost a seat (their section moved into a period they are busy in, closed, shrank) or have
 * a request unmet are placed (src/enroll's incremental schedule, moving nobody else). Its
 * difference from the live roster names exactly the students the edit would move. A full quick
 * re-run (what-if.ts) reshuffles nearly every student of a school for any edit (about 2,850 of
 * 3,000 on the high-school preset for one section moved), so its "who changes" says nothing.
 */
import type { SchoolProblem } from "../domain/problem.ts";
import type { SchoolRoster } from "../domain/roster.ts";
import { incrementalSchedule } from "../enroll/incremental-schedule.ts";
import { schoolReportOf } from "../report/school-report.ts";
import type { Loaded } from "./what-if.ts";

/**
 * The stable load of `problem` from the `base` roster (the live one), at quick quality. A
 * student seated in a section the edits moved, restaffed or closed gets a whole new schedule
 * (in a school where every period is taught, a section moved to another period only fits a
 * student whose other classes move too); everyone else keeps every seat that still fits.
 */
export async function stableLoad(problem: SchoolProblem, base: SchoolRoster, seed: number): Promise<Loaded> {
  const outcome = await incrementalSchedule(problem, withoutMovedStudents(problem, base), {
    seed,
    quality: "quick",
    allowMoves: 0,
  });
  return { roster: outcome.roster, report: schoolReportOf(problem, outcome) };
}

/** The base roster without any seat of a student who sits in a section placed otherwise (or gone) in `problem`. */
export function withoutMovedStudents(problem: SchoolProblem, base: SchoolRoster): SchoolRoster {
  const now = new Map(problem.sections.map((s) => [s.sectionId, s]));
  const changed = new Set<string>();
  for (const p of base.sections) {
    const s = now.get(p.sectionId);
    if (
      !s ||
      s.period !== p.period ||
      s.teacherId !== p.teacherId ||
      s.coTeacherId !== p.coTeacherId ||
      s.roomId !== p.roomId
    )
      changed.add(p.sectionId);
  }
  const moved = new Set(base.enrollments.filter((e) => changed.has(e.sectionId)).map((e) => e.studentId));
  if (moved.size === 0) return base;
  return { ...base, enrollments: base.enrollments.filter((e) => !moved.has(e.studentId)) };
}
