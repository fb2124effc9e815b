/** Errors of the store that a caller can act on, each saying what to do next. */

/** The store has no school with this ID (import it first). */
export class UnknownSchoolError extends Error {
  constructor(readonly schoolId: string) {
    super(`school ${JSON.stringify(schoolId)} is not in the store: import it first (mse import --input DIR)`);
    this.name = "UnknownSchoolError";
  }
}

/** Another run of the same school is active: refused rather than interleaved. */
export class RunInProgressError extends Error {
  constructor(
    readonly schoolId: string,
    readonly activeRunId: number,
    readonly holder: string,
    readonly expiresAt: Date,
  ) {
    super(
      `school ${JSON.stringify(schoolId)} already has run ${activeRunId} in progress (held by ${holder} until ${expiresAt.toISOString()}); ` +
        `wait for it to finish, or retry after that time if its process died`,
    );
    this.name = "RunInProgressError";
  }
}

/** The run no longer holds its school's lease (it expired and another run took over). */
export class LeaseLostError extends Error {
  constructor(readonly runId: number) {
    super(`run ${runId} lost its lease on the school (it expired and was taken over); its result was not saved`);
    this.name = "LeaseLostError";
  }
}

/** The run cannot be published in its current state. */
export class PublishRefusedError extends Error {
  constructor(
    readonly runId: number,
    reason: string,
  ) {
    super(`run ${runId} cannot be published: ${reason}`);
    this.name = "PublishRefusedError";
  }
}

/** No such run. */
export class UnknownRunError extends Error {
  constructor(readonly runId: number) {
    super(`run ${runId} is not in the store`);
    this.name = "UnknownRunError";
  }
}

/** The school has no student with this ID. */
export class UnknownStudentError extends Error {
  constructor(
    readonly schoolId: string,
    readonly studentId: string,
  ) {
    super(`school ${JSON.stringify(schoolId)} has no student ${JSON.stringify(studentId)}`);
    this.name = "UnknownStudentError";
  }
}

/** A student ID some school claims while another school of the district has it already. */
export interface StudentIdClaim {
  studentId: string;
  /** The school the write was for. */
  schoolId: string;
  /** The school that has (or, in the same import, also claims) the student. */
  otherSchoolId: string;
}

/**
 * Student IDs are unique across the district: a write that would give a student to a second
 * school is refused whole (a transfer is a drop at the old school, then an enrollment).
 * `claims` lists every ID at fault (at most STUDENT_CLAIMS_LISTED of them).
 */
export class StudentInOtherSchoolError extends Error {
  constructor(readonly claims: readonly StudentIdClaim[]) {
    const shown = claims
      .slice(0, 10)
      .map(
        (c) =>
          `student ${JSON.stringify(c.studentId)} of ${JSON.stringify(c.schoolId)} is already at ${JSON.stringify(c.otherSchoolId)}`,
      );
    super(
      `${shown.join("; ")}${claims.length > shown.length ? `; and ${claims.length - shown.length} more` : ""}: ` +
        "student IDs are unique across the district (a transfer is a drop at the old school first); nothing was written",
    );
    this.name = "StudentInOtherSchoolError";
  }
}

/** A --db URL the store cannot be: a scheme other than file: (SQLite) or postgresql://. */
export class StoreUrlError extends Error {
  constructor(readonly url: string) {
    super(`--db ${url}: not a store URL; use file:PATH (SQLite) or postgresql://... (PostgreSQL)`);
    this.name = "StoreUrlError";
  }
}

/** The store cannot be opened: the SQLite file is missing where one must exist, or the database refused. */
export class StoreOpenError extends Error {
  constructor(
    readonly url: string,
    reason: string,
  ) {
    super(`cannot open the store ${url}: ${reason}`);
    this.name = "StoreOpenError";
  }
}

/** The store named does not exist: no such SQLite file, or no such PostgreSQL database. */
export class MissingStoreError extends StoreOpenError {
  constructor(url: string, reason: string) {
    super(url, reason);
    this.name = "MissingStoreError";
  }
}
