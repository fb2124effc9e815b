/** Random seat lists for the specs of a roster's answer (its JSON and gzip pieces). */
import type { Random } from "../../../fixtures/random.ts";
import type { Enrollment } from "../../../src/domain/roster.ts";
import { compareEnrollments } from "../../../src/domain/roster-order.ts";

/** `n` seats of one student in random sections. */
export function randomSeats(random: Random, studentId: string, n: number): Enrollment[] {
  return Array.from({ length: n }, (_, k) => ({ studentId, sectionId: `SEC-${random.int(0, 300)}-${k}` }));
}

/** A school of `students` students with 0 to 8 seats each, in the store's order. */
export function randomSchoolSeats(random: Random, students: number): Enrollment[] {
  const school: Enrollment[] = [];
  for (let s = 0; s < students; s++)
    school.push(...randomSeats(random, `S-${String(s).padStart(5, "0")}`, random.int(0, 8)));
  return school.sort(compareEnrollments);
}
