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

/**
 * A student's requests: courses, what each replaces, the line each is on; the first `count`
 * of each array. The run's arrays are reused from student to student (emptying an array
 * with `length = 0` frees its storage, and 680,000 students made that a tenth of the read).
 */
interface StudentRequests {
  courses: string[];
  alternateFor: (string | undefined)[];
  lines: number[];
  count: number;
}

/** The requests read so far, as far as these checks need them. */
export interface RequestRun extends StudentRequests {
  /** The student of the current run of consecutive rows. */
  studentId: string | undefined;
  /** The current student's line in students.csv, or -1 when students.csv does not list them. */
  studentLine: number;
  /** The run's alternates: the first `alternateCount`. */
  alternates: PendingAlternate[];
  alternateCount: number;
  /** Alternates whose primary was not in their run. */
  unresolved: PendingAlternate[];
  /**
   * Students whose run has closed: a flag at the student's line in students.csv (a set of
   * 680,000 IDs was a tenth of the read), or their ID when students.csv does not list them.
   */
  closedLines: Uint8Array;
  closedIds: Set<string>;
  /** Students with rows in more than one run: checked in the final pass. */
  scattered: Set<string>;
  /** Line of each request, in the order of the problem's requests (for the final pass): the first `requestCount`. */
  requestLines: Int32Array;
  requestCount: number;
  /** Lines already reported by these checks, so that the final pass does not repeat them. */
  reported: Set<number>;
}

/** A run before any request. */
export function createRequestRun(): RequestRun {
  return {
    studentId: undefined,
    studentLine: -1,
    courses: [],
    alternateFor: [],
    lines: [],
    count: 0,
    alternates: [],
    alternateCount: 0,
    unresolved: [],
    closedLines: new Uint8Array(1 << 16),
    closedIds: new Set(),
    scattered: new Set(),
    requestLines: new Int32Array(1 << 16),
    requestCount: 0,
    reported: new Set(),
  };
}

const q = (s: string): string => JSON.stringify(s);

/** Past this many requests of one student, duplicates are found with a map rather than by comparing each pair. */
const PAIRWISE_COURSES = 32;

/** The index of `courseId` among the first `count` of `courses`, or -1. */
function indexOfCourse(courses: readonly string[], count: number, courseId: string): number {
  for (let i = 0; i < count; i++) if (courses[i] === courseId) return i;
  return -1;
}

/** The index of the first request of `courses[i]`'s course: i itself unless it is requested earlier. */
function firstOfCourse(courses: readonly string[], i: number, first: Map<string, number> | undefined): number {
  if (first !== undefined) return first.get(courses[i])!;
  const course = courses[i];
  for (let j = 0; j < i; j++) if (courses[j] === course) return j;
  return i;
}

/** The request `i` is an alternate for, if any: the first request of its primary course. */
function primaryOf(requests: StudentRequests, i: number, first: Map<string, number> | undefined): number | undefined {
  const primary = requests.alternateFor[i];
  if (primary === undefined || primary === requests.courses[i]) return undefined;
  const at = first === undefined ? indexOfCourse(requests.courses, requests.count, primary) : first.get(primary);
  return at === undefined || at < 0 ? undefined : at;
}

/** False when no circle is possible: no alternate's primary request is an alternate itself. */
function mayGoRound(requests: StudentRequests, first: Map<string, number> | undefined): boolean {
  for (let i = 0; i < requests.count; i++) {
    const at = primaryOf(requests, i, first);
    if (at !== undefined && primaryOf(requests, at, first) !== undefined) return true;
  }
  return false;
}

/**
 * Reports courses requested twice and alternates that form a circle, each once. Called for
 * each of a district's 680,000 students: a student's handful of courses are compared pair by
 * pair (a map per student was a third of the requests' checks), and circles are looked for
 * only when an alternate's primary is an alternate too.
 */
