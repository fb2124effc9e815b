/**
 * Dates for academicSessions.csv. The interchange format carries no calendar, yet OneRoster
 * requires start and end dates; so a school year runs July 1 to June 30 and a school's terms
 * split it into equal consecutive parts in the order the school lists them. Consumers that
 * need exact dates should take them from the student information system.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** A date range as OneRoster writes it: YYYY-MM-DD, startDate inclusive, endDate exclusive (the day after the last). */
export interface DateRange {
  startDate: string;
  endDate: string;
}

/** The school year the given moment falls in, counted OneRoster's way: the year it ends. */
export function schoolYearOf(moment: Date): number {
  // July starts a new school year (months are 0-based: 6 = July).
  return moment.getUTCMonth() >= 6 ? moment.getUTCFullYear() + 1 : moment.getUTCFullYear();
}

/** July 1 of the year before to June 30 of the school year: endDate is July 1, as the binding's endDate is exclusive. */
export function schoolYearDates(schoolYear: number): DateRange {
  return { startDate: `${schoolYear - 1}-07-01`, endDate: `${schoolYear}-07-01` };
}

/**
 * The index-th of count equal consecutive parts of the school year. Each part's (exclusive)
 * endDate is the next part's startDate, and the last one's is the school year's.
 */
export function termDates(schoolYear: number, index: number, count: number): DateRange {
  const start = Date.UTC(schoolYear - 1, 6, 1);
  const days = (Date.UTC(schoolYear, 6, 1) - start) / DAY_MS;
  const first = Math.floor((index * days) / count);
  const end = Math.floor(((index + 1) * days) / count);
  return { startDate: isoDate(start + first * DAY_MS), endDate: isoDate(start + end * DAY_MS) };
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
