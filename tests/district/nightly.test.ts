import { Queue } from "bullmq";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeDistrictRun } from "../../src/cli/commands/nightly.ts";
import { districtRunHistory } from "../../src/district/district-run-history.ts";
import { nightlyRunId, processNightlyJob } from "../../src/district/nightly-job.ts";
import {
  getNightly,
  removeNightly,
  runNightlyNow,
  setNightly,
  type NightlyJobData,
} from "../../src/district/nightly-schedule.ts";
import type { DistrictJobData, DistrictRunSummary } from "../../src/district/queue-jobs.ts";
import { QUEUE_NAMES, queueSetup, type QueueSetup } from "../../src/district/queue-setup.ts";
import { waitForDistrictRun } from "../../src/district/wait-for-district-run.ts";
import { importProblem, publicationHistory, closeStore, openStore, type Store } from "../../src/store/index.ts";
import { startQueueWorker, type QueueWorker } from "../../workers/queue-worker.ts";
import {
  createPostgresDatabase,
  describeWithServices,
  dropPrefix,
  REDIS_URL,
  uniquePrefix,
} from "./support/services.ts";
import { DETERMINISTIC, smallSchools } from "./support/small-district.ts";
import { joinSchools } from "../../src/domain/join-schools.ts";

describeWithServices("the nightly district run (BullMQ job scheduler)", ["redis", "postgres"], () => {
  let database: { url: string; drop: () => Promise<void> };
  let store: Store;
  let setup: QueueSetup;
  let worker: QueueWorker;
  const schoolIds: string[] = [];

  beforeAll(async () => {
    database = await createPostgresDatabase("nightly");
    store = await openStore(database.url);
    setup = queueSetup(REDIS_URL, uniquePrefix("nightly"));
    const schools = smallSchools(400, 2);
    schoolIds.push(...schools.map((s) => s.school.schoolId));
    await importProblem(store, joinSchools(schools));
    worker = await startQueueWorker({
      redisUrl: REDIS_URL,
      prefix: setup.prefix,
      databaseUrl: database.url,
      threads: 1,
      log: () => undefined,
    });
  });

  afterAll(async () => {
    await worker?.close();
    await closeStore(store);
    await database.drop();
    await dropPrefix(setup.prefix);
  });

  it("is a cron schedule at 02:00 in the district's time zone that can be read back and removed", async () => {
    const settings = {
      cron: "0 2 * * *",
      tz: "America/Los_Angeles",
      schedule: DETERMINISTIC,
      publish: true,
      attempts: 2,
    };
    const { next } = await setNightly(setup, settings);
    // 02:00 in Los Angeles is 09:00 or 10:00 UTC, depending on daylight saving time.
    expect([9, 10]).toContain(next!.getUTCHours());
    expect(next!.getUTCMinutes()).toBe(0);
    expect(next!.getTime()).toBeGreaterThan(Date.now());
    expect(await getNightly(setup)).toMatchObject({ ...settings, next });

    const moved = await setNightly(setup, { ...settings, cron: "30 3 * * *" });
    expect(moved.next!.getUTCMinutes()).toBe(30);
    expect((await getNightly(setup))!.cron).toBe("30 3 * * *");
    expect(await removeNightly(setup)).toBe(true);
    expect(await getNightly(setup)).toBeUndefined();
  });

  it("starts the district run of every school in the store, once even if its job is processed twice, and shows it in the history with its outcome", async () => {
    const nightlyJobId = await runNightlyNow(setup, { schedule: DETERMINISTIC, publish: true });
    const nightly = new Queue<NightlyJobData, { districtRunId: string }>(QUEUE_NAMES.nightly, {
      connection: setup.connection,
      prefix: setup.prefix,
    });
    const districts = new Queue<DistrictJobData, DistrictRunSummary>(QUEUE_NAMES.districts, {
      connection: setup.connection,
      prefix: setup.prefix,
    });
    try {
      // The worker takes the nightly job, which enqueues the district run.
      const deadline = Date.now() + 30_000;
      while ((await nightly.getJobState(nightlyJobId)) !== "completed" && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 100));
      const job = (await nightly.getJob(nightlyJobId))!;
      const districtRunId = nightlyRunId(job);
      expect(job.returnvalue).toEqual({ districtRunId });
      const summary = await waitForDistrictRun(setup, districtRunId, { timeoutMs: 60_000, pollMs: 200 });
      expect(summary).toMatchObject({ districtRunId, trigger: "nightly", schools: 2, succeeded: 2, failed: [] });
      for (const id of schoolIds) expect(await publicationHistory(store, id)).toHaveLength(1);

      // A nightly job run a second time (its worker lost after starting the district run) starts nothing new.
      expect(await processNightlyJob(job, { store, setup, districts, log: () => undefined })).toEqual({
        districtRunId,
      });
      const history = await districtRunHistory(setup, 5);
      expect(history.map((r) => [r.districtRunId, r.trigger, r.state])).toEqual([
        [districtRunId, "nightly", "finished"],
      ]);
      expect(history[0]!.summary!.totals.students).toBe(summary.totals.students);
      expect(describeDistrictRun(history[0]!)).toMatch(
        new RegExp(`${districtRunId}  nightly  2/2 schools in \\S+, primary requests met \\d+\\.\\d\\d%$`),
      );
    } finally {
      await nightly.close();
      await districts.close();
    }
  });

  it("names a scheduler-made nightly job's district run by its scheduled time, and one started by hand by when it was queued", () => {
    expect(nightlyRunId({ id: "repeat:nightly-district-run:1767232800000", timestamp: 0 })).toBe(
      "nightly-2026-01-01T02-00",
    );
    expect(nightlyRunId({ id: "42", timestamp: Date.UTC(2026, 4, 1, 21, 15, 30) })).toBe("nightly-2026-05-01T21-15-42");
  });
});
