/** QA's benchmark: a generated school solved in memory, figures only. */
import { z } from "zod";
import { dateTime, qualitySchema, seedSchema } from "./common.ts";
import { schoolReportSchema } from "./reports.ts";

export const benchmarkBody = z.strictObject({
  preset: z.enum(["tiny", "high-school"]).meta({ description: "tiny: 60 students; high-school: 3,000" }),
  seed: seedSchema.default(1),
  quality: qualitySchema.default("quick"),
});

export const benchmarkResponse = z.object({
  preset: z.enum(["tiny", "high-school"]),
  seed: z.number().int(),
  quality: qualitySchema,
  wallMs: z.number().meta({ description: "generation excluded; the solve on a pool thread" }),
  stoppedBy: z.string().optional(),
  violations: z.number().int().meta({ description: "hard-constraint violations the independent validator found (0)" }),
  report: schoolReportSchema,
});

export const benchmarkHistory = z.object({
  benchmarks: z.array(
    benchmarkResponse.extend({
      id: z.number().int(),
      startedAt: dateTime,
      preset: z.string().meta({ description: "a preset of POST /v1/benchmarks when it ran" }),
      quality: z.string(),
    }),
  ),
});
