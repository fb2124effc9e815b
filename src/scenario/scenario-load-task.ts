/**
 * A what-if's load as a pool task, cheap to send: the school's problem but its sections (and,
 * for a stable load, the live roster) cross to the threads once per version, as shared memory
 * each thread decodes once and keeps; a task then carries only the scenario's sections and the
 * seed. Sending and decoding the whole 3,000-student problem for every load took 15-45 ms on
 * the HTTP thread and about 50 ms on the worker (v8 serialization of 5.6 MB), per load.
 */
import v8 from "node:v8";
import type { SchoolProblem, Section } from "../domain/problem.ts";
import type { SchoolRoster } from "../domain/roster.ts";
import { decodeValue, encodeValue } from "../district/school-task.ts";
import { schoolReportOf } from "../report/school-report.ts";
import { scheduleSchool } from "../run/schedule-school.ts";
import { stableLoad } from "./stable-load.ts";
import type { Loaded } from "./what-if.ts";

/** Bytes in memory every thread shares, with the key a thread keeps their decoded value under. */
interface SharedPart {
  key: string;
  bytes: Uint8Array;
}

export interface ScenarioLoadTask {
  mode: "load" | "stable";
  /** The problem without its sections. */
  school: SharedPart;
  sections: Uint8Array;
  seed: number;
  /** Stable loads: the roster they start from. */
  base?: SharedPart;
}

/** The school parts already shared, by the identity of the problem's students (the store keeps one problem object per version). */
const sharedSchools = new WeakMap<object, SharedPart>();
const sharedRosters = new WeakMap<SchoolRoster, SharedPart>();
let nextKey = 1;

function share(value: unknown): SharedPart {
  const bytes = v8.serialize(value);
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  shared.set(bytes);
  return { key: `${process.pid}:${nextKey++}`, bytes: shared };
}

/** The task for a load of `problem` (whose sections are the scenario's). */
export function scenarioLoadTask(
  mode: "load" | "stable",
  problem: SchoolProblem,
  seed: number,
  base?: SchoolRoster,
): ScenarioLoadTask {
  let school = sharedSchools.get(problem.students);
  if (!school) {
    const { sections: _, ...rest } = problem;
    sharedSchools.set(problem.students, (school = share(rest)));
  }
  let roster: SharedPart | undefined;
  if (base) {
    roster = sharedRosters.get(base);
    if (!roster) sharedRosters.set(base, (roster = share(base)));
  }
  return { mode, school, sections: encodeValue(problem.sections), seed, ...(roster ? { base: roster } : {}) };
}

/** On a thread: what it decoded, by key (a school's problem and live roster, a version or two). */
const decoded = new Map<string, unknown>();

function recall<T>(part: SharedPart): T {
  let value = decoded.get(part.key);
  if (value === undefined) {
    value = v8.deserialize(Buffer.from(part.bytes));
    decoded.set(part.key, value);
    while (decoded.size > 4) decoded.delete(decoded.keys().next().value!);
  }
  return value as T;
}

/** Runs the task (on a pool thread); returns the Loaded encoded. */
export async function runScenarioLoadTask(task: ScenarioLoadTask): Promise<Uint8Array> {
  const problem: SchoolProblem = {
    ...recall<Omit<SchoolProblem, "sections">>(task.school),
    sections: decodeValue<Section[]>(task.sections),
  };
  let loaded: Loaded;
  if (task.mode === "stable") loaded = await stableLoad(problem, recall<SchoolRoster>(task.base!), task.seed);
  else {
    const outcome = await scheduleSchool(problem, { seed: task.seed, quality: "quick", loader: "solver" });
    loaded = { roster: outcome.roster, report: schoolReportOf(problem, outcome) };
  }
  return encodeValue(loaded);
}
