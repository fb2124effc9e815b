/**
 * How the API says no. Every error is `{ error: { code, message, requestId, issues? } }`; a
 * 4xx names the field at fault, a 5xx says only that something failed and which request it
 * was (the detail goes to the server log, never to the caller).
 */
import type { ErrorRequestHandler } from "express";
import { EnrollmentInputError, foreignStudentMessage } from "../enroll/enrollment-input-error.ts";
import { ProblemInputError } from "../io/interchange/problem-input-error.ts";
import { UnbuildableSchoolError } from "../run/schedule-school.ts";
import { EditRefusedError } from "../scenario/edits.ts";
import { LiveScheduleChangedError, NoLiveScheduleError } from "../scenario/scenario-errors.ts";
import {
  NothingToUndoError,
  PublishRefusedError,
  RunInProgressError,
  ScenarioClosedError,
  ScenarioNameTakenError,
  ScenarioVersionError,
  StudentInOtherSchoolError,
  UnknownRunError,
  UnknownScenarioError,
  UnknownSchoolError,
  UnknownStudentError,
} from "../store/index.ts";
import type { ApiLog } from "./log.ts";

/** One thing wrong with a request: where (`body.requests[2].courseId`) and what. */
export interface ApiIssue {
  path: string;
  message: string;
  /** For a problem upload: the interchange file, line and column at fault. */
  file?: string;
  line?: number;
  column?: string;
}

/** An error meant for the caller: its status, a stable code and a message that says what to do. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: ApiIssue[],
    /** A 429 or 503: when to try again, in seconds (sent as Retry-After). */
    readonly retryAfterS?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export interface ErrorBody {
  error: { code: string; message: string; requestId: string; issues?: ApiIssue[] };
}

/** The JSON body of an error. */
export function errorBody(error: ApiError, requestId: string): ErrorBody {
  return {
    error: { code: error.code, message: error.message, requestId, ...(error.issues ? { issues: error.issues } : {}) },
  };
}

/** `body.files["sections.csv"]`: where in an upload an interchange file's issue lies. */
export function uploadPath(file: string): string {
  return `body.files[${JSON.stringify(file)}]`;
}

/** What body-parser throws: a status and a type saying which limit or rule the body broke. */
interface BodyParserError {
  status: number;
  type: string;
  limit?: number;
}

const isBodyParserError = (error: unknown): error is BodyParserError =>
  typeof error === "object" &&
  error !== null &&
  typeof (error as BodyParserError).type === "string" &&
  typeof (error as BodyParserError).status === "number";

/**
 * The caller's view of an error: ApiErrors as they are, the store's and the solver's errors
 * that a caller can act on mapped to their 4xx, anything else undefined (a 5xx).
 */
