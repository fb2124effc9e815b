import { getPriority } from "node:os";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiContext } from "../../src/api/app.ts";
import { checkPool, placementPool, solvePool } from "../../src/api/context.ts";
import { SERVER_NICENESS } from "../../src/api/server-niceness.ts";
import { createSolvePool } from "../../src/district/solve-pool.ts";
import { startApiServer, type ApiServer } from "./support/api-server.ts";

const NICENESS_TASK = fileURLToPath(new URL("./support/niceness-task.mjs", import.meta.url));

describe("the server's worker threads yield the cores to the thread that answers requests", () => {
  let server: ApiServer;
  beforeAll(async () => {
    server = await startApiServer({ run: false });
  });
  afterAll(async () => {
    await server.close();
  });

  it.runIf(process.platform === "linux")(
    "runs a pool's threads as much below the caller's priority as asked",
    async () => {
      const pool = createSolvePool({ threads: 1, niceIncrement: 7, taskFile: NICENESS_TASK });
      try {
        expect(Number(await pool.run({} as never))).toBe(Math.min(19, getPriority() + 7));
      } finally {
        await pool.destroy();
      }
    },
  );

  it("starts whole-school runs below late students' placements and checks, and those below the HTTP thread", () => {
    const context = apiContext(server.app);
    expect(solvePool(context).options.niceIncrement).toBe(SERVER_NICENESS.runs);
    expect(placementPool(context).options.niceIncrement).toBe(SERVER_NICENESS.placements);
    expect(checkPool(context).options.niceIncrement).toBe(SERVER_NICENESS.placements);
    expect(SERVER_NICENESS.runs).toBeGreaterThan(SERVER_NICENESS.placements);
    expect(SERVER_NICENESS.placements).toBeGreaterThan(0);
  });
});
