import type { Server } from "node:http";
import type { Command } from "commander";
import { apiContext, closeApp, createApp, limitServer } from "../../api/app.ts";
import { runExclusive } from "../../enroll/school-lanes.ts";
import { describeRecovery, keepSweeping, recoverAtStart } from "../../enroll/recover-at-start.ts";
import { solvePool } from "../../api/context.ts";
import { stderrLog } from "../../api/log.ts";
import { takeEventLoopDelay, watchEventLoop } from "../../api/event-loop-watch.ts";
import { startStallLog } from "../../api/stall-log.ts";
import {
  closeStore,
  createApiToken,
  describeStoreUrl,
  openStore,
  pruneApiJobs,
  pruneAuditEvents,
  pruneIdempotentRequests,
  resolveStoreUrl,
} from "../../store/index.ts";
import { parseNonNegativeInt, parsePositiveInt } from "../option-parsers.ts";
import { DB_HELP } from "../db-help.ts";

/** Idempotency keys are for retries: answers older than this are forgotten. */
const KEEP_ANSWERS_MS = 24 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** `mse serve`: the HTTP API on the store (the embedded SQLite file unless --db says otherwise). */
export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("serve the HTTP API (routes: GET /v1/openapi.json; tokens: mse token create) on the store")
    .option("--port <n>", "TCP port (0 = any free one)", parseNonNegativeInt, 8080)
    .option("--host <address>", "address to listen on (127.0.0.1: this machine only)", "127.0.0.1")
    .option(
      "--threads <n>",
      "solver threads for full runs, district runs and benchmarks (default: the cores)",
      parsePositiveInt,
    )
    .option("--db <url>", DB_HELP)
    .option(
      "--audit-days <n>",
      "keep the audit trail (reads of student data, writes, failed sign-ins) this many days",
      parsePositiveInt,
      400,
    )
    .option("--job-days <n>", "keep finished jobs this many days (their runs stay in the store)", parsePositiveInt, 7)
    .option(
      "--log-stalls <ms>",
      "debugging: log every stall of the server's thread this long (ms), with the functions that held it",
      parsePositiveInt,
    )
    .option(
      "--workspace-token",
      "make a district token and print it, to sign in the workspace at / (npm run workspace)",
    )
    .action(
      async (opts: {
        port: number;
        host: string;
        threads?: number;
        db?: string;
        auditDays: number;
        jobDays: number;
        workspaceToken?: boolean;
        logStalls?: number;
      }) => {
        const url = resolveStoreUrl(opts.db);
        // Commits are made durable before each acknowledgment, by one fsync off the thread for the writes answered together.
        const store = await openStore(url, { durability: "on-request" });
        const workspaceToken = opts.workspaceToken
          ? (
              await createApiToken(store, {
                name: `workspace (mse serve, ${new Date().toISOString()})`,
                role: "district",
                schools: [],
              })
            ).token
          : undefined;
        const prune = () =>
          Promise.all([
            pruneIdempotentRequests(store, new Date(Date.now() - KEEP_ANSWERS_MS)),
            pruneApiJobs(store, new Date(Date.now() - opts.jobDays * DAY_MS)),
            pruneAuditEvents(store, new Date(Date.now() - opts.auditDays * DAY_MS)),
          ]).catch((error: unknown) =>
            stderrLog({ level: "warn", message: "pruning idempotency keys, jobs or the audit trail failed", error }),
          );
        await prune();
        const pruning = setInterval(prune, 3600_000);
        pruning.unref();
        const app = createApp(store, { threads: opts.threads, log: stderrLog });
        // The pool's threads start now (each takes a moment to load the solver), not on the board's first what-if.
        solvePool(apiContext(app));
        // `kill -USR2 <pid>`: how long the loop was held since the last time (bench:api reads this line).
        const loop = watchEventLoop();
        const stalls = opts.logStalls === undefined ? undefined : await startStallLog(opts.logStalls, stderrLog);
        const reportLoop = () => console.log(`event loop: ${JSON.stringify(takeEventLoopDelay(loop))}`);
        process.on("SIGUSR2", reportLoop);
        const stopSweeping = keepSweeping(store, (error) =>
          stderrLog({ level: "warn", message: "crash sweep failed", error }),
        );
        const server: Server = await new Promise((resolve, reject) => {
          const listening = app.listen(opts.port, opts.host, (error?: Error) =>
            error ? reject(error) : resolve(listening),
          );
        });
        limitServer(server);
        const address = server.address();
        const port = typeof address === "object" && address ? address.port : opts.port;
        const origin = `http://${opts.host.includes(":") ? `[${opts.host}]` : opts.host}:${port}`;
        console.log(
          `mse API on ${origin}/v1, the workspace on ${origin}/ (store ${describeStoreUrl(url)}); Ctrl-C stops it`,
        );
        if (workspaceToken)
          console.log(
            `sign in the workspace with this district token (revoke it with mse token revoke): ${workspaceToken}`,
          );
        // Stale schools are re-placed in their lanes, behind nothing: requests are served meanwhile.
        const lanes = apiContext(app).lanes;
        const recovered = recoverAtStart(store, (schoolId, work) => runExclusive(lanes, schoolId, work)).then(
          ({ recovery, stale }) => {
            for (const f of stale.failed)
              stderrLog({
                level: "error",
                message: "re-placing a stale school failed",
                schoolId: f.schoolId,
                error: f.error,
              });
            console.log(describeRecovery(recovery, stale));
          },
          (error: unknown) => stderrLog({ level: "error", message: "start-up recovery failed", error }),
        );
        await new Promise<void>((resolve) => {
          const stop = (signal: string) => {
            console.log(`${signal}: finishing the requests and runs under way, then stopping`);
            resolve();
          };
          process.once("SIGINT", () => stop("SIGINT"));
          process.once("SIGTERM", () => stop("SIGTERM"));
        });
        clearInterval(pruning);
        process.off("SIGUSR2", reportLoop);
        loop.disable();
        await stalls?.stop();
        stopSweeping();
        await recovered;
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await closeApp(app);
        await closeStore(store);
      },
    );
}