export function toApiError(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (error instanceof UnknownSchoolError)
    return new ApiError(404, "unknown_school", `no school ${JSON.stringify(error.schoolId)} in the store`);
  if (error instanceof UnknownStudentError) {
    return new ApiError(
      404,
      "unknown_student",
      `school ${JSON.stringify(error.schoolId)} has no student ${JSON.stringify(error.studentId)}`,
    );
  }
  if (error instanceof UnknownRunError) return new ApiError(404, "unknown_run", `no run ${error.runId}`);
  if (error instanceof RunInProgressError) {
    return new ApiError(
      409,
      "run_in_progress",
      `school ${JSON.stringify(error.schoolId)} has run ${error.activeRunId} in progress; retry when it has finished`,
    );
  }
  if (error instanceof PublishRefusedError) return new ApiError(409, "publish_refused", error.message);
  if (error instanceof ProblemInputError) {
    const issues = error.issues.slice(0, 1000).map((i) => ({
      path: uploadPath(i.file),
      file: i.file,
      line: i.line,
      column: i.column,
      message: i.message,
    }));
    const count = error.truncated
      ? `at least ${error.issues.length} errors (checking stopped there)`
      : `${error.issues.length} error(s)`;
    return new ApiError(422, "invalid_problem", `the problem has ${count}; nothing was imported`, issues);
  }
  if (error instanceof EnrollmentInputError) {
    // Its fields are named from the student's side (student.grade, requests[2].courseId); the body is flat.
    const issues = error.issues.map((i) => ({ path: `body.${i.field.replace(/^student\./, "")}`, message: i.message }));
    return new ApiError(
      422,
      "invalid_reference",
      "the enrollment names what the school does not have; nothing was changed",
      issues,
    );
  }
  if (error instanceof StudentInOtherSchoolError) {
    // No school is named: the answer is the same whichever school has the student.
    const issues = error.claims.map((c) => ({
      path: uploadPath("students.csv"),
      file: "students.csv",
      column: "student_id",
      message: foreignStudentMessage(c.studentId),
    }));
    return new ApiError(
      422,
      "student_in_other_school",
      "the problem lists students whom another school of the district has; nothing was imported",
      issues,
    );
  }
  if (error instanceof EditRefusedError) {
    return new ApiError(
      422,
      "edit_refused",
      `the edit was refused and nothing changed: ${error.reasons[0]}${error.reasons.length > 1 ? ` (and ${error.reasons.length - 1} more)` : ""}`,
      error.reasons.map((message) => ({ path: "body.edit", message })),
    );
  }
  if (error instanceof ScenarioVersionError) return new ApiError(409, "scenario_changed", error.message);
  if (error instanceof UnknownScenarioError)
    return new ApiError(404, "unknown_scenario", `no scenario ${error.scenarioId} at this school`);
  if (error instanceof ScenarioNameTakenError) return new ApiError(409, "scenario_name_taken", error.message);
  if (error instanceof ScenarioClosedError) return new ApiError(409, "scenario_closed", error.message);
  if (error instanceof NothingToUndoError) return new ApiError(409, "nothing_to_undo", error.message);
  if (error instanceof NoLiveScheduleError) return new ApiError(404, "no_live_roster", error.message);
  if (error instanceof LiveScheduleChangedError) return new ApiError(409, "live_schedule_changed", error.message);
  if (error instanceof UnbuildableSchoolError) {
    return new ApiError(
      422,
      "unbuildable_school",
      error.message,
      error.problems.map((message) => ({ path: "school", message })),
    );
  }
  if (isBodyParserError(error)) {
    if (error.type === "entity.too.large") {
      return new ApiError(
        413,
        "body_too_large",
        `the body is larger than this route takes (${error.limit ?? "?"} bytes); nothing was changed`,
      );
    }
    if (error.type === "entity.parse.failed")
      return new ApiError(400, "malformed_json", "the body is not valid JSON", [
        { path: "body", message: "not valid JSON" },
      ]);
    if (error.type === "encoding.unsupported" || error.type === "charset.unsupported") {
      return new ApiError(415, "unsupported_encoding", "send the body as UTF-8 JSON");
    }
    if (error.status >= 400 && error.status < 500)
      return new ApiError(error.status, "bad_request", "the body could not be read");
  }
  return undefined;
}

/** The last middleware: answers every error as JSON, logging what the caller is not told. */
export function errorHandler(log: ApiLog): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const requestId = String(res.locals.requestId ?? "unknown");
    const known = toApiError(error);
    if (known) {
      if (known.status === 401) res.set("WWW-Authenticate", 'Bearer realm="mse"');
      if (known.retryAfterS !== undefined) res.set("Retry-After", String(known.retryAfterS));
      res.status(known.status).json(errorBody(known, requestId));
      return;
    }
    log({ level: "error", requestId, method: req.method, path: req.path, message: "request failed", error });
    const internal = new ApiError(
      500,
      "internal",
      `the server failed to handle this request; quote request ID ${requestId} to the operators`,
    );
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(500).json(errorBody(internal, requestId));
  };
}
