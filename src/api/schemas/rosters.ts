/** The live roster of a school and its unscheduled list: student data (never for qa). */
import { z } from "zod";
import { UNSCHEDULED_REASONS } from "../../domain/roster.ts";
import { dateTime } from "./common.ts";

export const rosterView = z.object({
  schoolId: z.string(),
  runId: z.number().int(),
  publishedAt: dateTime,
  sections: z.array(
    z.object({
      sectionId: z.string(),
      period: z.number().int().optional().meta({ description: "absent: the section could not be placed (it holds nobody)" }),
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
  unscheduled: z.array(
    z.object({
      studentId: z.string(),
      givenName: z.string().optional(),
      familyName: z.string().optional(),
      courseId: z.string(),
      priority: z.number().int(),
      reason: z.enum(UNSCHEDULED_REASONS).meta({ description: "what a counselor can act on" }),
    }),
  ),
});
