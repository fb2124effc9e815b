import type { School } from "../../domain/problem.ts";
import { schoolYearDates, termDates } from "./academic-calendar.ts";
import type { ACADEMIC_SESSIONS_COLUMNS, Row } from "./columns.ts";
import type { ExportContext } from "./export-context.ts";
import { gradingPeriodSourcedId, schoolYearSourcedId, termSourcedId } from "./sourced-ids.ts";

type SessionRow = Row<typeof ACADEMIC_SESSIONS_COLUMNS>;

/**
 * The school rows of academicSessions.csv, which begins with the district's school year
 * (schoolYearRow): each school's terms, each followed by its one grading period (same dates,
 * parent = the term), which gradebooks need to hang marks on and which the interchange format
 * does not split any finer.
 */
export function* academicSessionsRows(context: ExportContext): Generator<SessionRow> {
  for (const school of context.problem.schools) {
    for (const index of school.terms.keys()) {
      yield termRow(context, school, index);
      yield gradingPeriodRow(context, school, index);
    }
  }
}

/** The district's school year. */
export function schoolYearRow(context: ExportContext): SessionRow {
  const year = String(context.schoolYear);
  return {
    sourcedId: schoolYearSourcedId(context.districtId, context.schoolYear),
    title: year,
    type: "schoolYear",
    ...schoolYearDates(context.schoolYear),
    schoolYear: year,
  };
}

/** The index-th term of a school. */
export function termRow(context: ExportContext, school: School, index: number): SessionRow {
  const term = school.terms[index]!;
  return {
    sourcedId: termSourcedId(school.schoolId, term),
    title: term,
    type: "term",
    ...termDates(context.schoolYear, index, school.terms.length),
    parentSourcedId: schoolYearSourcedId(context.districtId, context.schoolYear),
    schoolYear: String(context.schoolYear),
  };
}

/** The grading period of the index-th term of a school: the whole term. */
export function gradingPeriodRow(context: ExportContext, school: School, index: number): SessionRow {
  const term = school.terms[index]!;
  return {
    sourcedId: gradingPeriodSourcedId(school.schoolId, term),
    title: term,
    type: "gradingPeriod",
    ...termDates(context.schoolYear, index, school.terms.length),
    parentSourcedId: termSourcedId(school.schoolId, term),
    schoolYear: String(context.schoolYear),
  };
}
