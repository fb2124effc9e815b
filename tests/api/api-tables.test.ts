import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken, findApiToken, hashToken, listApiTokens, revokeApiToken } from "../../src/store/api-tokens.ts";
import {
  claimIdempotentRequest,
  completeIdempotentRequest,
  pruneIdempotentRequests,
  releaseIdempotentRequest,
} from "../../src/store/idempotent-requests.ts";
import { closeStore, openStore, type Store } from "../../src/store/index.ts";
import { forEachDatabase } from "../store/support/databases.ts";

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
      const { token, record } = await createApiToken(store, { name: "Ms O'Brien — 李", role: "counselor", schools: ["MS-O'Hara", "B-李"] });
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
      const claim = { tokenId: record.id, key: "k-1", request: "PUT /v1/schools/A/students/S", bodyHash: "h1", staleAfterMs: 60_000 };
      expect(await claimIdempotentRequest(store, claim)).toEqual({ kind: "claimed" });
      expect(await claimIdempotentRequest(store, claim)).toEqual({ kind: "in_progress" });
      expect(await claimIdempotentRequest(store, { ...claim, bodyHash: "h2" })).toEqual({ kind: "mismatch", request: claim.request });
      expect(await claimIdempotentRequest(store, { ...claim, request: "DELETE /v1/schools/A/students/S" })).toMatchObject({ kind: "mismatch" });
      await completeIdempotentRequest(store, record.id, "k-1", 201, '{"status":201,"body":{"ok":true}}');
      expect(await claimIdempotentRequest(store, claim)).toEqual({ kind: "replay", status: 201, response: '{"status":201,"body":{"ok":true}}' });
    });

    it("hands a released key, or one whose claimer died long ago, to the next request", async () => {
      const { record } = await createApiToken(store, { name: "district 2", role: "district" });
      const claim = { tokenId: record.id, key: "k-2", request: "POST /v1/district/runs", bodyHash: "h", staleAfterMs: 60_000 };
      expect((await claimIdempotentRequest(store, claim)).kind).toBe("claimed");
      await releaseIdempotentRequest(store, record.id, "k-2");
      expect((await claimIdempotentRequest(store, claim)).kind).toBe("claimed");
      expect((await claimIdempotentRequest(store, { ...claim, staleAfterMs: 0 })).kind).toBe("claimed");
    });

    it("prunes answered keys older than a date, and never one still in progress", async () => {
      const { record } = await createApiToken(store, { name: "district 3", role: "district" });
      const claim = { tokenId: record.id, key: "old", request: "PUT /x", bodyHash: "h", staleAfterMs: 60_000 };
      await claimIdempotentRequest(store, claim);
      await completeIdempotentRequest(store, record.id, "old", 200, "{}");
      await claimIdempotentRequest(store, { ...claim, key: "running" });
      expect(await pruneIdempotentRequests(store, new Date(Date.now() + 1000))).toBeGreaterThanOrEqual(1);
      expect((await claimIdempotentRequest(store, claim)).kind).toBe("claimed");
      expect((await claimIdempotentRequest(store, { ...claim, key: "running" })).kind).toBe("in_progress");
    });
  });
});
