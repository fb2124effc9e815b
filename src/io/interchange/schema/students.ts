/** students.csv: the students of each school. */
import { z } from "zod";
import type { Student } from "../../../domain/problem.ts";
import { booleanCell, gradeCell, optionalText, parseBoolean, parseGrade, requiredText } from "./cells.ts";
import type { TableSchema } from "./table-schema.ts";

/** students.csv: columns, row schema and cells. */
export const studentsTable: TableSchema<Student> = {
  file: "students.csv",
  columns: ["school_id", "student_id", "grade", "given_name", "family_name", "iep", "gender", "email", "team_id"],
  later: ["email", "team_id"],
  required: ["school_id", "student_id", "grade"],
  row: z.object({
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
  quick: (cells) => {
    const { schoolId, studentId, grade, iep } = cells;
    if (schoolId === undefined || studentId === undefined || grade === undefined) return undefined;
    const gradeValue = parseGrade(grade);
    const iepValue = iep === undefined ? false : parseBoolean(iep);
    if (gradeValue === undefined || iepValue === undefined) return undefined;
    const row = cells as unknown as Student;
    row.grade = gradeValue;
    row.iep = iepValue;
    return row;
  },
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
