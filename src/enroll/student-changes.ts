/**
 * Late student changes of one school, as a batch from its lane: each change is checked against
 * the school and written (an upsert by student ID, so a retry writes the same row again; an
 * enrollment naming a course or section the school lacks is refused), then one incremental run
 * seats them all. A change that fails fails alone; the others go on.
 */
import { setImmediate as nextTurn } from "node:timers/promises";
import type { CourseRequest, Student } from "../domain/problem.ts";
import { readSchoolProblem, UnknownStudentError, type Store } from "../store/index.ts";
import type { RetryPolicy } from "../run/retry.ts";
import { dropStudent } from "./drop-student.ts";
import { enrollStudent } from "./enroll-student.ts";
import {
  changePlacement,
  placeIncrementally,
  PLACEMENT_RETRY,
  type ChangePlacement,
  type SchoolPlacement,
} from "./incremental-placement.ts";
import type { SolveIncremental } from "./run-incremental.ts";
import type { Settled } from "./school-lanes.ts";

export type StudentChange =
  | {
      kind: "enroll";
      student: Student;
      requests: CourseRequest[];
      place: boolean;
      allowMoves: number;
      requestId: string;
    }
  | { kind: "drop"; studentId: string; place: boolean; requestId: string };

export interface StudentChangeOutcome {
  problemVersion: number;
  /** Enrollments: the student was new to the school. */
  created?: boolean;
  placement: ChangePlacement;
}

export interface StudentChangeOptions {
  /** Retries of the incremental run while the school is busy (default PLACEMENT_RETRY). */
  retry?: RetryPolicy;
  /** Called when the run that seats the changes fails (not when it is deferred); returns the message their callers get. */
  onRunFailed?: (error: unknown, requestIds: string[]) => string;
  /** Where the incremental run solves (default: this thread; a server passes a worker pool). */
  solve?: SolveIncremental;
}

/** Changes batch together when they want the same kind of run. */
export function changeKey(change: StudentChange): string {
  return change.place ? `place:${change.kind === "enroll" ? change.allowMoves : 0}` : "write-only";
}

const studentIdOf = (change: StudentChange): string =>
  change.kind === "enroll" ? change.student.studentId : change.studentId;

/** Writes a batch of one school's changes in order, then seats those that asked for it in one run. */
export async function applyStudentChanges(
  store: Store,
  schoolId: string,
  changes: StudentChange[],
  options: StudentChangeOptions = {},
): Promise<Settled<StudentChangeOutcome>[]> {
  const problem = await readSchoolProblem(store, schoolId);
  const known = new Set(problem.students.map((s) => s.studentId));
  const outcomes: Settled<StudentChangeOutcome>[] = new Array(changes.length);
  const written: { index: number; problemVersion: number; created?: boolean }[] = [];
  for (const [index, change] of changes.entries()) {
    // Each change is a transaction of synchronous SQLite statements and a new version of the
    // cached problem: a batch written in one go held the server's thread for all of them (one
    // of bench:api's longest stalls), so the loop gets a turn between two.
    if (index > 0) await nextTurn();
    try {
      if (change.kind === "enroll") {
        const created = !known.has(change.student.studentId);
        const problemVersion = await enrollStudent(store, schoolId, change.student, change.requests);
        known.add(change.student.studentId);
        written.push({ index, problemVersion, created });
      } else {
        if (!known.has(change.studentId)) throw new UnknownStudentError(schoolId, change.studentId);
        const problemVersion = await dropStudent(store, schoolId, change.studentId);
        known.delete(change.studentId);
        written.push({ index, problemVersion });
      }
    } catch (error) {
      outcomes[index] = { ok: false, error };
    }
  }
  const placing = written.filter((w) => changes[w.index]!.place);
  let placement: SchoolPlacement | undefined;
  if (placing.length > 0) {
    const first = changes[placing[0]!.index]!;
    placement = await placeIncrementally(
      store,
      schoolId,
      first.kind === "enroll" ? first.allowMoves : 0,
      options.retry ?? PLACEMENT_RETRY,
      options.solve,
    );
    if (placement.status === "failed" && options.onRunFailed) {
      placement = {
        ...placement,
        message: options.onRunFailed(
          placement.error,
          placing.map((w) => changes[w.index]!.requestId),
        ),
      };
    }
  }
  for (const w of written) {
    const change = changes[w.index]!;
    const view: ChangePlacement =
      change.place && placement
        ? changePlacement(problem, placement, change.kind === "enroll" ? studentIdOf(change) : undefined)
        : { status: "skipped" };
    outcomes[w.index] = {
      ok: true,
      value: {
        problemVersion: w.problemVersion,
        ...(w.created === undefined ? {} : { created: w.created }),
        placement: view,
      },
    };
  }
  return outcomes;
}
