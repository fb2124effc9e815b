import type { CourseRequest } from "../../src/domain/problem.ts";
import type { Unscheduled } from "../../src/domain/roster.ts";
import { UNSCHEDULED_REASONS } from "../../src/domain/roster.ts";
import type { SchoolFacts } from "./school-facts.ts";
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

  const listedByStudent = new Map<string, Unscheduled[]>();
  for (const item of facts.roster.unscheduled) {
    const list = listedByStudent.get(item.studentId);
    if (list) list.push(item);
    else listedByStudent.set(item.studentId, [item]);
  }

  for (const [studentId, listed] of listedByStudent) {
    if (!facts.requestsByStudent.has(studentId)) {
      for (const item of listed) report(`unscheduled lists course ${item.courseId} for student ${studentId}, who has no requests`);
    }
  }

  for (const [studentId, requests] of facts.requestsByStudent) {
    const seatedIn = new Map<string, string>();
    for (const section of facts.sectionsByStudent.get(studentId) ?? []) seatedIn.set(section.courseId, section.sectionId);
    const listed = new Map<string, Unscheduled>();
    for (const item of listedByStudent.get(studentId) ?? []) {
      if (listed.has(item.courseId)) report(`unscheduled lists course ${item.courseId} of student ${studentId} twice`);
      else listed.set(item.courseId, item);
    }
    const primaries = new Map<string, CourseRequest>();
    for (const request of requests) {
      if (request.alternateFor === undefined && !primaries.has(request.courseId)) primaries.set(request.courseId, request);
    }

    for (const [courseId, request] of primaries) {
      const item = listed.get(courseId);
      const metBy = seatedIn.get(courseId);
      const alternate = requests.find(
        (other) => other.alternateFor === courseId && seatedIn.has(other.courseId),
      );
      if (metBy !== undefined) {
        if (item) report(`unscheduled lists course ${courseId} for student ${studentId}, who is in its section ${metBy}`);
      } else if (alternate) {
        if (item) {
          report(`unscheduled lists course ${courseId} for student ${studentId}, whose alternate ${alternate.courseId} is met by section ${seatedIn.get(alternate.courseId)}`);
        }
      } else if (!item) {
        report(`student ${studentId}'s request for course ${courseId} (priority ${request.priority}) is unmet but not listed in unscheduled`);
      } else {
        if (item.priority !== request.priority) {
          report(`unscheduled lists course ${courseId} for student ${studentId} with priority ${item.priority}, but the request's priority is ${request.priority}`);
        }
        if (!UNSCHEDULED_REASONS.includes(item.reason)) {
          report(`unscheduled gives student ${studentId}'s course ${courseId} the unknown reason "${item.reason}"`);
        }
      }
    }
    for (const courseId of listed.keys()) {
      if (!primaries.has(courseId)) {
        report(`unscheduled lists course ${courseId} for student ${studentId}, who has no primary request for it`);
      }
    }
  }
  return violations;
}
