import type { CourseRequest } from "../../src/domain/problem.ts";
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
      if (request.alternateFor !== undefined || isRepeatedPrimary(rows, from[owner]!, r)) continue;
      const courseId = request.courseId;
      const item = listed?.get(courseId);
      const section = sectionOfCourse(facts, owner, courseId);
      const alternate = section ? undefined : seatedAlternate(facts, owner, courseId);
      if (section) {
        if (item)
          report(
            `unscheduled lists course ${courseId} for student ${studentId}, who is in its section ${section.sectionId}`,
          );
      } else if (alternate !== undefined) {
        if (item) {
          report(
            `unscheduled lists course ${courseId} for student ${studentId}, whose alternate ${alternate} is met by section ${sectionOfCourse(facts, owner, alternate)!.sectionId}`,
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
      if (!isPrimary(rows, from[owner]!, from[owner + 1]!, courseId)) {
        report(`unscheduled lists course ${courseId} for student ${studentId}, who has no primary request for it`);
      }
    }
  }
  return violations;
}

/** Whether an earlier primary request of the requester (rows start .. r - 1) is of the same course. */
function isRepeatedPrimary(rows: CourseRequest[], start: number, r: number): boolean {
  return isPrimary(rows, start, r, rows[r]!.courseId);
}

/** Whether one of the requests start .. end - 1 is a primary request of `courseId`. */
function isPrimary(rows: CourseRequest[], start: number, end: number, courseId: string): boolean {
  for (let k = start; k < end; k++)
    if (rows[k]!.alternateFor === undefined && rows[k]!.courseId === courseId) return true;
  return false;
}

/**
 * The seated course the requester (an owner of requestsOf) requested as an alternate for
 * `primary`, the last such request's if several are seated; searched, not indexed.
 */
function seatedAlternate(facts: SchoolFacts, owner: number, primary: string): string | undefined {
  const { from, rows } = facts.requestsOf;
  for (let r = from[owner + 1]! - 1; r >= from[owner]!; r--) {
    const request = rows[r]!;
    if (request.alternateFor === primary && sectionOfCourse(facts, owner, request.courseId)) return request.courseId;
  }
  return undefined;
}
