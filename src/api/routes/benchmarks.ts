/** QA's benchmark: a generated school solved on the pool, figures only (no student data leaves). */
import { benchmarkOnPool } from "../../district/solve-pool.ts";
import { solvePool } from "../context.ts";
import { operation, type Operation } from "../operation.ts";
import { benchmarkBody, benchmarkResponse } from "../schemas/benchmarks.ts";

export const benchmarkRoutes: Operation[] = [
  operation({
    method: "post",
    path: "/v1/benchmarks",
    tag: "benchmarks",
    summary: "Solve a generated school in memory and return its figures",
    description:
      "Nothing is written to the store. Generated, solved and checked on a worker thread. The roster is checked by the independent validator; only counts come back.",
    access: ["qa", "district"],
    body: benchmarkBody,
    replies: { 200: { description: "the figures", schema: benchmarkResponse } },
    handle: async ({ body, context }) => {
      // Generated, solved and validated on a pool thread: this one answers everyone else meanwhile.
      const figures = await benchmarkOnPool(solvePool(context), body.preset, {
        seed: body.seed,
        quality: body.quality,
        loader: "solver",
      });
      return { status: 200, body: { preset: body.preset, seed: body.seed, quality: body.quality, ...figures } };
    },
  }),
];
