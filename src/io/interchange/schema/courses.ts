/** courses.csv: the courses each school offers. */
import { z } from "zod";
import type { Course } from "../../../domain/problem.ts";
import { gradeCell, nonNegativeNumberCell, optionalText, requiredText } from "./cells.ts";
import { type TableSchema } from "./table-schema.ts";

/** courses.csv: columns, row schema and cells. */
export const coursesTable: TableSchema<Course> = {
  file: "courses.csv",
  columns: ["school_id", "course_id", "title", "grade_low", "grade_high", "subject", "credits"],
  required: ["school_id", "course_id", "title", "grade_low", "grade_high"],
  row: z.compile(
    z.object({
      schoolId: requiredText,
      courseId: requiredText,
      title: requiredText,
      gradeLow: gradeCell,
      gradeHigh: gradeCell,
      subject: optionalText,
      credits: nonNegativeNumberCell.optional(),
    }),
  ),
  cells: (c) => [
    c.schoolId,
    c.courseId,
    c.title,
    String(c.gradeLow),
    String(c.gradeHigh),
    c.subject,
    c.credits === undefined ? undefined : String(c.credits),
  ],
};
