/**
 * Each alternate_for must name a course the same student requested. A district's requests
 * usually list a student's courses one after another, so most alternates are settled within
 * that run of rows as it streams by; only the rest wait for a pass over every request.
 */
import type { CourseRequest } from "../../domain/problem.ts";

/** An alternate request not yet matched to its primary. */
export interface PendingAlternate {
  request: CourseRequest;
  line: number;
}

/** The consecutive requests of one student seen so far. */
export interface RequestRun {
  studentId: string | undefined;
  courses: string[];
  alternates: PendingAlternate[];
}

/** A run before any request. */
export function createRequestRun(): RequestRun {
  return { studentId: undefined, courses: [], alternates: [] };
}

/** Settles the run's alternates whose primary is in the run; the others go to `unresolved`. */
function closeRun(run: RequestRun, unresolved: PendingAlternate[]): void {
  for (const pending of run.alternates) {
    if (!run.courses.includes(pending.request.alternateFor as string)) unresolved.push(pending);
  }
  run.courses.length = 0;
  run.alternates.length = 0;
}

/** Adds a valid request to the current run, closing the run when the student changes. */
export function noteRequest(run: RequestRun, request: CourseRequest, line: number, unresolved: PendingAlternate[]): void {
  if (request.studentId !== run.studentId) {
    closeRun(run, unresolved);
    run.studentId = request.studentId;
  }
  run.courses.push(request.courseId);
  // An alternate for its own course is reported where it is read.
  if (request.alternateFor !== undefined && request.alternateFor !== request.courseId) {
    run.alternates.push({ request, line });
  }
}

/**
 * Reports alternates whose primary the student never requested, once every request is read
 * (a primary may come after its alternate, or apart from the student's other rows).
 * `otherRequests` are request rows that had errors of their own: still asked for.
 */
export function checkAlternates(
  run: RequestRun,
  unresolved: PendingAlternate[],
  requests: readonly CourseRequest[],
  otherRequests: readonly { studentId: string; courseId: string }[],
  report: (line: number, column: string, message: string) => void,
): void {
  closeRun(run, unresolved);
  if (unresolved.length === 0) return;
  const requested = new Map<string, string[]>();
  for (const { request } of unresolved) requested.set(request.studentId, []);
  const note = (studentId: string, courseId: string) => requested.get(studentId)?.push(courseId);
  for (const r of requests) note(r.studentId, r.courseId);
  for (const r of otherRequests) note(r.studentId, r.courseId);
  for (const { request, line } of unresolved) {
    const primary = request.alternateFor as string;
    if (!requested.get(request.studentId)?.includes(primary)) {
      report(line, "alternate_for", `student ${JSON.stringify(request.studentId)} did not request course ${JSON.stringify(primary)}`);
    }
  }
}
