/** The district view's figures: every school's quality and last run, the district runs' history (counts only). */
import { z } from "zod";
import { dateTime } from "./common.ts";

const reasonCounts = z.record(z.string(), z.number().int()).meta({ description: "unmet requests by reason" });

export const schoolQuality = z.object({
  students: z.number().int(),
  primaryRequests: z.number().int(),
  primaryMet: z.number().int(),
  fullSchedules: z.number().int(),
  gapToBound: z.number().optional(),
  provenOptimal: z.boolean().optional(),
  sectionFill: z.number().meta({ description: "seats taken over seats offered" }),
  unscheduledByReason: reasonCounts,
});

export const districtSchools = z.object({
  schools: z.array(
    z.object({
      schoolId: z.string(),
      name: z.string(),
      liveRunId: z.number().int().optional(),
      stale: z.boolean().meta({ description: "the problem changed after the live run was made" }),
      quality: schoolQuality.optional().meta({ description: "the live run's figures; absent without a live roster" }),
      lastRun: z
        .object({
          runId: z.number().int(),
          status: z.enum(["running", "succeeded", "failed", "abandoned"]),
          startedAt: dateTime,
          finishedAt: dateTime.optional(),
        })
        .optional()
        .meta({ description: "the school's latest run, live or not" }),
    }),
  ),
});

export const districtRunHistory = z.object({
  current: z
    .string()
    .optional()
    .meta({ description: "the job ID of the district run going on now (poll /v1/jobs/{jobId}), if any" }),
  runs: z
    .array(
      z.object({
        districtRunId: z.string(),
        trigger: z.enum(["nightly", "api", "cli"]),
        startedAt: dateTime,
        finishedAt: dateTime.optional().meta({ description: "when its last school run finished (so far)" }),
        schools: z.number().int().meta({ description: "school runs it made" }),
        succeeded: z.number().int(),
        failed: z.number().int(),
        running: z.number().int(),
        students: z.number().int(),
        primaryRequests: z.number().int(),
        primaryMet: z.number().int(),
        fullSchedules: z.number().int(),
        provenOptimal: z.number().int().meta({ description: "schools whose load is proven optimal" }),
        unscheduledByReason: reasonCounts
          .optional()
          .meta({ description: "unmet requests by reason: the newest run only" }),
      }),
    )
    .meta({ description: "newest first, told from the school runs each made" }),
});

export const districtRunsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(30).meta({ description: "most district runs returned" }),
});
