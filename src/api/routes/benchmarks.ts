/** QA's benchmark: a generated school solved on the pool, figures only (no student data leaves); and their history. */
import { z } from "zod";
import { benchmarkOnPool } from "../../district/solve-pool.ts";
import { listBenchmarkRuns, saveBenchmarkRun } from "../../store/index.ts";
import { solvePool } from "../context.ts";
import { operation, type Operation } from "../operation.ts";
import { benchmarkBody, benchmarkHistory, benchmarkResponse } from "../schemas/benchmarks.ts";

const historyQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50).meta({ description: "most benchmarks returned" }),
});

export const benchmarkRoutes: Operation[] = [
  operation({
    method: "post",
    path: "/v1/benchmarks",
    tag: "benchmarks",
    summary: "Solve a generated school in memory and return its figures",
    description:
      "Nothing of the school is written to the store, only the figures (GET /v1/benchmarks lists them). Generated, solved and checked on a worker thread. The roster is checked by the independent validator; only counts come back.",
    access: ["qa", "district"],
    body: benchmarkBody,
    replies: { 200: { description: "the figures", schema: benchmarkResponse } },
    handle: async ({ body, caller, context }) => {
      const startedAt = new Date();
      // Generated, solved and validated on a pool thread: this one answers everyone else meanwhile.
      const figures = await benchmarkOnPool(solvePool(context), body.preset, {
        seed: body.seed,
        quality: body.quality,
        loader: "solver",
      });
      await saveBenchmarkRun(context.store, { tokenId: caller.tokenId, startedAt, ...body, ...figures });
      return { status: 200, body: { preset: body.preset, seed: body.seed, quality: body.quality, ...figures } };
    },
  }),
  operation({
    method: "get",
    path: "/v1/benchmarks",
    tag: "benchmarks",
    summary: "The benchmarks run through the API, newest first: their figures over time",
    access: ["qa", "district"],
    query: historyQuery,
    replies: { 200: { description: "the benchmarks", schema: benchmarkHistory } },
    handle: async ({ query, context }) => {
      const runs = await listBenchmarkRuns(context.store, query.limit);
      return {
        status: 200,
        body: {
          benchmarks: runs.map((r) => ({
            id: r.id,
            startedAt: r.startedAt.toISOString(),
            preset: r.preset,
            seed: r.seed,
            quality: r.quality,
            wallMs: r.wallMs,
            stoppedBy: r.stoppedBy,
            violations: r.violations,
            report: r.report,
          })),
        },
      };
    },
  }),
];
