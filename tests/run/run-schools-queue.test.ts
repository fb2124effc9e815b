import { afterAll, beforeAll, expect, it } from "vitest";
import type { DistrictProgress } from "../../src/district/district-progress.ts";
import { poolExecutor, queueExecutor } from "../../src/district/executors.ts";
import { fromStore, runSchools } from "../../src/district/run-schools.ts";
import {
  importProblem,
  closeStore,
  openStore,
  readRunRoster,
  listRuns,
  startRun,
  type Store,
} from "../../src/store/index.ts";
import { Queue } from "bullmq";
import { QUEUE_NAMES, queueSetup } from "../../src/district/queue-setup.ts";
import type { SchoolJobData, SchoolJobResult } from "../../src/district/queue-jobs.ts";
import { startQueueWorker, type QueueWorker } from "../../workers/queue-worker.ts";
import {
  createPostgresDatabase,
  describeWithServices,
  dropPrefix,
  REDIS_URL,
  uniquePrefix,
} from "../district/support/services.ts";
import { canonicalRoster, DETERMINISTIC, smallSchools } from "../district/support/small-district.ts";
import { joinSchools } from "../../src/domain/join-schools.ts";

describeWithServices(
  "runSchools of the store on the pool and the queue (what mse schedule --all runs)",
  ["redis", "postgres"],
  () => {
    let database: { url: string; drop: () => Promise<void> };
    let store: Store;
    let worker: QueueWorker;
    const prefix = uniquePrefix("store-district");
    const schoolIds: string[] = [];

    beforeAll(async () => {
      database = await createPostgresDatabase("store_district");
      store = await openStore(database.url);
      const schools = smallSchools(480, 3);
      schoolIds.push(...schools.map((s) => s.school.schoolId));
      await importProblem(store, joinSchools(schools));
      worker = await startQueueWorker({
        redisUrl: REDIS_URL,
        prefix,
        databaseUrl: database.url,
        threads: 1,
        log: () => undefined,
      });
    });

    afterAll(async () => {
      await worker?.close();
      await closeStore(store);
      await database.drop();
      await dropPrefix(prefix);
    });

    it("saves the same rosters in-process and on the queue for the same seed, and reports progress either way", async () => {
      const local: DistrictProgress[] = [];
      const queued: DistrictProgress[] = [];
      const pool = poolExecutor({ threads: 2 });
      const inProcess = await runSchools(fromStore(store, schoolIds), pool, {
        schedule: DETERMINISTIC,
        onProgress: (p) => local.push(p),
      }).finally(() => pool.close());
      let enqueued = "";
      const onQueue = await runSchools(
        fromStore(store, schoolIds),
        queueExecutor(queueSetup(REDIS_URL, prefix), { onEnqueued: (id) => (enqueued = id) }),
        {
          schedule: DETERMINISTIC,
          onProgress: (p) => queued.push(p),
        },
      );
      expect(onQueue.districtRunId).toBe(enqueued);
      expect([inProcess.failures, onQueue.failures]).toEqual([[], []]);
      expect(onQueue.reports.map((r) => r.schoolId)).toEqual([...schoolIds].sort());
      for (const id of schoolIds) {
        const [first, second] = await listRuns(store, id);
        expect([first!.parameters.districtRun, second!.parameters.districtRun]).toEqual([
          inProcess.districtRunId,
          onQueue.districtRunId,
        ]);
        expect(canonicalRoster(await readRunRoster(store, second!.runId))).toEqual(
          canonicalRoster(await readRunRoster(store, first!.runId)),
        );
      }
      for (const events of [local, queued])
        expect(events.at(-1)).toMatchObject({ schoolsTotal: 3, schoolsDone: 3, schoolsFailed: 0 });
    });

    it("puts a school that another run holds back on the queue until that run's lease ends, without spending an attempt, then runs it", async () => {
      const id = schoolIds[0]!;
      // A counselor's run whose process stalls: its lease runs out in a second and a half.
      const stuck = await startRun(store, id, { seed: 1 }, { leaseMs: 1_500 });
      const outcome = await runSchools(fromStore(store, [id]), queueExecutor(queueSetup(REDIS_URL, prefix)), {
        schedule: DETERMINISTIC,
        attempts: 1,
      });
      expect(outcome.failures).toEqual([]);
      expect(outcome.reports.map((r) => r.schoolId)).toEqual([id]);
      const runs = await listRuns(store, id);
      expect(runs.find((r) => r.runId === stuck.runId)).toMatchObject({ status: "abandoned", error: "lease expired" });
      const schools = new Queue<SchoolJobData, SchoolJobResult>(QUEUE_NAMES.schools, queueSetup(REDIS_URL, prefix));
      try {
        const [job] = (await schools.getJobs(["completed"], 0, -1)).filter(
          (j) => j.data.districtRunId === outcome.districtRunId,
        );
        // Started twice (put back once), one attempt spent: with attempts: 1 a spent attempt would have failed the school.
        expect([job!.attemptsStarted, job!.attemptsMade]).toEqual([2, 1]);
        expect(job!.returnvalue.runId).toBe(runs.at(-1)!.runId);
      } finally {
        await schools.close();
      }
    });
  },
);
