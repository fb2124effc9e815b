import type { ORGS_COLUMNS, Row } from "./columns.ts";
import type { ExportContext } from "./export-context.ts";
import { idSourcedId } from "./sourced-ids.ts";

/** The rows of orgs.csv: the district, then one school org per school (identifier = school_id). */
export function* orgsRows(context: ExportContext): Generator<Row<typeof ORGS_COLUMNS>> {
  yield { sourcedId: context.districtId, name: context.districtName, type: "district" };
  for (const school of context.problem.schools) {
    yield {
      sourcedId: idSourcedId(school.schoolId),
      name: school.name,
      type: "school",
      identifier: school.schoolId,
      parentSourcedId: context.districtId,
    };
  }
}
