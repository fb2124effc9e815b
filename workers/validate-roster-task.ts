/**
 * The pool's check of a stale live roster (src/api/servable-roster.ts): the independent
 * validator on a pool thread, so that a 2,000-student school's check (30-50 ms) never holds the
 * thread that answers requests.
 */
import { move } from "piscina";
import type { SchoolProblem } from "../src/domain/problem.ts";
import type { SchoolRoster } from "../src/domain/roster.ts";
import { decodeValue, encodeValue, type ValidateTask } from "../src/district/school-task.ts";
import { validateSchoolRoster } from "../solver/check/validate-roster.ts";

/** The roster's violations of its school's problem, encoded. */
export async function validateRosterTask(task: ValidateTask): Promise<ReturnType<typeof move>> {
  const { problem, roster } = decodeValue<{ problem: SchoolProblem; roster: SchoolRoster }>(task.input);
  return move(encodeValue(validateSchoolRoster(problem, roster)));
}
