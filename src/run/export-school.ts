/**
 * One school of `mse export`, read and checked and, when its roster is to be written, turned
 * into its lines of every file of the roster directory: the work of one pool task
 * (export-school-task.ts), or of the export's own thread for a few schools.
 */
import { settledThreadCpuSeconds, threadCpuSeconds } from "./thread-cpu.ts";
import { validateSchoolRoster } from "../../solver/check/validate-roster.ts";
import type { RosterWriteOptions } from "../io/oneroster/export-context.ts";
import { schoolCsv, type SchoolCsv } from "../io/oneroster/school-csv.ts";
import {
  getRun,
  readExportRoster,
  readSchoolProblemVersioned,
  writableLiveRoster,
  type CheckedSchool,
  type Store,
} from "../store/index.ts";

/** Which school to export, from which run, and how. */
export interface SchoolExportTask {
  schoolId: string;
  /** The school's live run. */
  runId: number;
  /** Build the lines of a roster that breaks a hard constraint too, if it can be written at all. */
  force?: boolean;
  options: RosterWriteOptions;
  /**
   * Read the thread's CPU time settled at each phase's end (settledThreadCpuSeconds): a
   * benchmark's split of the threads' time, for 78 µs of wall time a reading, three a school (the
   * first, at the start, follows a pool thread's wait for the school, which settles it).
   */
  settledClock?: boolean;
}

/** A school read and checked; `csv` when its roster is to be written. */
export interface ExportedSchool extends CheckedSchool {
  /** Its students, every school read (two schools must not list one student). */
  studentIds: string[];
  /** Student seats of its roster. */
  enrollments: number;
  csv?: SchoolCsv;
  /**
   * Seconds of this thread reading the store, validating and building the lines: wall time, and
   * where Linux tells it, the thread's own CPU time (not V8's helper threads); the nightly reports them.
   */
  seconds: Record<"read" | "validate" | "build", { wall: number; cpu?: number }>;
}

/** The calling thread's wall and CPU seconds so far (CPU where the system tells it; `settled`: see SchoolExportTask). */
function threadClock(settled = false): { wall: number; cpu?: number } {
  return { wall: performance.now() / 1000, cpu: settled ? settledThreadCpuSeconds() : threadCpuSeconds() };
}

/** The time between two readings of threadClock. */
function between(from: { wall: number; cpu?: number }, to: { wall: number; cpu?: number }) {
  return {
    wall: to.wall - from.wall,
    cpu: from.cpu === undefined || to.cpu === undefined ? undefined : to.cpu - from.cpu,
  };
}

/** Reads, checks and builds one school (see the file's comment). */
export async function exportSchool(store: Store, task: SchoolExportTask): Promise<ExportedSchool> {
  const { schoolId, runId } = task;
  const started = threadClock();
  const { problem, problemVersion } = await readSchoolProblemVersioned(store, schoolId, { once: true });
  const run = (await getRun(store, runId))!;
  const roster = await readExportRoster(store, runId);
  const read = threadClock(task.settledClock);
  const violations = validateSchoolRoster(problem, roster);
  const validated = threadClock(task.settledClock);
  const csv = writableLiveRoster(violations, task.force) ? schoolCsv(problem, roster, task.options) : undefined;
  const built = threadClock(task.settledClock);
  return {
    schoolId,
    runId,
    run: {
      problemVersion: run.problemVersion,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      metrics: run.metrics,
    },
    problemVersion,
    violations,
    studentIds: csv?.studentIds ?? problem.students.map((student) => student.studentId),
    enrollments: roster.enrollments.length,
    csv,
    seconds: { read: between(started, read), validate: between(read, validated), build: between(validated, built) },
  };
}
