/** The data and results of the district queues' jobs: plain JSON, since they live in Redis. */
import type { RunReport, SchoolReport } from "../report/run-report.ts";
import type { SchoolFailure } from "./school-failure.ts";
import type { ScheduleOptions } from "../run/schedule-school.ts";

/** Who started a district run. */
export type DistrictTrigger = "cli" | "nightly" | "api";

/** One school of a district run. */
export interface SchoolJobData {
  districtRunId: string;
  /** When the district run was enqueued (ISO); see priorDistrictRun. */
  startedAt: string;
  schoolId: string;
  students: number;
  schedule: ScheduleOptions;
  publish: boolean;
  /** Per-attempt cap on the solve, in ms. */
  timeoutMs?: number;
  /** The store lease of the school's run, in ms. */
  leaseMs?: number;
}

/** What a school job returns: the run in the store and the school's line of report.json. */
export interface SchoolJobResult {
  schoolId: string;
  runId: number;
  published: boolean;
  /** An earlier attempt had already saved the run: this attempt wrote nothing. */
  reused: boolean;
  report: SchoolReport;
}

/** The parent job of a district run: it runs once every school job has finished, one way or the other. */
export interface DistrictJobData {
  districtRunId: string;
  trigger: DistrictTrigger;
  startedAt: string;
  schools: number;
  students: number;
  schedule: ScheduleOptions;
  publish: boolean;
}

/** The outcome of a district run, kept as the parent job's return value: what the history shows. */
export interface DistrictRunSummary {
  districtRunId: string;
  trigger: DistrictTrigger;
  startedAt: string;
  finishedAt: string;
  schools: number;
  succeeded: number;
  /** Schools whose run an earlier attempt had saved (retried after a crash or a lost worker). */
  reused: number;
  failed: SchoolFailure[];
  /** The district's totals, as report.json has them. */
  totals: RunReport["totals"];
}
