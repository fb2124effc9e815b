/** Runs: started as in-process jobs (school or district), and the store's run records. */
import { z } from "zod";
import { dateTime, idString, qualitySchema, seedSchema } from "./common.ts";
import { schoolReportSchema } from "./reports.ts";

export const startSchoolRunBody = z.strictObject({
  kind: z.enum(["full", "incremental"]).default("full").meta({
    description:
      "full: build what is unplaced and place every student; incremental: keep every live seat, place the rest",
  }),
  seed: seedSchema.default(1),
  quality: qualitySchema.default("quick"),
  allowMoves: z
    .number()
    .int()
    .min(0)
    .max(1000)
    .default(0)
    .meta({ description: "incremental only: most placed students that may change seats" }),
  publish: z.boolean().default(true).meta({ description: "make the result the live roster" }),
});

export const startDistrictRunBody = z.strictObject({
  seed: seedSchema.default(1),
  quality: qualitySchema.default("quick"),
  schools: z
    .array(idString)
    .min(1)
    .max(5000)
    .transform((ids) => [...new Set(ids)])
    .optional()
    .meta({ description: "these schools only (default: every school of the store); a school named twice is run once" }),
  publish: z.boolean().default(true),
});

export const jobParams = z.strictObject({ jobId: idString });
/** A run ID as a path holds it: decimal digits only (not 0x10, 1e3, 010 or +5), so one run has one URL. */
export const runParams = z.strictObject({
  runId: z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/, "a run ID: a positive whole number in decimal digits")
    .transform(Number)
    .meta({ description: "a run of the store" }),
});

const progressSchema = z.object({
  schoolsTotal: z.number().int(),
  schoolsDone: z.number().int(),
  schoolsFailed: z.number().int(),
  studentsTotal: z.number().int(),
  studentsDone: z.number().int(),
  studentsPlaced: z.number().int(),
  elapsedMs: z.number(),
  remainingMs: z.number().optional(),
});

export const jobView = z
  .object({
    jobId: z.string().meta({ description: "a district job's ID is its district run ID, kept with each school's run" }),
    kind: z.enum(["full", "incremental", "district"]),
    status: z.enum(["queued", "running", "succeeded", "failed"]),
    schoolIds: z
      .array(z.string())
      .optional()
      .meta({ description: "school jobs: the school; district jobs: absent (see progress)" }),
    parameters: z.looseObject({ seed: z.number().int(), quality: qualitySchema }),
    createdAt: dateTime,
    startedAt: dateTime.optional(),
    finishedAt: dateTime.optional(),
    runId: z.number().int().optional().meta({ description: "school jobs: the store's run, once started" }),
    progress: progressSchema.optional().meta({ description: "district jobs: schools and students done so far" }),
    result: z
      .looseObject({
        runIds: z.array(z.number().int()).optional(),
        report: schoolReportSchema.optional(),
        published: z.boolean().optional(),
        placedNew: z.number().int().optional(),
        moved: z.number().int().optional(),
        displaced: z.number().int().optional(),
        schoolsSucceeded: z.number().int().optional(),
        failures: z
          .array(z.object({ schoolId: z.string(), reason: z.string(), attempts: z.number().int() }))
          .optional(),
      })
      .optional(),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  })
  .meta({ id: "Job", description: "a run started through this server: poll it until succeeded or failed" });

export const jobAccepted = z.object({
  job: jobView,
  location: z.string().meta({ description: "where to poll (also the Location header)" }),
});

export const runRecordView = z
  .object({
    runId: z.number().int(),
    schoolId: z.string(),
    status: z.enum(["running", "succeeded", "failed", "abandoned"]),
    problemVersion: z.number().int(),
    seed: z.number().int(),
    parameters: z.record(z.string(), z.unknown()),
    retryOf: z.number().int().optional(),
    startedAt: dateTime,
    finishedAt: dateTime.optional(),
    live: z.boolean().meta({ description: "this run's roster is the school's live roster" }),
    metrics: schoolReportSchema.optional(),
    error: z.string().optional(),
  })
  .meta({ id: "RunRecord" });

export const runList = z.object({ schoolId: z.string(), runs: z.array(runRecordView) });
