import type { MANIFEST_COLUMNS, Row } from "./columns.ts";

/** Every file entry of a OneRoster 1.2 manifest, in the specification's order. */
export const MANIFEST_FILES = [
  "academicSessions",
  "categories",
  "classes",
  "classResources",
  "courses",
  "courseResources",
  "demographics",
  "enrollments",
  "lineItemLearningObjectiveIds",
  "lineItems",
  "lineItemScoreScales",
  "orgs",
  "resources",
  "resultLearningObjectiveIds",
  "results",
  "resultScoreScales",
  "roles",
  "scoreScales",
  "userProfiles",
  "userResources",
  "users",
] as const;

/** The rows of manifest.csv for a OneRoster 1.2 bulk export of the given files (every other one absent). */
export function* manifestRows(
  systemName: string,
  bulkFiles: ReadonlySet<string>,
): Generator<Row<typeof MANIFEST_COLUMNS>> {
  yield { propertyName: "manifest.version", value: "1.0" };
  yield { propertyName: "oneroster.version", value: "1.2" };
  for (const file of MANIFEST_FILES) {
    yield { propertyName: `file.${file}`, value: bulkFiles.has(file) ? "bulk" : "absent" };
  }
  yield { propertyName: "source.systemName", value: systemName };
  yield { propertyName: "source.systemCode", value: "mse" };
}
