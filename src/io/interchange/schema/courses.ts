/** courses.csv: the courses each school offers. */
import { z } from "zod";
import type { Course } from "../../../domain/problem.ts";
import {
  gradeCell,
  nonNegativeNumberCell,
  optionalText,
  parseGrade,
  parseNonNegativeNumber,
  requiredText,
} from "./cells.ts";
import { type TableSchema } from "./table-schema.ts";

/** courses.csv: columns, row schema and cells. */
export const coursesTable: TableSchema<Course> = {
  file: "courses.csv",
  columns: ["school_id", "course_id", "title", "grade_low", "grade_high", "subject", "credits"],
  required: ["school_id", "course_id", "title", "grade_low", "grade_high"],
  row: z.object({
    schoolId: requiredText,
    courseId: requiredText,
    title: requiredText,
    gradeLow: gradeCell,
    gradeHigh: gradeCell,
    subject: optionalText,
    credits: nonNegativeNumberCell.optional(),
  }),
  quick: (cells) => {
    const { schoolId, courseId, title, gradeLow, gradeHigh, credits } = cells;
    if (schoolId === undefined || courseId === undefined || title === undefined) return undefined;
    if (gradeLow === undefined || gradeHigh === undefined) return undefined;
    const low = parseGrade(gradeLow);
    const high = parseGrade(gradeHigh);
    if (low === undefined || high === undefined) return undefined;
    const creditValue = credits === undefined ? undefined : parseNonNegativeNumber(credits);
    if (credits !== undefined && creditValue === undefined) return undefined;
    const row = { ...cells } as unknown as Course;
    row.gradeLow = low;
    row.gradeHigh = high;
    row.credits = creditValue;
    return row;
  },
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
