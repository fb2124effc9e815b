import type { Section } from "../../src/domain/problem.ts";
import type { Unscheduled } from "../../src/domain/roster.ts";
import { UNSCHEDULED_REASONS } from "../../src/domain/roster.ts";
import { sectionOfCourse, type SchoolFacts } from "./school-facts.ts";
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

  const listedByStudent = new Map<string, Map<string, Unscheduled>>();
  for (const item of facts.roster.unscheduled) {
    let listed = listedByStudent.get(item.studentId);
    if (!listed) listedByStudent.set(item.studentId, (listed = new Map<string, Unscheduled>()));
    if (listed.has(item.courseId))
      report(`unscheduled lists course ${item.courseId} of student ${item.studentId} twice`);
    else listed.set(item.courseId, item);
    if (!facts.requestsByStudent.has(item.studentId)) {
      report(`unscheduled lists course ${item.courseId} for student ${item.studentId}, who has no requests`);
    }
  }

  const noSeats: Section[] = [];
  for (const [studentId, requests] of facts.requestsByStudent) {
    const seated = facts.sectionsByStudent.get(studentId) ?? noSeats;
    const listed = listedByStudent.get(studentId);
    // The seated alternate of each primary course, if any (a map only for a student who has one).
    let metByAlternate: Map<string, string> | undefined;
    for (const request of requests) {
      if (request.alternateFor !== undefined && sectionOfCourse(seated, request.courseId)) {
        (metByAlternate ??= new Map()).set(request.alternateFor, request.courseId);
      }
    }
    // A student's few primary courses: searched, not indexed.
    const primaries: string[] = [];
    for (const request of requests) {
      if (request.alternateFor !== undefined || primaries.includes(request.courseId)) continue;
      primaries.push(request.courseId);
      const courseId = request.courseId;
      const item = listed?.get(courseId);
      const alternate = metByAlternate?.get(courseId);
      const section = sectionOfCourse(seated, courseId);
      if (section) {
        if (item)
          report(
            `unscheduled lists course ${courseId} for student ${studentId}, who is in its section ${section.sectionId}`,
          );
      } else if (alternate !== undefined) {
        if (item) {
          report(
            `unscheduled lists course ${courseId} for student ${studentId}, whose alternate ${alternate} is met by section ${sectionOfCourse(seated, alternate)!.sectionId}`,
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
    for (const courseId of listed?.keys() ?? []) {
      if (!primaries.includes(courseId)) {
        report(`unscheduled lists course ${courseId} for student ${studentId}, who has no primary request for it`);
      }
    }
  }
  return violations;
}
