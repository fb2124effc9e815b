/** requests.csv: the courses each student asks for, by priority, with alternates. */
import { z } from "zod";
import { SETTINGS, type CourseRequest } from "../../../domain/problem.ts";
import { choiceCell, optionalText, parseChoice, parseWholeNumber, requiredText, wholeNumberCell } from "./cells.ts";
import type { TableSchema } from "./table-schema.ts";

/** requests.csv: columns, row schema and cells. */
export const requestsTable: TableSchema<CourseRequest> = {
  file: "requests.csv",
  columns: [
    "school_id",
    "student_id",
    "course_id",
    "priority",
    "alternate_for",
    "required_setting",
    "locked_section_id",
  ],
  required: ["school_id", "student_id", "course_id"],
  row: z.object({
    schoolId: requiredText,
    studentId: requiredText,
    courseId: requiredText,
    priority: wholeNumberCell(1).default(1),
    alternateFor: optionalText,
    requiredSetting: choiceCell(SETTINGS).optional(),
    lockedSectionId: optionalText,
  }),
  quick: (cells) => {
    const { schoolId, studentId, courseId, priority, requiredSetting } = cells;
    if (schoolId === undefined || studentId === undefined || courseId === undefined) return undefined;
    const rank = priority === undefined ? 1 : parseWholeNumber(priority, 1, Number.MAX_SAFE_INTEGER);
    if (rank === undefined) return undefined;
    const setting = requiredSetting === undefined ? undefined : parseChoice(requiredSetting, SETTINGS);
    if (requiredSetting !== undefined && setting === undefined) return undefined;
    const row = cells as unknown as CourseRequest;
    row.priority = rank;
    row.requiredSetting = setting;
    return row;
  },
  cells: (r) => [
    r.schoolId,
    r.studentId,
    r.courseId,
    String(r.priority),
    r.alternateFor,
    r.requiredSetting,
    r.lockedSectionId,
  ],
};
