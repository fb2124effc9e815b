import { InvalidArgumentError } from "commander";
import { summarize } from "../../report/run-report.ts";
import { listSchoolIds, closeStore, openStore, describeStoreUrl, resolveStoreUrl } from "../../store/index.ts";
import { createProgressView } from "../../district/progress-bar.ts";
import { queueSetup } from "../../district/queue-setup.ts";
import { poolExecutor, queueExecutor } from "../../district/executors.ts";
import { inlineExecutor } from "../../district/inline-executor.ts";
import { fromStore, runSchools } from "../../district/run-schools.ts";
import { EXIT } from "../exit-codes.ts";
import { printRunSummary } from "../print-run-summary.ts";
import type { StoreScheduleOptions } from "./schedule-store-options.ts";

/** `mse schedule --school ID | --all`: schedules schools held in the store and publishes their rosters. */
export async function storeScheduleAction(opts: StoreScheduleOptions): Promise<void> {
  if (!opts.all && opts.school.length === 0)
    throw new InvalidArgumentError(
      "say what to schedule: --input DIR --out DIR (a problem's files), or --school ID (repeatable) / --all (schools of the store)",
    );
  const url = resolveStoreUrl(opts.db);
  const store = await openStore(url, { mustExist: true });
  try {
    const ids = opts.all ? await listSchoolIds(store) : opts.school;
    const startedAt = new Date();
    // One school: this thread, a plain run. Several: a district run on this machine's worker pool, or on the queue (mse worker).
    const one = ids.length <= 1 && !opts.queue && opts.threads === undefined;
    const onEnqueued = (id: string) =>
      console.error(`district run ${id} queued (it goes on if this command stops; see mse nightly history)`);
    const executor = opts.queue
      ? queueExecutor(queueSetup(opts.redis, opts.prefix), { timeoutMs: opts.schoolTimeout, onEnqueued })
      : one
        ? inlineExecutor()
        : poolExecutor({ threads: opts.threads, timeoutMs: opts.schoolTimeout });
    const view = one ? undefined : createProgressView();
    const { reports, failures } = await runSchools(
      fromStore(store, ids, { publish: opts.publish, waitMs: opts.wait, districtRunId: one ? false : undefined }),
      executor,
      {
        schedule: { seed: opts.seed, quality: opts.quality, timeLimitMs: opts.timeLimit, loader: opts.loader },
        attempts: opts.attempts ?? (one ? 1 : undefined),
        onProgress: view && ((p) => view.update(p)),
        onSchool: (schoolId, outcome) => {
          if ("report" in outcome && one)
            console.log(
              `${schoolId}: ${outcome.report.primaryMet}/${outcome.report.primaryRequests} primary requests met${opts.publish ? ", published" : ""}`,
            );
        },
      },
    ).finally(async () => {
      view?.stop();
      if (executor.kind !== "queue") await executor.close();
    });
    for (const f of failures)
      console.error(`${f.schoolId}: failed: ${f.reason}${one ? "" : ` (${f.attempts} attempt(s))`}`);
    const { school: _s, all: _a, db: _d, redis: _r, prefix: _p, ...parameters } = opts;
    printRunSummary(summarize(reports, { startedAt, finishedAt: new Date(), parameters }));
    console.log(
      `${reports.length} school(s) scheduled${opts.publish ? " and published" : ""} in ${describeStoreUrl(url)}${failures.length ? `, ${failures.length} failed (their live rosters are unchanged; run them again)` : ""}`,
    );
    if (failures.length) process.exitCode = EXIT.failed;
  } finally {
    await closeStore(store);
  }
}
