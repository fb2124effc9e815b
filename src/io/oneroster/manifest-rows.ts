import type { MANIFEST_COLUMNS, Row } from "./columns.ts";

/** The files this exporter writes in bulk mode; every other OneRoster 1.2 file is absent. */
const BULK_FILES = new Set([
  "academicSessions",
  "classes",
  "courses",
  "enrollments",
  "orgs",
  "roles",
  "users",
]);

/** Every file entry of a OneRoster 1.2 manifest, in the specification's order. */
const MANIFEST_FILES = [
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
];

/** The rows of manifest.csv for a OneRoster 1.2 bulk export. */
export function* manifestRows(systemName: string): Generator<Row<typeof MANIFEST_COLUMNS>> {
  yield { propertyName: "manifest.version", value: "1.0" };
  yield { propertyName: "oneroster.version", value: "1.2" };
  for (const file of MANIFEST_FILES) {
    yield { propertyName: `file.${file}`, value: BULK_FILES.has(file) ? "bulk" : "absent" };
  }
  yield { propertyName: "source.systemName", value: systemName };
  yield { propertyName: "source.systemCode", value: "mse" };
}
