/** teachers.csv: teachers, their loads, unavailable periods and qualifications. */
import { z } from "zod";
import type { Teacher } from "../../../domain/problem.ts";
import {
  booleanCell,
  countCell,
  idListCell,
  optionalText,
  parseBoolean,
  parseWholeNumber,
  parseWholeNumberList,
  requiredText,
  splitList,
  wholeNumberListCell,
} from "./cells.ts";
import type { TableSchema } from "./table-schema.ts";

/** teachers.csv: columns, row schema and cells. */
export const teachersTable: TableSchema<Teacher> = {
  file: "teachers.csv",
  columns: [
    "school_id",
    "teacher_id",
    "given_name",
    "family_name",
    "max_sections",
    "max_students",
    "unavailable_periods",
    "special_education",
    "qualified_courses",
    "email",
  ],
  later: ["email"],
  required: ["school_id", "teacher_id"],
  row: z.object({
    schoolId: requiredText,
    teacherId: requiredText,
    givenName: optionalText,
    familyName: optionalText,
    maxSections: countCell.optional(),
    maxStudents: countCell.optional(),
    // The school's own period count is checked once the school is known.
    unavailablePeriods: wholeNumberListCell(1, 12),
    specialEducation: booleanCell,
    qualifiedCourses: idListCell,
    email: optionalText,
  }),
  quick: (cells) => {
    const { schoolId, teacherId, maxSections, maxStudents, unavailablePeriods, specialEducation, qualifiedCourses } =
      cells;
    if (schoolId === undefined || teacherId === undefined) return undefined;
    const sections = maxSections === undefined ? undefined : parseWholeNumber(maxSections, 0, Number.MAX_SAFE_INTEGER);
    if (maxSections !== undefined && sections === undefined) return undefined;
    const students = maxStudents === undefined ? undefined : parseWholeNumber(maxStudents, 0, Number.MAX_SAFE_INTEGER);
    if (maxStudents !== undefined && students === undefined) return undefined;
    const periods = unavailablePeriods === undefined ? [] : parseWholeNumberList(unavailablePeriods, 1, 12);
    const special = specialEducation === undefined ? false : parseBoolean(specialEducation);
    if (periods === undefined || special === undefined) return undefined;
    const row = { ...cells } as unknown as Teacher;
    row.maxSections = sections;
    row.maxStudents = students;
    row.unavailablePeriods = periods;
    row.specialEducation = special;
    row.qualifiedCourses = qualifiedCourses === undefined ? [] : splitList(qualifiedCourses);
    return row;
  },
  cells: (t) => [
    t.schoolId,
    t.teacherId,
    t.givenName,
    t.familyName,
    t.maxSections === undefined ? undefined : String(t.maxSections),
    t.maxStudents === undefined ? undefined : String(t.maxStudents),
    t.unavailablePeriods.join(";"),
    String(t.specialEducation),
    t.qualifiedCourses.join(";"),
    t.email,
  ],
};
