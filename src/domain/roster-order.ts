/**
 * The order a store reads a roster's enrollments back in (student, then section, each by code
 * point as SQLite's BINARY collation orders UTF-8 text), so that a roster kept in memory after a
 * run and one read back from the store are the same, seat for seat.
 */
import type { Enrollment, SchoolRoster } from "./roster.ts";

/** A UTF-16 unit ranked in code point order: a surrogate (U+D800-DFFF) starts a code point above U+FFFF, after U+E000-FFFF. */
function codePointRank(unit: number): number {
  return unit >= 0xd800 && unit <= 0xdfff ? unit + 0x2000 : unit >= 0xe000 ? unit - 0x800 : unit;
}

/** Orders strings by code point, as SQLite's BINARY collation orders UTF-8 text (`<` orders UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** Enrollments by student, then section. */
export function compareEnrollments(a: Enrollment, b: Enrollment): number {
  return compareCodePoints(a.studentId, b.studentId) || compareCodePoints(a.sectionId, b.sectionId);
}

/** The roster with its enrollments in the store's order (the same object when they already are). */
export function inStoreOrder(roster: SchoolRoster): SchoolRoster {
  const { enrollments } = roster;
  let sorted = true;
  for (let i = 1; i < enrollments.length && sorted; i++)
    sorted = compareEnrollments(enrollments[i - 1]!, enrollments[i]!) <= 0;
  return sorted ? roster : { ...roster, enrollments: [...enrollments].sort(compareEnrollments) };
}
