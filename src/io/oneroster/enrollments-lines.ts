/**
 * enrollments.csv's lines of a school written straight as bytes: enrollmentsRows' lines, byte
 * for byte, with the student seats (3.9 million on the district, four fifths of a roster
 * directory's bytes) written without an object or a string per seat. A seat's line is five
 * pieces: its class's start of a sourcedId, the student's ID, the class's middle (class and
 * school), the student's sourcedId and the line's end; each is made once per class, school or
 * student. The district's first 60 schools (327,402 seats): 0.15 s of CPU with each student's
 * pieces encoded into bytes of their own, 0.09-0.11 s with them copied from the ID's text. A
 * seat's class is the one exportContext found for it (placementOfEnrollment), not looked up by
 * its section ID again: with that and a class's pieces cut from one line per school, 200 district
 * schools' lines took about 12% less CPU (alternated in one process, median of 10 passes).
 */
import { ENROLLMENTS_COLUMNS, plainColumns } from "./columns.ts";
import type { ExportContext } from "./export-context.ts";
import { seatRow, teacherEnrollmentsRows } from "./enrollments-rows.ts";
import { csvLineBytes, textBytes, type LineBytes } from "./line-bytes.ts";
import { csvLine } from "./write-csv-file.ts";
import { classSeatPrefix, idSourcedId, joinablePart, seatJoins, seatSourcedId } from "./sourced-ids.ts";

/** What a class's seats share: the joined sourcedId's start, and the line around the student's sourcedId. */
interface ClassSeats {
  sectionId: string;
  prefix: string;
  /** `<prefix>student/`: a joined seat's sourcedId before the student's ID. */
  head: Uint8Array;
  /** The line from the seat's sourcedId to the student's sourcedId (the class's and the school's). */
  middle: Uint8Array;
}

/** Stand in for the seat's, the class's and the student's sourcedIds in a line written once per school (never a sourcedId's character). */
const SEAT = "\u0000";
const CLASS = "\u0001";
const STUDENT = "\u0002";

const PLAIN = plainColumns(ENROLLMENTS_COLUMNS);
const line = csvLineBytes(ENROLLMENTS_COLUMNS, PLAIN);
const lineText = csvLine(ENROLLMENTS_COLUMNS, PLAIN);

/**
 * Writes the lines of enrollments.csv (enrollmentsRows: each section's teachers, then every
 * student seat) into `out`; returns how many.
 */
export function enrollmentsLines(context: ExportContext, out: LineBytes): number {
  let rows = 0;
  for (let r = 0; r < context.rosters.length; r++) {
    const roster = context.rosters[r]!;
    const { schoolId } = roster;
    for (const row of teacherEnrollmentsRows(context, roster)) {
      line(row, out);
      rows += 1;
    }
    // A seat's line with stand-ins for its sourcedIds, cut around them: a class's lines differ
    // only in its own sourcedId (the pieces of a line per class were 700 bytes of garbage each).
    const template = lineText(seatRow(SEAT, CLASS, idSourcedId(schoolId), STUDENT));
    const [beforeClass, rest] = template.slice(SEAT.length).split(CLASS) as [string, string];
    const [beforeStudent, after] = rest.split(STUDENT) as [string, string];
    const end = textBytes(after);
    // Each placement's class, at its index: the context gives each seat's.
    // A loop, not map: optimized, map's array is holey where the builtin's was packed, and the
    // seats' loop below deoptimized on it (--trace-deopt, district export: once per thread).
    const classes: ClassSeats[] = [];
    for (const { sectionId } of roster.sections) {
      const classId = context.classId(schoolId, sectionId);
      const prefix = classSeatPrefix(schoolId, sectionId, classId);
      classes.push({
        sectionId,
        prefix,
        head: textBytes(`${prefix}student/`),
        middle: textBytes(beforeClass + classId + beforeStudent),
      });
    }
    const placementOf = context.placementOfEnrollment[r]!;
    const { enrollments } = roster;
    // A roster's seats come student by student: what depends on the student is made when it changes.
    let studentId: string | undefined;
    let joinable = false;
    let userId = "";
    for (let e = 0; e < enrollments.length; e++) {
      const seats = classes[placementOf[e]!]!;
      const enrollment = enrollments[e]!;
      if (enrollment.studentId !== studentId) {
        studentId = enrollment.studentId;
        joinable = joinablePart(studentId);
        userId = idSourcedId(studentId);
      }
      if (seatJoins(seats.prefix, "student", studentId, joinable)) {
        out.bytes(seats.head);
        out.text(studentId);
      } else out.text(seatSourcedId(seats.prefix, schoolId, seats.sectionId, "student", studentId, joinable));
      out.bytes(seats.middle);
      out.text(userId);
      out.bytes(end);
      rows += 1;
    }
  }
  return rows;
}
