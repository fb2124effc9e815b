/**
 * The JSON of a roster's seats, put together from pieces kept across rosters. Under late
 * enrollments every placement publishes a new roster, and a read after it serialized the whole
 * school again (a 2,000-student school's 14,000 seats, 700 KB) on the thread that answers
 * everyone, though only the placed students' seats had changed: the new roster keeps the old
 * one's seat objects for everyone else (src/district/resident-schools.ts rosterWithChange).
 *
 * The seats are cut into pieces where a student's seats begin and the student's ID hashes to
 * a boundary (about one student in 32), so a change to one student changes one piece and moves
 * no boundary elsewhere; a piece whose seats are the very same objects as a piece already
 * serialized reuses its JSON (a pointer comparison per seat). The pieces are kept as UTF-8
 * bytes and put together as bytes: joined as strings, then encoded for the socket or gzip,
 * they cost more than serializing every seat again (V8's JSON.stringify is fast; copying and
 * encoding a megabyte of text is not free). The bytes are the same as JSON.stringify's of the
 * seats.
 */
import type { Enrollment } from "../domain/roster.ts";

/** A piece's seats and their JSON (without the array's brackets, UTF-8), by its first seat. */
const pieces = new WeakMap<Enrollment, { seats: Enrollment[]; json: Buffer }>();

const OPEN = Buffer.from("[");
const COMMA = Buffer.from(",");
const CLOSE = Buffer.from("]");

/** About one student in this many starts a piece. */
const STUDENTS_PER_PIECE = 32;
/** A piece is cut here even without a boundary, so no piece is unbounded (a school of one student). */
const MOST_SEATS_PER_PIECE = 4096;

/** FNV-1a of a student ID: where pieces are cut depends on the IDs only, never on positions. */
function startsPiece(studentId: string): boolean {
  let hash = 0x811c9dc5;
  for (let i = 0; i < studentId.length; i++) hash = Math.imul(hash ^ studentId.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % STUDENTS_PER_PIECE === 0;
}

/** The JSON of seats [from, to), from the piece kept for them when it holds the same seat objects. */
function pieceJson(enrollments: readonly Enrollment[], from: number, to: number): Buffer {
  const first = enrollments[from]!;
  const kept = pieces.get(first);
  if (kept && kept.seats.length === to - from && kept.seats.every((seat, i) => seat === enrollments[from + i]))
    return kept.json;
  const seats = enrollments.slice(from, to);
  const text = JSON.stringify(seats.map((e) => ({ studentId: e.studentId, sectionId: e.sectionId })));
  const json = Buffer.from(text.slice(1, -1));
  pieces.set(first, { seats, json });
  return json;
}

/**
 * `JSON.stringify(enrollments)` (as { studentId, sectionId } each) in UTF-8, as the list of
 * buffers to write one after the other, reusing the pieces of earlier rosters.
 */
export function enrollmentsJson(enrollments: readonly Enrollment[]): Buffer[] {
  const parts: Buffer[] = [OPEN];
  let from = 0;
  for (let i = 1; i <= enrollments.length; i++) {
    if (i < enrollments.length) {
      const seat = enrollments[i]!;
      const newStudent = seat.studentId !== enrollments[i - 1]!.studentId;
      if (!(newStudent && startsPiece(seat.studentId)) && i - from < MOST_SEATS_PER_PIECE) continue;
    }
    if (from > 0) parts.push(COMMA);
    parts.push(pieceJson(enrollments, from, i));
    from = i;
  }
  parts.push(CLOSE);
  return parts;
}
