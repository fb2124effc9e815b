import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createApiToken,
  findApiToken,
  hashToken,
  listApiTokens,
  revokeApiToken,
  claimIdempotentRequest,
  completeIdempotentRequest,
  pruneIdempotentRequests,
  releaseIdempotentRequest,
  closeStore,
  getApiJob,
  importProblem,
  INTERRUPTED,
  newHolder,
  openStore,
  recoverCrashed,
  saveApiJob,
  startRun,
  type ApiJobRecord,
  type Store,
  getRun,
} from "../../src/store/index.ts";
import { spawnSync } from "node:child_process";
import { hostname } from "node:os";
import { districtOf, trickySchool } from "../store/support/sample-problem.ts";

/** The holder name of a process of this host that has exited (as after a kill -9). */
function deadHolder(): string {
  const { pid } = spawnSync(process.execPath, ["-e", ""]);
  return `${hostname()}:${pid}:dead`;
}
import { forEachDatabase } from "../store/support/databases.ts";
import { countRows } from "../store/support/count-rows.ts";

forEachDatabase((database) => {
  describe("the API's tables in the store", () => {
    let store: Store;
    beforeAll(async () => {
      store = await openStore(await database.create());
    });
    afterAll(async () => {
      await closeStore(store);
      await database.destroy();
    });

    it("creates a token, finds it by its value only, and refuses it once revoked", async () => {
      const { token, record } = await createApiToken(store, {
        name: "Ms O'Brien — 李",
        role: "counselor",
        schools: ["MS-O'Hara", "B-李"],
      });
      expect(token.startsWith("mse_")).toBe(true);
      expect(await findApiToken(store, token)).toEqual(record);
      expect(record).toMatchObject({ name: "Ms O'Brien — 李", role: "counselor", schools: ["MS-O'Hara", "B-李"] });
      expect(await findApiToken(store, hashToken(token))).toBeUndefined();
      expect(await revokeApiToken(store, record.id)).toBe(true);
      expect(await revokeApiToken(store, record.id)).toBe(false);
      expect((await findApiToken(store, token))!.revokedAt).toBeInstanceOf(Date);
      expect((await listApiTokens(store)).map((t) => t.id)).toEqual([record.id]);
    });

    it("refuses a counselor token without schools and another role's token with some", async () => {
      await expect(createApiToken(store, { name: "x", role: "counselor" })).rejects.toThrow(/at least one school/);
      await expect(createApiToken(store, { name: "x", role: "qa", schools: ["A"] })).rejects.toThrow(/name none/);
    });

    it("claims a key once: the same request again waits (in progress), then replays the stored answer; another body is a mismatch", async () => {
      const { record } = await createApiToken(store, { name: "district", role: "district" });
      const claim = {
        tokenId: record.id,
        key: "k-1",
        request: "PUT /v1/schools/A/students/S",
        bodyHash: "h1",
        staleAfterMs: 60_000,
        holder: newHolder(),
      };
      expect(await claimIdempotentRequest(store, claim)).toEqual({ kind: "claimed" });
      expect(await claimIdempotentRequest(store, claim)).toEqual({ kind: "in_progress" });
      expect(await claimIdempotentRequest(store, { ...claim, bodyHash: "h2" })).toEqual({
        kind: "mismatch",
        request: claim.request,
      });
      expect(
        await claimIdempotentRequest(store, { ...claim, request: "DELETE /v1/schools/A/students/S" }),
      ).toMatchObject({ kind: "mismatch" });
      await completeIdempotentRequest(store, record.id, "k-1", 201, '{"status":201,"body":{"ok":true}}');
      expect(await claimIdempotentRequest(store, claim)).toEqual({
        kind: "replay",
        status: 201,
        response: '{"status":201,"body":{"ok":true}}',
      });
    });

    it("hands a released key, or one whose claimer died long ago, to the next request", async () => {
      const { record } = await createApiToken(store, { name: "district 2", role: "district" });
      const claim = {
        tokenId: record.id,
        key: "k-2",
        request: "POST /v1/district/runs",
        bodyHash: "h",
        staleAfterMs: 60_000,
        holder: newHolder(),
      };
      expect((await claimIdempotentRequest(store, claim)).kind).toBe("claimed");
      await releaseIdempotentRequest(store, record.id, "k-2");
      expect((await claimIdempotentRequest(store, claim)).kind).toBe("claimed");
      expect((await claimIdempotentRequest(store, { ...claim, staleAfterMs: 0 })).kind).toBe("claimed");
    });

    it("prunes answered keys older than a date, and never one still in progress", async () => {
      const { record } = await createApiToken(store, { name: "district 3", role: "district" });
      const claim = {
        tokenId: record.id,
        key: "old",
        request: "PUT /x",
        bodyHash: "h",
        staleAfterMs: 60_000,
        holder: newHolder(),
      };
      await claimIdempotentRequest(store, claim);
      await completeIdempotentRequest(store, record.id, "old", 200, "{}");
      await claimIdempotentRequest(store, { ...claim, key: "running" });
      expect(await pruneIdempotentRequests(store, new Date(Date.now() + 1000))).toBeGreaterThanOrEqual(1);
      expect((await claimIdempotentRequest(store, claim)).kind).toBe("claimed");
      expect((await claimIdempotentRequest(store, { ...claim, key: "running" })).kind).toBe("in_progress");
    });

    it("hands a key whose claimer's process is gone to the next request at once, and the sweep releases such claims unasked", async () => {
      const { record } = await createApiToken(store, { name: "district 4", role: "district" });
      const claim = {
        tokenId: record.id,
        key: "k-dead",
        request: "PUT /x",
        bodyHash: "h",
        staleAfterMs: 60 * 60_000,
        holder: deadHolder(),
      };
      expect((await claimIdempotentRequest(store, claim)).kind).toBe("claimed");
      expect((await claimIdempotentRequest(store, { ...claim, holder: newHolder() })).kind).toBe("claimed");
      await claimIdempotentRequest(store, { ...claim, key: "k-dead-2" });
      const alive = { ...claim, key: "k-alive", holder: newHolder() };
      await claimIdempotentRequest(store, alive);
      expect((await recoverCrashed(store)).claimsReleased).toBe(1);
      expect((await claimIdempotentRequest(store, { ...claim, key: "k-dead-2", holder: newHolder() })).kind).toBe(
        "claimed",
      );
      expect((await claimIdempotentRequest(store, alive)).kind).toBe("in_progress");
    });

    it("keeps jobs: one saved is read back as it was, and one whose server is gone is failed as interrupted by the sweep", async () => {
      const job: ApiJobRecord = {
        jobId: "j-O'Hara-李",
        kind: "full",
        status: "running",
        schoolIds: ["MS-O'Hara"],
        parameters: { seed: 1, quality: "quick" },
        tokenId: 1,
        holder: newHolder(),
        createdAt: new Date("2026-12-05T10:00:00.000Z"),
        startedAt: new Date("2026-12-05T10:00:01.000Z"),
      };
      await saveApiJob(store, job);
      expect(await getApiJob(store, job.jobId)).toEqual(job);
      const done = {
        ...job,
        status: "succeeded" as const,
        finishedAt: new Date(),
        runId: 7,
        result: { published: true },
      };
      await saveApiJob(store, done);
      expect(await getApiJob(store, job.jobId)).toEqual(done);
      const orphan = { ...job, jobId: "j-orphan", holder: deadHolder() };
      await saveApiJob(store, orphan);
      expect((await recoverCrashed(store)).jobsInterrupted).toBe(1);
      expect(await getApiJob(store, "j-orphan")).toMatchObject({
        status: "failed",
        error: INTERRUPTED,
        finishedAt: expect.any(Date),
      });
      expect((await getApiJob(store, job.jobId))!.status).toBe("succeeded");
    });

    it("frees the lease of a run whose process is gone without waiting for anyone to touch the school, marking the run abandoned", async () => {
      const school = trickySchool("lease'd");
      await importProblem(store, districtOf(school));
      const handle = await startRun(store, school.school.schoolId, { seed: 1 });
      expect((await recoverCrashed(store)).leasesFreed).toBe(0);
      await store.db.execute(`UPDATE run_lease SET holder = $1 WHERE run_id = $2`, [deadHolder(), handle.runId]);
      expect((await recoverCrashed(store)).leasesFreed).toBe(1);
      expect(await countRows(store, "run_lease")).toBe(0);
      expect(await getRun(store, handle.runId)).toMatchObject({ status: "abandoned" });
    });
  });
});
