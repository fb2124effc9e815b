/** students.csv: the students of each school. */
import { z } from "zod";
import type { Student } from "../../../domain/problem.ts";
import { booleanCell, gradeCell, optionalText, requiredText } from "./cells.ts";
import type { TableSchema } from "./table-schema.ts";

/** students.csv: columns, row schema and cells. */
export const studentsTable: TableSchema<Student> = {
  file: "students.csv",
  columns: ["school_id", "student_id", "grade", "given_name", "family_name", "iep", "gender", "email", "team_id"],
  later: ["email", "team_id"],
  required: ["school_id", "student_id", "grade"],
  row: z.compile(
    z.object({
      schoolId: requiredText,
      studentId: requiredText,
      grade: gradeCell,
      givenName: optionalText,
      familyName: optionalText,
      iep: booleanCell,
      gender: optionalText,
      email: optionalText,
      teamId: optionalText,
    }),
  ),
  cells: (s) => [
    s.schoolId,
    s.studentId,
    String(s.grade),
    s.givenName,
    s.familyName,
    String(s.iep),
    s.gender,
    s.email,
    s.teamId,
  ],
};
