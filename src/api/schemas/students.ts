/** A late student: enrolled or changed (PUT), dropped (DELETE), read (GET). */
import { z } from "zod";
import { GRADE_MAX, GRADE_MIN, SETTINGS } from "../../domain/problem.ts";
import { UNSCHEDULED_REASONS } from "../../domain/roster.ts";
import { booleanQuery, idString, plainText, schoolParams } from "./common.ts";

export const studentParams = schoolParams.extend({
  studentId: idString.meta({ description: "the student's student_id" }),
});

const name = plainText.max(200, "at most 200 characters");

export const requestInput = z.strictObject({
  courseId: idString,
  priority: z.number().int().min(1).max(99).default(1).meta({ description: "1 = must have; higher = less important" }),
  alternateFor: idString
    .optional()
    .meta({ description: "course_id of another request of this student that this one replaces if it cannot be met" }),
  requiredSetting: z.enum(SETTINGS).optional(),
  lockedSectionId: idString
    .optional()
    .meta({ description: "the request is met by exactly this section of the course" }),
});

export const enrollBody = z.strictObject({
  grade: z.number().int().min(GRADE_MIN).max(GRADE_MAX).meta({ description: "-1 = TK, 0 = K" }),
  givenName: name.optional(),
  familyName: name.optional(),
  iep: z.boolean().default(false),
  gender: plainText.max(50).optional(),
  email: plainText
    .max(320)
    .optional()
    .meta({ description: "what a learning platform matches the student's account by (OneRoster users.email)" }),
  teamId: idString
    .optional()
    .meta({ description: "the student's team (house, small learning community): one the school already has" }),
  requests: z.array(requestInput).max(60, "at most 60 requests"),
  place: z
    .boolean()
    .default(true)
    .meta({ description: "also seat the student now (an incremental run that moves nobody already placed)" }),
  allowMoves: z
    .number()
    .int()
    .min(0)
    .max(100)
    .default(0)
    .meta({ description: "at most this many placed students may change seats to meet more primary requests" }),
});

export const dropQuery = z.strictObject({
  place: booleanQuery.default(true).meta({ description: "also free the student's seats now (an incremental run)" }),
});

const seat = z.object({
  sectionId: z.string(),
  courseId: z.string(),
  period: z.number().int().optional(),
  terms: z.array(z.string()),
});

const unmet = z.object({ courseId: z.string(), priority: z.number().int(), reason: z.enum(UNSCHEDULED_REASONS) });

export const placementSchema = z
  .object({
    status: z.enum(["placed", "deferred", "failed", "skipped"]).meta({
      description:
        "placed: the run is live; deferred: saved, seated by the next run (see reason); failed: saved, the run failed; skipped: place=false",
    }),
    reason: z.enum(["no_live_roster", "run_in_progress", "school_changed", "run_failed"]).optional(),
    message: z.string().optional(),
    runId: z.number().int().optional().meta({ description: "the incremental run that placed the change" }),
    moved: z.number().int().optional().meta({ description: "students that run moved (allowMoves)" }),
    sections: z.array(seat).optional().meta({ description: "the student's seats after the run" }),
    unmet: z.array(unmet).optional().meta({ description: "the student's primary requests left unmet, with why" }),
  })
  .meta({ id: "Placement" });

const studentSchema = z.object({
  studentId: z.string(),
  grade: z.number().int(),
  givenName: z.string().optional(),
  familyName: z.string().optional(),
  iep: z.boolean(),
  gender: z.string().optional(),
  email: z.string().optional(),
  teamId: z.string().optional(),
});

const requestSchema = z.object({
  courseId: z.string(),
  priority: z.number().int(),
  alternateFor: z.string().optional(),
  requiredSetting: z.enum(SETTINGS).optional(),
  lockedSectionId: z.string().optional(),
});

export const enrollResponse = z.object({
  schoolId: z.string(),
  created: z
    .boolean()
    .meta({ description: "the student is new to the school (201); false: their record was replaced (200)" }),
  problemVersion: z.number().int(),
  student: studentSchema,
  requests: z.array(requestSchema),
  placement: placementSchema,
});

export const dropResponse = z.object({
  schoolId: z.string(),
  studentId: z.string(),
  problemVersion: z.number().int(),
  placement: placementSchema,
});

export const studentView = z.object({
  schoolId: z.string(),
  student: studentSchema,
  requests: z.array(requestSchema),
  liveRunId: z.number().int().optional(),
  sections: z.array(seat),
  unmet: z.array(unmet),
});

export type SeatView = z.infer<typeof seat>;
export type UnmetView = z.infer<typeof unmet>;
export type PlacementView = z.infer<typeof placementSchema>;
