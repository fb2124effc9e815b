/**
 * The checks that need all of one student's requests at once: each alternate_for names a
 * course the same student requested, alternates do not go round in a circle (A for B and B
 * for A leaves no primary, and no roster can honour constraint 9), and no course is asked
 * for twice. A district's requests usually list a student's courses one after another, so
 * most students are settled within that run of rows as it streams by; only students whose
 * rows are scattered, and alternates whose primary is elsewhere, wait for a pass over every
 * request.
 */
import { alternateCircles } from "../../domain/alternate-circles.ts";
import type { CourseRequest } from "../../domain/problem.ts";

/** An alternate request not yet matched to its primary. */
export interface PendingAlternate {
  request: CourseRequest;
  line: number;
}

/** Reports an issue of requests.csv at `line`. */
export type RequestReport = (line: number, column: string, message: string) => void;

/** A student's requests: courses, what each replaces, the line each is on. */
interface StudentRequests {
  courses: string[];
  alternateFor: (string | undefined)[];
  lines: number[];
}

/** The requests read so far, as far as these checks need them. */
export interface RequestRun extends StudentRequests {
  /** The student of the current run of consecutive rows. */
  studentId: string | undefined;
  alternates: PendingAlternate[];
  /** Alternates whose primary was not in their run. */
  unresolved: PendingAlternate[];
  /** Students whose run has closed. */
  closed: Set<string>;
  /** Students with rows in more than one run: checked in the final pass. */
  scattered: Set<string>;
  /** Line of each request, in the order of the problem's requests (for the final pass). */
  requestLines: number[];
  /** Lines already reported by these checks, so that the final pass does not repeat them. */
  reported: Set<number>;
}

/** A run before any request. */
export function createRequestRun(): RequestRun {
  return {
    studentId: undefined,
    courses: [],
    alternateFor: [],
    lines: [],
    alternates: [],
    unresolved: [],
    closed: new Set(),
    scattered: new Set(),
    requestLines: [],
    reported: new Set(),
  };
}

const q = (s: string): string => JSON.stringify(s);

/** Reports courses requested twice and alternates that form a circle, each once. */
function checkStudent(studentId: string, requests: StudentRequests, run: RequestRun, report: RequestReport): void {
  const report1 = (line: number, column: string, message: string) => {
    if (run.reported.has(line)) return;
    run.reported.add(line);
    report(line, column, message);
  };
  const first = new Map<string, number>();
  requests.courses.forEach((course, i) => {
    const earlier = first.get(course);
    if (earlier === undefined) first.set(course, i);
    else
      report1(
        requests.lines[i],
        "course_id",
        `student ${q(studentId)} already requests course ${q(course)} on line ${requests.lines[earlier]}; each course once`,
      );
  });
  // Rows come in line order, so each circle starts at (and is reported on) its earliest line.
  const links = requests.courses.map((courseId, i) => ({ courseId, alternateFor: requests.alternateFor[i] }));
  for (const circle of alternateCircles(links)) {
    const path = [...circle, circle[0]]
      .map((i) => `${q(requests.courses[i])} (line ${requests.lines[i]})`)
      .join(" -> ");
    report1(
      requests.lines[circle[0]],
      "alternate_for",
      `the alternates of student ${q(studentId)} go round in a circle: ${path}; one of them must be a primary request (empty alternate_for)`,
    );
  }
}

/** Settles the run: its alternates whose primary is in it, its duplicates and circles; a student seen before waits for the final pass. */
function closeRun(run: RequestRun, report: RequestReport): void {
  for (const pending of run.alternates) {
    if (!run.courses.includes(pending.request.alternateFor as string)) run.unresolved.push(pending);
  }
  const studentId = run.studentId;
  if (studentId !== undefined) {
    if (run.closed.has(studentId)) run.scattered.add(studentId);
    else {
      run.closed.add(studentId);
      checkStudent(studentId, run, run, report);
    }
  }
  run.courses.length = 0;
  run.alternateFor.length = 0;
  run.lines.length = 0;
  run.alternates.length = 0;
}

/** Adds a valid request (the next of the problem's requests) to the current run, closing the run when the student changes. */
export function noteRequest(run: RequestRun, request: CourseRequest, line: number, report: RequestReport): void {
  if (request.studentId !== run.studentId) {
    closeRun(run, report);
    run.studentId = request.studentId;
  }
  run.courses.push(request.courseId);
  run.alternateFor.push(request.alternateFor);
  run.lines.push(line);
  run.requestLines.push(line);
  // An alternate for its own course is reported where it is read.
  if (request.alternateFor !== undefined && request.alternateFor !== request.courseId) {
    run.alternates.push({ request, line });
  }
}

/**
 * Once every request is read: reports alternates whose primary the student never requested
 * (a primary may come after its alternate, or apart from the student's other rows), and the
 * duplicates and circles of students whose rows were scattered. `requests` are the problem's
 * requests in the order noted; `otherRequests` are request rows that had errors of their own:
 * still asked for.
 */
export function checkStudentRequests(
  run: RequestRun,
  requests: readonly CourseRequest[],
  otherRequests: readonly { studentId: string; courseId: string }[],
  report: RequestReport,
): void {
  closeRun(run, report);
  if (run.scattered.size > 0) {
    const rowsOf = new Map<string, StudentRequests>();
    for (const studentId of run.scattered) rowsOf.set(studentId, { courses: [], alternateFor: [], lines: [] });
    requests.forEach((r, i) => {
      const rows = rowsOf.get(r.studentId);
      if (rows === undefined) return;
      rows.courses.push(r.courseId);
      rows.alternateFor.push(r.alternateFor);
      rows.lines.push(run.requestLines[i]);
    });
    for (const [studentId, rows] of rowsOf) checkStudent(studentId, rows, run, report);
  }
  if (run.unresolved.length === 0) return;
  const requested = new Map<string, string[]>();
  for (const { request } of run.unresolved) requested.set(request.studentId, []);
  const note = (studentId: string, courseId: string) => requested.get(studentId)?.push(courseId);
  for (const r of requests) note(r.studentId, r.courseId);
  for (const r of otherRequests) note(r.studentId, r.courseId);
  for (const { request, line } of run.unresolved) {
    const primary = request.alternateFor as string;
    if (!requested.get(request.studentId)?.includes(primary)) {
      report(line, "alternate_for", `student ${q(request.studentId)} did not request course ${q(primary)}`);
    }
  }
}
