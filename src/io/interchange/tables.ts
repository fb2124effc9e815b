/** The files of interchange v1, keyed by the Problem field they fill, in reading order. */
import type { Problem } from "../../domain/problem.ts";
import { avoidTable } from "./schema/avoid.ts";
import { coursesTable } from "./schema/courses.ts";
import { requestsTable } from "./schema/requests.ts";
import { roomsTable } from "./schema/rooms.ts";
import { schoolsTable } from "./schema/schools.ts";
import { sectionsTable } from "./schema/sections.ts";
import { studentsTable } from "./schema/students.ts";
import { teachersTable } from "./schema/teachers.ts";
import type { TableSchema } from "./schema/table-schema.ts";

/** A Problem field, standing for the file that fills it. */
export type TableName = keyof Problem;

/** Each Problem field's file. Keys are in dependency order: a file only refers to files before it. */
export const TABLES: { [K in TableName]: TableSchema<Problem[K][number]> } = {
  schools: schoolsTable,
  courses: coursesTable,
  teachers: teachersTable,
  rooms: roomsTable,
  sections: sectionsTable,
  students: studentsTable,
  requests: requestsTable,
  avoid: avoidTable,
};

/** Problem fields in dependency order. */
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** Files a problem directory may leave out. */
export const OPTIONAL_FILES: ReadonlySet<string> = new Set([avoidTable.file]);
