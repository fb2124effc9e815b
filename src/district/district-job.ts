/** The queue's district job: runs when every school job of the run has finished, and keeps the run's summary as its result. */
import type { Job, Queue } from "bullmq";
import type { DistrictJobData, DistrictRunSummary, SchoolJobData, SchoolJobResult } from "./queue-jobs.ts";
import { failureReason, type SchoolFailure } from "./school-failure.ts";
import { summarizeDistrictRun } from "./summarize-district-run.ts";

export interface DistrictJobDeps {
  /** The schools queue, to name the school of each failed child. */
  schools: Queue<SchoolJobData, SchoolJobResult>;
  log: (line: string) => void;
}

/** The child's job ID from its key `prefix:queue:id`. */
function childJobId(key: string, queue: Queue): string {
  const head = `${queue.opts.prefix ?? "bull"}:${queue.name}:`;
  return key.startsWith(head) ? key.slice(head.length) : key.slice(key.lastIndexOf(":") + 1);
}

/** Summarizes the finished district run from its children's results and ignored failures. */
export async function processDistrictJob(
  job: Job<DistrictJobData, DistrictRunSummary>,
  deps: DistrictJobDeps,
): Promise<DistrictRunSummary> {
  const results = Object.values(await job.getChildrenValues<SchoolJobResult>());
  const failures: SchoolFailure[] = [];
  for (const [key, reason] of Object.entries(await job.getIgnoredChildrenFailures())) {
    const child = await deps.schools.getJob(childJobId(key, deps.schools));
    failures.push({
      schoolId: child?.data.schoolId ?? `(job ${key})`,
      reason: failureReason(reason),
      attempts: child?.attemptsMade ?? 0,
    });
  }
  const summary = summarizeDistrictRun(job.data, results, failures, new Date());
  deps.log(
    `district run ${summary.districtRunId}: ${summary.succeeded}/${summary.schools} schools scheduled` +
      (summary.failed.length
        ? `, ${summary.failed.length} failed (${summary.failed.map((f) => f.schoolId).join(", ")})`
        : ""),
  );
  return summary;
}