function checkStudent(studentId: string, requests: StudentRequests, run: RequestRun, report: RequestReport): void {
  const { courses, count } = requests;
  let first: Map<string, number> | undefined;
  if (count > PAIRWISE_COURSES) {
    first = new Map();
    for (let i = count - 1; i >= 0; i--) first.set(courses[i], i);
  }
  for (let i = 1; i < count; i++) {
    const earlier = firstOfCourse(courses, i, first);
    if (earlier === i) continue;
    reportOnce(
      run,
      report,
      requests.lines[i],
      "course_id",
      `student ${q(studentId)} already requests course ${q(courses[i])} on line ${requests.lines[earlier]}; each course once`,
    );
  }
  if (!mayGoRound(requests, first)) return;
  // Rows come in line order, so each circle starts at (and is reported on) its earliest line.
  const links = courses.slice(0, count).map((courseId, i) => ({ courseId, alternateFor: requests.alternateFor[i] }));
  for (const circle of alternateCircles(links)) {
    const path = [...circle, circle[0]].map((i) => `${q(courses[i])} (line ${requests.lines[i]})`).join(" -> ");
    reportOnce(
      run,
      report,
      requests.lines[circle[0]],
      "alternate_for",
      `the alternates of student ${q(studentId)} go round in a circle: ${path}; one of them must be a primary request (empty alternate_for)`,
    );
  }
}

/** Reports an issue of these checks unless one was already reported on its line. */
function reportOnce(run: RequestRun, report: RequestReport, line: number, column: string, message: string): void {
  if (run.reported.has(line)) return;
  run.reported.add(line);
  report(line, column, message);
}

/** Whether the student's run closed before; marks it closed. */
function isClosed(run: RequestRun, studentId: string, studentLine: number): boolean {
  if (studentLine < 0) {
    if (run.closedIds.has(studentId)) return true;
    run.closedIds.add(studentId);
    return false;
  }
  if (studentLine >= run.closedLines.length) {
    const longer = new Uint8Array(Math.max(studentLine + 1, run.closedLines.length * 2));
    longer.set(run.closedLines);
    run.closedLines = longer;
  }
  if (run.closedLines[studentLine] === 1) return true;
  run.closedLines[studentLine] = 1;
  return false;
}

/** Settles the run: its alternates whose primary is in it, its duplicates and circles; a student seen before waits for the final pass. */
function closeRun(run: RequestRun, report: RequestReport): void {
  for (let i = 0; i < run.alternateCount; i++) {
    const pending = run.alternates[i];
    if (indexOfCourse(run.courses, run.count, pending.request.alternateFor as string) < 0) run.unresolved.push(pending);
  }
  const studentId = run.studentId;
  if (studentId !== undefined) {
    if (isClosed(run, studentId, run.studentLine)) run.scattered.add(studentId);
    else checkStudent(studentId, run, run, report);
  }
  run.count = 0;
  run.alternateCount = 0;
}

/**
 * Adds a valid request (the next of the problem's requests) to the current run, closing the
 * run when the student changes. `studentLine` is the student's line in students.csv, -1 when
 * it does not list them: the same for every request of one student.
 */
export function noteRequest(
  run: RequestRun,
  request: CourseRequest,
  line: number,
  studentLine: number,
  report: RequestReport,
): void {
  if (request.studentId !== run.studentId) {
    closeRun(run, report);
    run.studentId = request.studentId;
    run.studentLine = studentLine;
  }
  const at = run.count++;
  run.courses[at] = request.courseId;
  run.alternateFor[at] = request.alternateFor;
  run.lines[at] = line;
  if (run.requestCount === run.requestLines.length) {
    const longer = new Int32Array(run.requestLines.length * 2);
    longer.set(run.requestLines);
    run.requestLines = longer;
  }
  run.requestLines[run.requestCount++] = line;
  // An alternate for its own course is reported where it is read.
  if (request.alternateFor !== undefined && request.alternateFor !== request.courseId) {
    run.alternates[run.alternateCount++] = { request, line };
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
    for (const studentId of run.scattered)
      rowsOf.set(studentId, { courses: [], alternateFor: [], lines: [], count: 0 });
    requests.forEach((r, i) => {
      const rows = rowsOf.get(r.studentId);
      if (rows === undefined) return;
      rows.courses.push(r.courseId);
      rows.alternateFor.push(r.alternateFor);
      rows.lines.push(run.requestLines[i]);
      rows.count++;
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
