/** Figures without student data: a school's report and its conflict matrix (qa may read them). */
import { z } from "zod";
import { dateTime } from "./common.ts";

export const schoolReportSchema = z
  .looseObject({
    schoolId: z.string(),
    students: z.number().int(),
    sections: z.number().int(),
    sectionsUnplaced: z.number().int(),
    primaryRequests: z.number().int(),
    primaryMet: z.number().int(),
    byPriority: z.array(z.object({ priority: z.number().int(), requested: z.number().int(), met: z.number().int() })),
    alternatesUsed: z.number().int(),
    fullSchedules: z.number().int(),
    studentsWithNothing: z.number().int(),
    seats: z.number().int(),
    enrollments: z.number().int(),
    sectionFill: z.number(),
    worstCourseImbalance: z.number().int(),
    unscheduledByReason: z.record(z.string(), z.number().int()),
    bounds: z.looseObject({ capacity: z.number(), time: z.number(), best: z.number() }).optional(),
    gapToBound: z.number().optional(),
    provenOptimal: z
      .boolean()
      .optional()
      .meta({ description: "proven optimal: by the exact model level by level, or by meeting the best bound" }),
    provenGap: z.number().optional().meta({ description: "0 when proven optimal, else the gap to the best bound" }),
    provenBy: z
      .string()
      .optional()
      .meta({ description: "what proves the gap: exact (the exact model), or the best bound's name (bounds.bestBy)" }),
    timings: z.record(z.string(), z.number()).optional(),
  })
  .meta({ id: "SchoolReport", description: "a school's line of report.json: counts only, no student data" });

export const reportView = z.object({
  schoolId: z.string(),
  runId: z.number().int().meta({ description: "the live run" }),
  finishedAt: dateTime,
  stale: z.boolean().meta({
    description: "the school's problem changed after the live run was made: the report is of the roster as it was",
  }),
  report: schoolReportSchema,
  sectionFills: z.array(z.number()).optional().meta({
    description: "each section's seats taken over its capacity in the live roster (sections of capacity 0 left out)",
  }),
});

export const conflictMatrixView = z.object({
  schoolId: z.string(),
  courses: z
    .array(
      z.object({
        courseId: z.string(),
        students: z.number().int(),
        sections: z.number().int().meta({ description: "the course's sections (1: a singleton, 2: a doubleton)" }),
      }),
    )
    .meta({ description: "the diagonal: students requesting each course" }),
  pairs: z
    .array(z.object({ courseA: z.string(), courseB: z.string(), students: z.number().int() }))
    .meta({ description: "courses requested together by some student, most shared first" }),
});
