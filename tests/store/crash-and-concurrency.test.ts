import { rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  closeStore,
  openStore,
  importProblem,
  liveRoster,
  publicationHistory,
  getRun,
  listRuns,
  type Store,
} from "../../src/store/index.ts";
import { runSchool } from "../../src/run/run-school.ts";
import { withReport } from "../../src/run/schedule-school.ts";
import { spawnChild } from "./support/child-process.ts";
import { forEachDatabase } from "./support/databases.ts";
import { districtOf, simpleRoster, trickySchool } from "./support/sample-problem.ts";

forEachDatabase((database) => {
  let store: Store;
  let url: string;
  beforeAll(async () => {
    url = await database.create();
    store = await openStore(url);
    await importProblem(store, districtOf(trickySchool("killed"), trickySchool("raced"), trickySchool("queued")));
  });
  afterAll(async () => {
    await closeStore(store);
    await database.destroy();
  });

  it("survives a SIGKILL in the middle of writing a run: the previous roster stays live and intact, the store consistent, and the retried run succeeds", async () => {
    const options = {
      schedule: { seed: 1, quality: "quick" as const, loader: "first-fit" as const },
      solve: async (p: Parameters<typeof simpleRoster>[0]) =>
        withReport(p, { roster: simpleRoster(p, 1), bounds: undefined as never, timings: {} }),
    };
    const previous = await runSchool(store, "killed", options);
    const before = await liveRoster(store, "killed");

    const child = spawnChild(["write", url, "killed", "200000"]);
    const runId = Number((await child.waitFor(/^run \d+/)).split(" ")[1]);
    await child.waitFor(/^written \d+/); // the first chunk is in, inside the open transaction
    child.process.kill("SIGKILL");
    expect(await child.exited).toEqual({ code: null, signal: "SIGKILL" });
    expect(child.lines).not.toContain("committed");

    expect(await liveRoster(store, "killed")).toEqual(before);
    expect((await getRun(store, runId))?.status).toBe("running"); // killed before its commit
    const [{ n }] = await store.db.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM assignment WHERE run_id = $1`, [
      runId,
    ]);
    expect(Number(n)).toBe(0); // none of the chunks it had written survived
    if (store.kind === "sqlite") {
      expect(await store.db.query("PRAGMA integrity_check", [])).toEqual([{ integrity_check: "ok" }]);
    }

    const retry = await runSchool(store, "killed", { ...options, retryOf: runId });
    expect((await getRun(store, runId))?.status).toBe("abandoned");
    expect((await liveRoster(store, "killed"))?.runId).toBe(retry.runId);
    expect((await publicationHistory(store, "killed")).map((p) => [p.runId, p.previousRunId])).toEqual([
      [previous.runId, undefined],
      [retry.runId, previous.runId],
    ]);
  });

  it("lets only one of two runs started at once for a school proceed; the other is refused", async () => {
    // The winner's solver holds until the loser has answered, so the two surely overlap.
    const release = path.join(tmpdir(), `mse-release-${process.pid}-${database.kind}`);
    const children = [
      spawnChild(["run", url, "raced", "1", release, "0"]),
      spawnChild(["run", url, "raced", "2", release, "0"]),
    ];
    await Promise.all(children.map((c) => c.waitFor(/^ready$/)));
    for (const c of children) c.process.stdin!.write("go\n");
    const refusal = await Promise.race(children.map((c) => c.waitFor(/^\{/)));
    await writeFile(release, "");
    const results = await Promise.all(children.map(async (c) => JSON.parse(await c.waitFor(/^\{/))));
    await rm(release, { force: true });
    expect(JSON.parse(refusal).ok).toBe(false);
    const ok = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok);
    expect(ok).toHaveLength(1);
    expect(refused).toEqual([
      expect.objectContaining({
        name: "RunInProgressError",
        message: expect.stringContaining(`already has run ${ok[0].runId} in progress`),
      }),
    ]);
    expect((await listRuns(store, "raced")).map((r) => r.status)).toEqual(["succeeded"]);
  });

  it("runs two requests for one school one after the other when the second waits: they never interleave", async () => {
    const release = path.join(tmpdir(), `mse-release-queued-${process.pid}-${database.kind}`);
    const children = [
      spawnChild(["run", url, "queued", "1", release, "60000"]),
      spawnChild(["run", url, "queued", "2", release, "60000"]),
    ];
    await Promise.all(children.map((c) => c.waitFor(/^ready$/)));
    for (const c of children) c.process.stdin!.write("go\n");
    // One run is now solving and holds the school; give the other time to ask and be made to wait.
    await Promise.race(children.map((c) => c.waitFor(/^solving$/)));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(children.filter((c) => c.lines.includes("solving"))).toHaveLength(1);
    await writeFile(release, "");
    const results = await Promise.all(children.map(async (c) => JSON.parse(await c.waitFor(/^\{/))));
    await rm(release, { force: true });
    expect(results.every((r) => r.ok)).toBe(true);
    const [first, second] = await listRuns(store, "queued");
    expect([first?.status, second?.status]).toEqual(["succeeded", "succeeded"]);
    expect(second!.startedAt.getTime()).toBeGreaterThanOrEqual(first!.finishedAt!.getTime());
    const history = await publicationHistory(store, "queued");
    expect(history.map((p) => p.runId)).toEqual([first!.runId, second!.runId]);
    expect(second!.startedAt.getTime()).toBeGreaterThanOrEqual(history[0]!.publishedAt.getTime());
  });
});
