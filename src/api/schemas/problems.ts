/** A school's problem handed in over HTTP: the interchange files as text. */
import { z } from "zod";
import { TABLES } from "../../io/interchange/tables.ts";

/** The file names of interchange v1 (schools.csv ... avoid.csv). */
export const INTERCHANGE_FILES = Object.values(TABLES).map((t) => t.file) as [string, ...string[]];

export const problemUploadBody = z.strictObject({
  files: z.partialRecord(z.enum(INTERCHANGE_FILES), z.string()).meta({
    description:
      "file name -> the file's CSV text (interchange format v1); avoid.csv is optional, the rest are required",
  }),
});

export const importResponse = z.object({
  schoolId: z.string(),
  problemVersion: z.number().int().meta({ description: "goes up with every change of the school's problem" }),
  created: z.boolean().meta({ description: "the school was new to the store" }),
  rows: z.record(z.string(), z.number().int()).meta({ description: "rows written per table" }),
  warnings: z.array(z.string()),
});

export const schoolSummary = z.object({
  schoolId: z.string(),
  liveRunId: z.number().int().optional().meta({ description: "the run whose roster is live, if any" }),
  stale: z.boolean().optional().meta({
    description:
      "schools with a live roster: the problem changed after the live run was made; the next (incremental) run re-places it",
  }),
});

export const schoolList = z.object({ schools: z.array(schoolSummary) });
