import type { Unscheduled } from "../../src/domain/roster.ts";
import { UNSCHEDULED_REASONS } from "../../src/domain/roster.ts";
import { requesterId, sectionOfCourse, type SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/**
 * The roster's unscheduled list is exact: every primary request met neither by its course nor
 * by one of its alternates is listed once, with its priority and a known reason, and nothing
 * else is listed.
 */
export function checkUnscheduledList(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  const report = (message: string) =>
    violations.push({ constraint: "unscheduled-list", schoolId: facts.school.schoolId, message });

  const { from, rows } = facts.requestsOf;
  const { requestCourse, requestAlternateFor } = facts;

  // The items listed for each requester, by owner number (a lookup by number, not by ID, per student).
  const strangers = new Map(facts.strangerIds.map((id, k) => [id, facts.studentList.length + k]));
  const ownerOf = (studentId: string) => facts.studentNumber.get(studentId) ?? strangers.get(studentId);
  const listedByOwner = new Array<Map<string, Unscheduled> | undefined>(from.length - 1).fill(undefined);
  const listedElsewhere = new Map<string, Map<string, Unscheduled>>();
  for (const item of facts.roster.unscheduled) {
    const owner = ownerOf(item.studentId);
    let listed = owner === undefined ? listedElsewhere.get(item.studentId) : listedByOwner[owner];
    if (!listed) {
      listed = new Map<string, Unscheduled>();
      if (owner === undefined) listedElsewhere.set(item.studentId, listed);
      else listedByOwner[owner] = listed;
    }
    if (listed.has(item.courseId))
      report(`unscheduled lists course ${item.courseId} of student ${item.studentId} twice`);
    else listed.set(item.courseId, item);
    // A requester the school does not have has requests; a student may have none.
    if (owner === undefined || from[owner + 1]! === from[owner]!) {
      report(`unscheduled lists course ${item.courseId} for student ${item.studentId}, who has no requests`);
    }
  }

  for (const owner of facts.requesters) {
    const studentId = requesterId(facts, owner);
    const listed = listedByOwner[owner];
    for (let r = from[owner]!; r < from[owner + 1]!; r++) {
      const request = rows[r]!;
      // A student's few primary courses: the first request of each is the one checked.
      const course = requestCourse[r]!;
      if (requestAlternateFor[r] !== -1 || isPrimary(facts, from[owner]!, r, course)) continue;
      const courseId = request.courseId;
      const item = listed?.get(courseId);
      const section = sectionOfCourse(facts, owner, course);
      const alternate = section ? -1 : seatedAlternate(facts, owner, course);
      if (section) {
        if (item)
          report(
            `unscheduled lists course ${courseId} for student ${studentId}, who is in its section ${section.sectionId}`,
          );
      } else if (alternate !== -1) {
        if (item) {
          report(
            `unscheduled lists course ${courseId} for student ${studentId}, whose alternate ${rows[alternate]!.courseId} is met by section ${sectionOfCourse(facts, owner, requestCourse[alternate]!)!.sectionId}`,
          );
        }
      } else if (!item) {
        report(
          `student ${studentId}'s request for course ${courseId} (priority ${request.priority}) is unmet but not listed in unscheduled`,
        );
      } else {
        if (item.priority !== request.priority) {
          report(
            `unscheduled lists course ${courseId} for student ${studentId} with priority ${item.priority}, but the request's priority is ${request.priority}`,
          );
        }
        if (!UNSCHEDULED_REASONS.includes(item.reason)) {
          report(`unscheduled gives student ${studentId}'s course ${courseId} the unknown reason "${item.reason}"`);
        }
      }
    }
    if (!listed) continue;
    for (const courseId of listed.keys()) {
      const course = facts.courseCode.get(courseId);
      if (course === undefined || !isPrimary(facts, from[owner]!, from[owner + 1]!, course)) {
        report(`unscheduled lists course ${courseId} for student ${studentId}, who has no primary request for it`);
      }
    }
  }
  return violations;
}

/** Whether one of the requests start .. end - 1 (of requestsOf) is a primary request of the course (by code). */
function isPrimary(facts: SchoolFacts, start: number, end: number, course: number): boolean {
  for (let k = start; k < end; k++)
    if (facts.requestAlternateFor[k] === -1 && facts.requestCourse[k] === course) return true;
  return false;
}

/**
 * The request (its place in requestsOf) of a seated course the requester asked for as an
 * alternate for the primary course, the last such if several are seated; -1 if none.
 */
function seatedAlternate(facts: SchoolFacts, owner: number, primary: number): number {
  const { from } = facts.requestsOf;
  for (let r = from[owner + 1]! - 1; r >= from[owner]!; r--) {
    if (facts.requestAlternateFor[r] === primary && sectionOfCourse(facts, owner, facts.requestCourse[r]!)) return r;
  }
  return -1;
}
