import { afterAll, expect, it } from "vitest";
import { runChaos } from "../../benchmarks/chaos.ts";
import { describeWithServices, dropPrefix, REDIS_URL, uniquePrefix } from "../district/support/services.ts";
import { forEachDatabase } from "../store/support/databases.ts";

describeWithServices("the store and API under SIGKILL (mse serve and mse worker)", ["redis"], () => {
  forEachDatabase((database) => {
    const prefix = uniquePrefix("chaos");
    afterAll(async () => {
      await dropPrefix(prefix);
      await database.destroy();
    });

    it("keeps every acknowledged write, leaves every live roster valid and nothing held, with the server and a worker killed (SIGKILL) at random moments under 4 clients", async () => {
      const result = await runChaos({
        dbUrl: await database.create(),
        kills: 2,
        clients: 4,
        seed: 1,
        writesBetweenKills: 8,
        worker: { redisUrl: REDIS_URL, prefix },
      });
      console.log(`chaos on ${database.kind}: ${JSON.stringify(result)}`);
      expect(result.writesAcknowledged).toBeGreaterThan(3);
      expect(result.retriedAfterKill).toBeGreaterThan(0);
      expect(result.lost).toEqual([]);
      expect(result.rostersInvalid).toBe(0);
      expect(result.staleAfterRestart).toEqual([]);
      expect(result.stuck).toEqual({ leases: 0, runningRuns: 0, claims: 0, unfinishedJobs: 0 });
      expect(result.jobsLost).toEqual([]);
      expect(result.unexpected).toEqual({});
    }, 150_000);
  });
});
