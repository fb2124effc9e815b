/** avoid.csv (optional): pairs of students who must never share a section. */
import { z } from "zod";
import type { AvoidPair } from "../../../domain/problem.ts";
import { requiredText } from "./cells.ts";
import type { TableSchema } from "./table-schema.ts";

/** avoid.csv: columns, row schema and cells. */
export const avoidTable: TableSchema<AvoidPair> = {
  file: "avoid.csv",
  columns: ["school_id", "student_id", "other_student_id"],
  required: ["school_id", "student_id", "other_student_id"],
  row: z.object({ schoolId: requiredText, studentId: requiredText, otherStudentId: requiredText }),
  quick: (cells) =>
    cells.schoolId === undefined || cells.studentId === undefined || cells.otherStudentId === undefined
      ? undefined
      : ({ ...cells } as unknown as AvoidPair),
  cells: (a) => [a.schoolId, a.studentId, a.otherStudentId],
};
