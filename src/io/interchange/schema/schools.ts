/** schools.csv: one row per school of the district. */
import { z } from "zod";
import { SCHOOL_KINDS, type School } from "../../../domain/problem.ts";
import {
  choiceCell,
  gradeCell,
  parseChoice,
  parseGrade,
  parseWholeNumber,
  parseWholeNumberList,
  requiredText,
  splitList,
  wholeNumberCell,
  wholeNumberListCell,
} from "./cells.ts";
import type { TableSchema } from "./table-schema.ts";

/** The default: one year-long term. */
const DEFAULT_TERMS = ["Y"];

/** A school's terms; an empty cell (or one of only separators) is the default. */
const termsCell = z
  .string()
  .transform((text) => {
    const terms = splitList(text);
    return terms.length > 0 ? terms : DEFAULT_TERMS.slice();
  })
  .default(() => DEFAULT_TERMS.slice());

/** schools.csv: columns, row schema and cells. */
export const schoolsTable: TableSchema<School> = {
  file: "schools.csv",
  columns: ["school_id", "name", "kind", "grade_low", "grade_high", "periods", "terms", "lunch_periods"],
  later: ["lunch_periods"],
  required: ["school_id", "name", "kind", "grade_low", "grade_high", "periods"],
  row: z.object({
    schoolId: requiredText,
    name: requiredText,
    kind: choiceCell(SCHOOL_KINDS),
    gradeLow: gradeCell,
    gradeHigh: gradeCell,
    periods: wholeNumberCell(1, 12),
    terms: termsCell,
    // The school's own period count is checked by the cross-checks; empty = no lunch rule.
    lunchPeriods: wholeNumberListCell(1, 12).transform((periods) => (periods.length > 0 ? periods : undefined)),
  }),
  quick: (cells) => {
    const { schoolId, name, kind, gradeLow, gradeHigh, periods, terms, lunchPeriods } = cells;
    if (schoolId === undefined || name === undefined) return undefined;
    if (kind === undefined || gradeLow === undefined || gradeHigh === undefined || periods === undefined)
      return undefined;
    const kindValue = parseChoice(kind, SCHOOL_KINDS);
    const low = parseGrade(gradeLow);
    const high = parseGrade(gradeHigh);
    const periodCount = parseWholeNumber(periods, 1, 12);
    const lunch = lunchPeriods === undefined ? [] : parseWholeNumberList(lunchPeriods, 1, 12);
    if (kindValue === undefined || low === undefined || high === undefined) return undefined;
    if (periodCount === undefined || lunch === undefined) return undefined;
    const termList = terms === undefined ? [] : splitList(terms);
    const row = { ...cells } as unknown as School;
    row.kind = kindValue;
    row.gradeLow = low;
    row.gradeHigh = high;
    row.periods = periodCount;
    row.terms = termList.length > 0 ? termList : DEFAULT_TERMS.slice();
    row.lunchPeriods = lunch.length > 0 ? lunch : undefined;
    return row;
  },
  cells: (s) => [
    s.schoolId,
    s.name,
    s.kind,
    String(s.gradeLow),
    String(s.gradeHigh),
    String(s.periods),
    s.terms.join(";"),
    s.lunchPeriods?.join(";"),
  ],
};
