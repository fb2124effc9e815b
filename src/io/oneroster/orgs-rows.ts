import type { School } from "../../domain/problem.ts";
import type { ORGS_COLUMNS, Row } from "./columns.ts";
import type { ExportContext } from "./export-context.ts";
import { idSourcedId } from "./sourced-ids.ts";

/** The school rows of orgs.csv, which begins with the district's (districtOrgRow): one org per school (identifier = school_id). */
export function* orgsRows(context: ExportContext): Generator<Row<typeof ORGS_COLUMNS>> {
  for (const school of context.problem.schools) yield schoolOrgRow(context, school);
}

/** The district's org, parent of every school. */
export function districtOrgRow(context: ExportContext): Row<typeof ORGS_COLUMNS> {
  return { sourcedId: context.districtId, name: context.districtName, type: "district" };
}

/** A school's org. */
export function schoolOrgRow(context: ExportContext, school: School): Row<typeof ORGS_COLUMNS> {
  return {
    sourcedId: idSourcedId(school.schoolId),
    name: school.name,
    type: "school",
    identifier: school.schoolId,
    parentSourcedId: context.districtId,
  };
}
