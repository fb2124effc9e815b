import { afterAll, beforeAll, expect, it } from "vitest";
import { enqueueStoreDistrictRun } from "../../src/district/enqueue-district-run.ts";
import { queueSetup, type QueueSetup } from "../../src/district/queue-setup.ts";
import { poolExecutor } from "../../src/district/executors.ts";
import { fromFiles, runSchools } from "../../src/district/run-schools.ts";
import { waitForDistrictRun } from "../../src/district/wait-for-district-run.ts";
import type { SchoolProblem } from "../../src/domain/problem.ts";
import {
  importProblem,
  liveRoster,
  publicationHistory,
  closeStore,
  openStore,
  listRuns,
  type Store,
} from "../../src/store/index.ts";
import { validateRoster } from "../../solver/check/validate-roster.ts";
import {
  createPostgresDatabase,
  describeWithServices,
  dropPrefix,
  REDIS_URL,
  uniquePrefix,
} from "../district/support/services.ts";
import { canonicalRoster, DETERMINISTIC, smallSchools, unsolvable } from "../district/support/small-district.ts";
import { spawnWorker, stopWorker, type WorkerProcess } from "./support/worker-process.ts";
import { countRows } from "../store/support/count-rows.ts";
import { joinSchools } from "../../src/domain/join-schools.ts";

/** The run of a good school that a worker process holds in the store, once it has one (the worker is then mid-school). */
async function runningRunOf(store: Store, pid: number): Promise<{ id: number; schoolId: string }> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const [run] = await store.db.query<{ id: number; school_id: string }>(
      `SELECT id, school_id FROM run WHERE status = 'running' AND holder LIKE $1 AND school_id <> 'ES-BROKEN' ORDER BY id LIMIT 1`,
      [`%:${pid}:%`],
    );
    if (run) return { id: Number(run.id), schoolId: run.school_id };
    if (Date.now() > deadline) throw new Error(`worker ${pid} started no run within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describeWithServices(
  "a district run on the queue (BullMQ on Redis, store on PostgreSQL)",
  ["redis", "postgres"],
  () => {
    let database: { url: string; drop: () => Promise<void> };
    let store: Store;
    let setup: QueueSetup;
    let schools: SchoolProblem[];
    const workers: WorkerProcess[] = [];

    beforeAll(async () => {
      database = await createPostgresDatabase("queue");
      store = await openStore(database.url);
      setup = queueSetup(REDIS_URL, uniquePrefix("queue"));
      // district-small's schools up to 1,000 students: 14 schools, some 8,000 students.
      schools = smallSchools(1_000);
      await importProblem(store, joinSchools([...schools, unsolvable(schools[0]!, "ES-BROKEN")]));
    });

    afterAll(async () => {
      await Promise.all(workers.map((worker) => stopWorker(worker)));
      await closeStore(store);
      await database.drop();
      await dropPrefix(setup.prefix);
    });

    const workerArgs = () => [
      "--prefix",
      setup.prefix,
      "--redis",
      REDIS_URL,
      "--db",
      database.url,
      "--threads",
      "1",
      "--lock-duration",
      "4",
      "--stalled-interval",
      "2",
    ];

    it("finishes although one of its two worker processes is killed (SIGKILL) midway: every school published exactly once, its assignments written once, every roster valid and equal to the in-process run's, and the bad school reported", async () => {
      workers.push(spawnWorker(workerArgs()), spawnWorker(workerArgs()));
      const [doomed, survivor] = workers as [WorkerProcess, WorkerProcess];
      await Promise.all(workers.map((worker) => worker.waitFor(/worker ready/)));

      const run = await enqueueStoreDistrictRun(setup, store, { schedule: DETERMINISTIC, attempts: 2, backoffMs: 200 });
      // Midway: the doomed worker holds a school's lease in the store, solving or saving it.
      const held = await runningRunOf(store, doomed.process.pid!);
      doomed.process.kill("SIGKILL");
      expect((await doomed.exited).signal).toBe("SIGKILL");
      const killedSchool = held.schoolId;

      const summary = await waitForDistrictRun(setup, run.districtRunId, { timeoutMs: 100_000 });
      expect(summary).toMatchObject({
        districtRunId: run.districtRunId,
        trigger: "cli",
        schools: schools.length + 1,
        succeeded: schools.length,
      });
      expect(summary.failed).toEqual([
        { schoolId: "ES-BROKEN", reason: expect.stringMatching(/64 slots/), attempts: 2 },
      ]);
      // The survivor found the killed worker's job stalled, took over the dead worker's lease and ran the school again.
      expect(survivor.lines.some((l) => /stalled/.test(l))).toBe(true);
      expect(
        survivor.lines.some(
          (l) => l.includes(`school ${JSON.stringify(killedSchool)}: run`) && l.includes("saved, published"),
        ),
      ).toBe(true);
      expect((await listRuns(store, killedSchool)).find((r) => r.runId === held.id)).toMatchObject({
        status: "abandoned",
      });

      const executor = poolExecutor({ threads: 2 });
      const inProcess = await runSchools(fromFiles(schools), executor, { schedule: DETERMINISTIC }).finally(() =>
        executor.close(),
      );
      expect(inProcess.failures).toEqual([]);
      for (const [i, school] of schools.entries()) {
        const id = school.school.schoolId;
        expect(await publicationHistory(store, id)).toHaveLength(1);
        const live = (await liveRoster(store, id))!;
        expect(validateRoster(joinSchools([school]), [live.roster])).toEqual([]);
        expect(canonicalRoster(live.roster)).toEqual(canonicalRoster(inProcess.rosters[i]!));
        // Every assignment row of the school belongs to its one published run: none was written twice.
        const runs = await listRuns(store, id);
        expect(runs.filter((r) => r.status === "succeeded").map((r) => r.runId)).toEqual([live.runId]);
        expect(await countRows(store, "assignment", `run_id IN (${runs.map((r) => Number(r.runId)).join(", ")})`)).toBe(
          live.roster.enrollments.length,
        );
      }
    });
  },
);
