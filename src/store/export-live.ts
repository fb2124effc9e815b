/**
 * The published state of the store as one problem plus its live rosters and report: what
 * `mse export` writes as a roster directory. School by school: a school whose live roster
 * cannot be exported (it breaks a hard constraint of the school's problem as it stands now,
 * typically because the school was re-imported after its run) is left out and the reason
 * given, so one school never stops the others. The store keeps only the current problem of
 * each school, so a roster is always checked against that, with the independent validator.
 */
import { validateSchoolRoster } from "../../solver/check/validate-roster.ts";
import type { Violation } from "../../solver/check/violation.ts";
import { joinSchools } from "../domain/join-schools.ts";
import type { Problem, SchoolProblem } from "../domain/problem.ts";
import type { SchoolRoster } from "../domain/roster.ts";
import type { SchoolReport } from "../report/run-report.ts";
import { listSchoolIds, readSchoolProblemVersioned } from "./load-school-problem.ts";
import { readRunRoster } from "./read-run-roster.ts";
import { getRun, type RunRecord } from "./run-records.ts";
import { queryRows, toNumber } from "./sql.ts";
import type { Store } from "./store.ts";
import { StudentInOtherSchoolError } from "./store-errors.ts";
import { studentClaims, type StudentIdsVouched } from "./student-identity.ts";
import { describeStoreUrl } from "./store-url.ts";

/** A school with a live roster that was left out of the export, and why. */
export interface SkippedSchool {
  schoolId: string;
  runId: number;
  reason: string;
  /** What the validator found, when that is the reason. */
  violations?: Violation[];
}

/** What a read of the live rosters found, beside the schools themselves. */
export interface LiveSchools {
  /** The metrics of each exported school's live run, in export order (summarize them with liveRunReport of src/report). */
  reports: SchoolReport[];
  /** When the exported runs started (the earliest) and finished (the latest), and what report.json says of their source. */
  summary: { startedAt: Date; finishedAt: Date; parameters: Record<string, unknown> };
  /** Live run per exported school. */
  runs: Record<string, number>;
  /** Schools left out: never published. */
  unpublished: string[];
  /** Schools with a live roster left out, each with its reason. */
  skipped: SkippedSchool[];
  /** Exported schools whose problem changed after their live run was made (the roster still fits it). */
  stale: string[];
  /** Exported although their roster breaks a hard constraint (asked for with `force`). */
  forced: SkippedSchool[];
}

/** The live schools read whole: every exported school's problem and roster, in export order. */
export interface LiveExport extends LiveSchools {
  problem: Problem;
  rosters: SchoolRoster[];
}

export interface ExportOptions {
  /** Export rosters that break a hard constraint too, if they can be written at all. */
  force?: boolean;
  /** The validator each roster is checked with (default: solver/check's validateSchoolRoster; a benchmark times it). */
  validate?: (problem: SchoolProblem, roster: SchoolRoster) => Violation[];
}

/** Violations that mean the roster names what the problem no longer has: it cannot be written against it. */
const unwritable = (v: Violation) => v.constraint.startsWith("unknown-") || v.constraint === "missing-section";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * Reads every school with a live roster (or just `schoolIds`), its problem, roster and metrics,
 * checks each roster, and leaves out (in `skipped`) those that fail. Throws
 * StudentInOtherSchoolError when two of the schools list one student: one person would be
 * two users of two orgs, and which school is right is for the district to say.
 */
export async function exportLive(store: Store, schoolIds?: string[], options: ExportOptions = {}): Promise<LiveExport> {
  const problems: SchoolProblem[] = [];
  const rosters: SchoolRoster[] = [];
  const read = await readLiveSchools(
    store,
    (problem, roster) => {
      problems.push(problem);
      rosters.push(roster);
    },
    schoolIds,
    options,
  );
  return { ...read, problem: joinSchools(problems), rosters };
}

/**
 * exportLive school by school: each exported school's problem and roster are handed to `take`
 * (awaited) as they are read and checked, in export order, and none is kept, so that a
 * district is written out holding one school at a time. Throws StudentInOtherSchoolError at
 * the end when two of the schools read list one student: what `take` wrote is then to be
 * thrown away.
 */
export async function readLiveSchools(
  store: Store,
  take: (problem: SchoolProblem, roster: SchoolRoster) => Promise<void> | void,
  schoolIds?: string[],
  options: ExportOptions = {},
): Promise<LiveSchools> {
  const validate = options.validate ?? validateSchoolRoster;
  const { ids, live } = await liveRunsOf(store, schoolIds);
  const tally = liveSchoolsTally(store, ids, live);
  for (const schoolId of ids) {
    const runId = live.get(schoolId);
    if (runId === undefined) continue;
    const { problem, problemVersion } = await readSchoolProblemVersioned(store, schoolId);
    // Checked on every school read, exported or not: the store itself is wrong then.
    tally.claim(
      schoolId,
      problem.students.map((student) => student.studentId),
      problemVersion,
    );
    const run = (await getRun(store, runId))!;
    const roster = await readRunRoster(store, runId);
    const read = { schoolId, runId, run, problemVersion, violations: validate(problem, roster) };
    if (!tally.admit(read, options.force)) continue;
    await take(problem, roster);
    tally.exported(read);
  }
  return tally.finish();
}

