/**
 * enrollments.csv's lines of a school written straight as bytes: enrollmentsRows' lines, byte
 * for byte, with the student seats (3.9 million on the district, four fifths of a roster
 * directory's bytes) written without an object or a string per seat. A seat's line is five
 * pieces: its class's start of a sourcedId, the student's ID, the class's middle (class and
 * school), the student's sourcedId and the class's end; each is made once per class or student.
 * The district's first 60 schools (327,402 seats): 0.15 s of CPU with each student's pieces
 * encoded into bytes of their own, 0.09-0.11 s with them copied from the ID's text.
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
  /** The line after the student's sourcedId. */
  end: Uint8Array;
}

/** Stands for the seat's and the student's sourcedIds in a line written once per class (never a sourcedId's character). */
const SEAT = "\u0000";
const STUDENT = "\u0001";

const PLAIN = plainColumns(ENROLLMENTS_COLUMNS);
const line = csvLineBytes(ENROLLMENTS_COLUMNS, PLAIN);
const lineText = csvLine(ENROLLMENTS_COLUMNS, PLAIN);

/**
 * Writes the lines of enrollments.csv (enrollmentsRows: each section's teachers, then every
 * student seat) into `out`; returns how many.
 */
export function enrollmentsLines(context: ExportContext, out: LineBytes): number {
  let rows = 0;
  for (const roster of context.rosters) {
    const { schoolId } = roster;
    const schoolSourcedId = idSourcedId(schoolId);
    for (const row of teacherEnrollmentsRows(context, roster)) {
      line(row, out);
      rows += 1;
    }
    const classes = new Map<string, ClassSeats>();
    for (const { sectionId } of roster.sections) {
      const classId = context.classId(schoolId, sectionId);
      const prefix = classSeatPrefix(schoolId, sectionId, classId);
      // The seat's line with stand-ins for its two sourcedIds, cut around them.
      const template = lineText(seatRow(SEAT, classId, schoolSourcedId, STUDENT));
      const [middle, end] = template.slice(SEAT.length).split(STUDENT) as [string, string];
      classes.set(sectionId, {
        sectionId,
        prefix,
        head: textBytes(`${prefix}student/`),
        middle: textBytes(middle),
        end: textBytes(end),
      });
    }
    // A roster's seats come student by student: what depends on the student is made when it changes.
    let studentId: string | undefined;
    let joinable = false;
    let userId = "";
    for (const enrollment of roster.enrollments) {
      const seats = classes.get(enrollment.sectionId)!;
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
      out.bytes(seats.end);
      rows += 1;
    }
  }
  return rows;
}
