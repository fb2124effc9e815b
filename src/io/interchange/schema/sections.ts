/** sections.csv: the sections of each course, placed or to be placed by the builder. */
import { z } from "zod";
import { SETTINGS, type Section } from "../../../domain/problem.ts";
import {
  booleanCell,
  choiceCell,
  countCell,
  idListCell,
  optionalText,
  parseBoolean,
  parseChoice,
  parseWholeNumber,
  requiredText,
  splitList,
  wholeNumberCell,
} from "./cells.ts";
import type { TableSchema } from "./table-schema.ts";

/** sections.csv: columns, row schema and cells. */
export const sectionsTable: TableSchema<Section> = {
  file: "sections.csv",
  columns: [
    "school_id",
    "section_id",
    "course_id",
    "capacity",
    "teacher_id",
    "co_teacher_id",
    "room_id",
    "period",
    "terms",
    "setting",
    "iep_capacity",
    "locked",
    "team_id",
    "link_id",
    "length",
  ],
  later: ["team_id", "link_id", "length"],
  required: ["school_id", "section_id", "course_id", "capacity"],
  row: z.object({
    schoolId: requiredText,
    sectionId: requiredText,
    courseId: requiredText,
    capacity: countCell,
    teacherId: optionalText,
    coTeacherId: optionalText,
    roomId: optionalText,
    // The school's own period count is checked once the school is known.
    period: wholeNumberCell(1, 12).optional(),
    // Empty stays empty here and becomes all of the school's terms once the school is known.
    terms: idListCell,
    setting: choiceCell(SETTINGS).default("general"),
    iepCapacity: countCell.optional(),
    locked: booleanCell,
    teamId: optionalText,
    linkId: optionalText,
    // Whether period + length - 1 stays within the school's day is checked once the school is known.
    length: wholeNumberCell(1, 12).optional(),
  }),
  quick: (cells) => {
    const { schoolId, sectionId, courseId, capacity, period, terms, setting, iepCapacity, locked, length } = cells;
    if (schoolId === undefined || sectionId === undefined || courseId === undefined || capacity === undefined)
      return undefined;
    const seats = parseWholeNumber(capacity, 0, Number.MAX_SAFE_INTEGER);
    if (seats === undefined) return undefined;
    const periodValue = period === undefined ? undefined : parseWholeNumber(period, 1, 12);
    if (period !== undefined && periodValue === undefined) return undefined;
    const settingValue = setting === undefined ? "general" : parseChoice(setting, SETTINGS);
    if (settingValue === undefined) return undefined;
    const iepSeats = iepCapacity === undefined ? undefined : parseWholeNumber(iepCapacity, 0, Number.MAX_SAFE_INTEGER);
    if (iepCapacity !== undefined && iepSeats === undefined) return undefined;
    const lockedValue = locked === undefined ? false : parseBoolean(locked);
    if (lockedValue === undefined) return undefined;
    const lengthValue = length === undefined ? undefined : parseWholeNumber(length, 1, 12);
    if (length !== undefined && lengthValue === undefined) return undefined;
    const row = { ...cells } as unknown as Section;
    row.capacity = seats;
    row.period = periodValue;
    row.terms = terms === undefined ? [] : splitList(terms);
    row.setting = settingValue;
    row.iepCapacity = iepSeats;
    row.locked = lockedValue;
    row.length = lengthValue;
    return row;
  },
  cells: (s) => [
    s.schoolId,
    s.sectionId,
    s.courseId,
    String(s.capacity),
    s.teacherId,
    s.coTeacherId,
    s.roomId,
    s.period === undefined ? undefined : String(s.period),
    s.terms.join(";"),
    s.setting,
    s.iepCapacity === undefined ? undefined : String(s.iepCapacity),
    String(s.locked),
    s.teamId,
    s.linkId,
    s.length === undefined ? undefined : String(s.length),
  ],
};
