/** QA's benchmark: a generated school solved on the pool, figures only (no student data leaves). */
import { generatePreset } from "../../../fixtures/generate.ts";
import { validateRoster } from "../../../solver/check/validate-roster.ts";
import { joinSchools } from "../../domain/join-schools.ts";
import { poolOf } from "../context.ts";
import { operation, type Operation } from "../operation.ts";
import { benchmarkBody, benchmarkResponse } from "../schemas/benchmarks.ts";

export const benchmarkRoutes: Operation[] = [
  operation({
    method: "post",
    path: "/v1/benchmarks",
    tag: "benchmarks",
    summary: "Solve a generated school in memory and return its figures",
    description: "Nothing is written to the store. The roster is checked by the independent validator; only counts come back.",
    access: ["qa", "district"],
    body: benchmarkBody,
    replies: { 200: { description: "the figures", schema: benchmarkResponse } },
    handle: async ({ body, context }) => {
      const problem = generatePreset(body.preset, body.seed);
      const started = performance.now();
      const solved = await poolOf(context).solve(problem, { seed: body.seed, quality: body.quality, loader: "solver" });
      const wallMs = performance.now() - started;
      const violations = validateRoster(joinSchools([problem]), [solved.outcome.roster]).length;
      return {
        status: 200,
        body: { preset: body.preset, seed: body.seed, quality: body.quality, wallMs, stoppedBy: solved.outcome.stoppedBy, violations, report: solved.report },
      };
    },
  }),
];
