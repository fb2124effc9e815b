/** The live roster of a school and its unscheduled list: student data (never for qa). */
import { z } from "zod";
import { UNSCHEDULED_REASONS } from "../../domain/roster.ts";
import { booleanQuery, dateTime } from "./common.ts";

export const rosterQuery = z.strictObject({
  allowInvalid: booleanQuery.default(false).meta({
    description:
      "hand out the live roster even when it no longer fits the school's problem (otherwise 409 roster_invalid)",
  }),
});

const stale = z.boolean().meta({
  description: "the school's problem changed after the live run was made; the next (incremental) run re-places it",
});

export const rosterView = z.object({
  schoolId: z.string(),
  runId: z.number().int(),
  publishedAt: dateTime,
  stale,
  violations: z.number().int().optional().meta({
    description:
      "stale rosters: the validator's violations of the seats against the current problem (only with allowInvalid when > 0)",
  }),
  sections: z.array(
    z.object({
      sectionId: z.string(),
      period: z
        .number()
        .int()
        .optional()
        .meta({ description: "absent: the section could not be placed (it holds nobody)" }),
      teacherId: z.string().optional(),
      coTeacherId: z.string().optional(),
      roomId: z.string().optional(),
    }),
  ),
  enrollments: z.array(z.object({ studentId: z.string(), sectionId: z.string() })),
});

export const unscheduledView = z.object({
  schoolId: z.string(),
  runId: z.number().int(),
  stale,
  unscheduled: z.array(
    z.object({
      studentId: z.string(),
      givenName: z.string().optional(),
      familyName: z.string().optional(),
      grade: z
        .number()
        .int()
        .optional()
        .meta({ description: "the student's grade (absent if no longer in the problem)" }),
      courseId: z.string(),
      priority: z.number().int(),
      reason: z.enum(UNSCHEDULED_REASONS).meta({ description: "what a counselor can act on" }),
    }),
  ),
});
