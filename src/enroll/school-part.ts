import type { SchoolProblem } from "../domain/problem.ts";
import type { Enrollment } from "../domain/roster.ts";
import type { ReservedSeats } from "../../solver/instance/reserve-seats.ts";

/** The school with only the given students: their rows, their requests, and the avoid pairs among them. */
export function schoolPart(problem: SchoolProblem, studentIds: ReadonlySet<string>): SchoolProblem {
  return {
    ...problem,
    students: problem.students.filter((s) => studentIds.has(s.studentId)),
    requests: problem.requests.filter((r) => studentIds.has(r.studentId)),
    avoid: problem.avoid.filter((a) => studentIds.has(a.studentId) && studentIds.has(a.otherStudentId)),
  };
}

/** Seats per section held by `seats` (enrollments of students outside the part solved), with how many of them have an IEP. */
export function reservedSeatsOf(problem: SchoolProblem, seats: readonly Enrollment[]): Map<string, ReservedSeats> {
  const iep = new Set(problem.students.filter((s) => s.iep).map((s) => s.studentId));
  const reserved = new Map<string, ReservedSeats>();
  for (const e of seats) {
    let held = reserved.get(e.sectionId);
    if (!held) reserved.set(e.sectionId, (held = { seats: 0, iepSeats: 0 }));
    held.seats++;
    if (iep.has(e.studentId)) held.iepSeats++;
  }
  return reserved;
}
