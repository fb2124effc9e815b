/**
 * Whether a scenario's master schedule breaks a hard constraint. The rules are not written
 * again here: the independent validator (solver/check) checks the scenario's sections as a
 * roster with nobody seated yet, so teacher and room clashes, unavailable periods,
 * qualifications, special-education staffing, max_sections, periods out of range and unknown
 * teachers or rooms each keep their one home. Locked sections are the edits' to guard
 * (edits.ts): the validator compares a roster with its problem, and here both are the scenario.
 */
import type { Problem, SchoolProblem } from "../domain/problem.ts";
import type { ScenarioSection } from "../domain/scenario.ts";
import { validateRoster } from "../../solver/check/validate-roster.ts";
import { asSection } from "./scenario-problem.ts";

/** Every broken hard constraint of the scenario's open sections, one message each ([] = a valid master schedule). */
export function scheduleConflicts(problem: SchoolProblem, sections: readonly ScenarioSection[]): string[] {
  const open = sections.filter((s) => !s.closed).map(asSection);
  // No students: only the master schedule is checked, in time linear in the sections.
  // Teachers as if the builder had assigned them: the validator then checks every one's qualification, not only those it placed.
  const unstaffed = open.map(({ teacherId: _, coTeacherId: __, ...rest }) => rest);
  const shell: Problem = {
    schools: [problem.school],
    courses: problem.courses,
    teachers: problem.teachers,
    rooms: problem.rooms,
    sections: unstaffed,
    students: [],
    requests: [],
    avoid: [],
  };
  const roster = {
    schoolId: problem.school.schoolId,
    sections: open.map((s) => ({
      sectionId: s.sectionId,
      period: s.period,
      teacherId: s.teacherId,
      coTeacherId: s.coTeacherId,
      roomId: s.roomId,
    })),
    enrollments: [],
    unscheduled: [],
  };
  return validateRoster(shell, [roster]).map((v) => v.message);
}

/** The conflicts of `after` that `before` did not have: what an edit would break. */
export function newConflicts(
  problem: SchoolProblem,
  before: readonly ScenarioSection[],
  after: readonly ScenarioSection[],
): string[] {
  let had = known.get(before);
  if (!had || had.problem !== problem)
    known.set(before, (had = { problem, messages: new Set(scheduleConflicts(problem, before)) }));
  const { messages } = had;
  return scheduleConflicts(problem, after).filter((message) => !messages.has(message));
}

/** The conflicts of master schedules already checked (scenario sections are never changed in place): trying every period of a section checks the current one once. */
const known = new WeakMap<readonly ScenarioSection[], { problem: SchoolProblem; messages: Set<string> }>();
