import { schoolYearDates, termDates } from "./academic-calendar.ts";
import type { ACADEMIC_SESSIONS_COLUMNS, Row } from "./columns.ts";
import type { ExportContext } from "./export-context.ts";
import { schoolYearSourcedId, termSourcedId } from "./sourced-ids.ts";

/** The rows of academicSessions.csv: the district's school year, then each school's terms. */
export function* academicSessionsRows(
  context: ExportContext,
): Generator<Row<typeof ACADEMIC_SESSIONS_COLUMNS>> {
  const yearId = schoolYearSourcedId(context.districtId, context.schoolYear);
  const year = String(context.schoolYear);
  yield { sourcedId: yearId, title: year, type: "schoolYear", ...schoolYearDates(context.schoolYear), schoolYear: year };
  for (const school of context.problem.schools) {
    for (const [index, term] of school.terms.entries()) {
      yield {
        sourcedId: termSourcedId(school.schoolId, term),
        title: term,
        type: "term",
        ...termDates(context.schoolYear, index, school.terms.length),
        parentSourcedId: yearId,
        schoolYear: year,
      };
    }
  }
}
