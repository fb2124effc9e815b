import { schoolYearDates, termDates } from "./academic-calendar.ts";
import type { ACADEMIC_SESSIONS_COLUMNS, Row } from "./columns.ts";
import type { ExportContext } from "./export-context.ts";
import { gradingPeriodSourcedId, schoolYearSourcedId, termSourcedId } from "./sourced-ids.ts";

/**
 * The rows of academicSessions.csv: the district's school year, then each school's terms, each
 * followed by its one grading period (same dates, parent = the term), which gradebooks need to
 * hang marks on and which the interchange format does not split any finer.
 */
export function* academicSessionsRows(
  context: ExportContext,
): Generator<Row<typeof ACADEMIC_SESSIONS_COLUMNS>> {
  const yearId = schoolYearSourcedId(context.districtId, context.schoolYear);
  const year = String(context.schoolYear);
  yield { sourcedId: yearId, title: year, type: "schoolYear", ...schoolYearDates(context.schoolYear), schoolYear: year };
  for (const school of context.problem.schools) {
    for (const [index, term] of school.terms.entries()) {
      const dates = termDates(context.schoolYear, index, school.terms.length);
      const termId = termSourcedId(school.schoolId, term);
      yield { sourcedId: termId, title: term, type: "term", ...dates, parentSourcedId: yearId, schoolYear: year };
      yield {
        sourcedId: gradingPeriodSourcedId(school.schoolId, term),
        title: term,
        type: "gradingPeriod",
        ...dates,
        parentSourcedId: termId,
        schoolYear: year,
      };
    }
  }
}
