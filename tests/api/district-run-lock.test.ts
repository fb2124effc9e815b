/**
 * One district run at a time on a store, whichever server is asked: two servers on one
 * database, the second refused (409, naming the first's job) while the first's run goes, free
 * again once it has finished; a lock whose process died is taken over at once.
 */
import { spawnSync } from "node:child_process";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { hostname } from "node:os";
import { afterAll, beforeAll, expect, it } from "vitest";
import { closeApp, createApp } from "../../src/api/app.ts";
import {
  acquireStoreLock,
  closeStore,
  DISTRICT_RUN_LOCK,
  openStore,
  readStoreLock,
  type Store,
} from "../../src/store/index.ts";
import { forEachDatabase } from "../store/support/databases.ts";
import { startApiServer, waitForJob, type ApiServer } from "./support/api-server.ts";

/** The holder name of a process of this host that has exited (as after a kill -9). */
function deadHolder(): string {
  const { pid } = spawnSync(process.execPath, ["-e", ""]);
  return `${hostname()}:${pid}:dead`;
}

forEachDatabase((database) => {
  let first: ApiServer;
  let secondStore: Store;
  let second: { server: Server; baseUrl: string; close: () => Promise<void> };
  beforeAll(async () => {
    const url = await database.create();
    first = await startApiServer({ url });
    // Another server process on the same database: its own store connection, app, lanes and pool.
    secondStore = await openStore(url);
    const app = createApp(secondStore, { threads: 1, log: () => undefined });
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    second = {
      server,
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      close: async () => {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await closeApp(app);
        await closeStore(secondStore);
      },
    };
  });
  afterAll(async () => {
    await second.close();
    await first.close();
    await database.destroy();
  });

  const startOnSecond = async (token: string) => {
    const res = await fetch(`${second.baseUrl}/v1/district/runs`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: "{}",
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  it("refuses a second district run on another server of the store while the first goes (409 naming it), and takes one once it has finished", async () => {
    const token = first.tokens.district;
    const started = await first.call("POST", "/v1/district/runs", { token, body: {} });
    expect(started.status).toBe(202);
    const jobId = started.body.job.jobId;
    const refused = await startOnSecond(token);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("district_run_in_progress");
    expect(refused.body.error.message).toContain(jobId);
    // The same server refuses too.
    expect((await first.call("POST", "/v1/district/runs", { token, body: {} })).status).toBe(409);
    expect((await waitForJob(first, token, started.body.location)).status).toBe("succeeded");
    expect(await readStoreLock(first.store, DISTRICT_RUN_LOCK)).toBeUndefined();

    const next = await startOnSecond(token);
    expect(next.status).toBe(202);
    const polled = await waitForJob(first, token, next.body.location);
    expect(polled.status).toBe("succeeded");
  });

  it("lets only one of two processes asking at once take the lock", async () => {
    const claims = await Promise.all(
      ["p1", "p2"].map((holder, i) =>
        acquireStoreLock(i === 0 ? first.store : secondStore, "race-spec", {
          holder: `${hostname()}:${process.pid}:${holder}`,
          owner: holder,
          ttlMs: 60_000,
        }),
      ),
    );
    expect(claims.filter((c) => c.acquired)).toHaveLength(1);
  });

  it("takes over at once the lock of a process that died mid-run", async () => {
    expect(
      (
        await acquireStoreLock(first.store, DISTRICT_RUN_LOCK, {
          holder: deadHolder(),
          owner: "api-dead-run",
          ttlMs: 3600_000,
        })
      ).acquired,
    ).toBe(true);
    const started = await startOnSecond(first.tokens.district);
    expect(started.status).toBe(202);
    expect((await waitForJob(first, first.tokens.district, started.body.location)).status).toBe("succeeded");
  });
});