/** The schools to export (`schoolIds`, or every school of the store) and the live run of each that has one. */
export async function liveRunsOf(
  store: Store,
  schoolIds?: string[],
): Promise<{ ids: string[]; live: Map<string, number> }> {
  const ids = schoolIds ?? (await listSchoolIds(store));
  const rows = await queryRows<{ school_id: string; run_id: unknown }>(
    store.db,
    `SELECT school_id, run_id FROM live_roster WHERE school_id IN (${store.dialect.idList(1)})`,
    JSON.stringify(ids),
  );
  return { ids, live: new Map(rows.map((l) => [l.school_id, toNumber(l.run_id)])) };
}

/** What the export knows of one school once read and checked. */
export interface CheckedSchool {
  schoolId: string;
  runId: number;
  /** The live run's record, as much of it as the export reports. */
  run: Pick<RunRecord, "problemVersion" | "startedAt" | "finishedAt" | "metrics">;
  /** The version of the school's problem the roster was checked against. */
  problemVersion: number;
  /** What the independent validator found. */
  violations: Violation[];
}

/** True when a school's roster is to be written: it breaks nothing, or `force` lets through what can still be written. */
export function writableLiveRoster(violations: Violation[], force = false): boolean {
  return violations.length === 0 || (force && !violations.some(unwritable));
}

/**
 * What readLiveSchools finds, gathered school by school in export order, whichever thread read
 * and checked the schools: `claim` every school read (its students), `admit` says whether a
 * checked school is to be written (noting it as skipped or forced otherwise), `exported` notes
 * one written, and `finish` throws StudentInOtherSchoolError if two schools claimed one student.
 * `vouched`: what the store said of its student IDs while the schools were read (see
 * studentClaims), so that schools read as it said are not looked at student by student.
 */
export function liveSchoolsTally(store: Store, ids: string[], live: Map<string, number>, vouched?: StudentIdsVouched) {
  const claims = studentClaims(vouched);
  const reports: SchoolReport[] = [];
  const runs: Record<string, number> = {};
  const stale: string[] = [];
  const skipped: SkippedSchool[] = [];
  const forced: SkippedSchool[] = [];
  let startedAt: Date | undefined;
  let finishedAt: Date | undefined;
  return {
    /** Notes a school's students, read at `problemVersion` of its problem. */
    claim(schoolId: string, studentIds: readonly string[], problemVersion?: number): void {
      claims.addIds(schoolId, studentIds, problemVersion);
    },
    /** The school that first listed a student ID, of the schools claimed so far; none while `distinct`. */
    schoolOf: claims.schoolOf,
    /** True while no student of the schools claimed is another's, nor a teacher's (the store vouched, see studentClaims). */
    distinct: claims.distinct,
    admit({ schoolId, runId, run, problemVersion, violations }: CheckedSchool, force = false): boolean {
      if (violations.length === 0) return true;
      const since =
        run.problemVersion !== problemVersion
          ? ` (its problem changed after run ${runId} was made: version ${run.problemVersion} → ${problemVersion}; run the school again)`
          : "";
      const entry = {
        schoolId,
        runId,
        violations,
        reason: `live run ${runId} breaks ${plural(violations.length, "hard constraint")} of the school's problem${since}`,
      };
      if (!writableLiveRoster(violations, force)) {
        skipped.push(entry);
        return false;
      }
      forced.push(entry);
      return true;
    },
    exported({ schoolId, runId, run, problemVersion }: CheckedSchool): void {
      if (run.problemVersion !== problemVersion) stale.push(schoolId);
      if (run.metrics) reports.push(run.metrics);
      runs[schoolId] = runId;
      if (!startedAt || run.startedAt < startedAt) startedAt = run.startedAt;
      if (run.finishedAt && (!finishedAt || run.finishedAt > finishedAt)) finishedAt = run.finishedAt;
    },
    finish(): LiveSchools {
      if (claims.found.length > 0) throw new StudentInOtherSchoolError(claims.found);
      const now = new Date();
      const summary = {
        startedAt: startedAt ?? now,
        finishedAt: finishedAt ?? now,
        parameters: { source: "store", url: describeStoreUrl(store.url), runs },
      };
      return {
        reports,
        summary,
        runs,
        unpublished: ids.filter((id) => !live.has(id)),
        skipped,
        stale,
        forced,
      };
    },
  };
}
