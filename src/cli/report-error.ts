/**
 * How `mse` tells a user what went wrong: a mistake in what they gave (input, options, a
 * store URL, an output folder) is one line (an input problem: one line per error) and exit 2;
 * a command that could not finish for a reason outside the program (a full disk, a database
 * that refused) is one line and exit 1. Only a fault of the program itself prints a stack
 * trace, since that is what its developers need.
 */
import { CommanderError, InvalidArgumentError } from "commander";
import { EnrollmentInputError } from "../enroll/enrollment-input-error.ts";
import { ProblemFolderError, ProblemInputError } from "../io/interchange/problem-input-error.ts";
import { RosterReadError } from "../io/oneroster/roster-read-error.ts";
import { OutputFolderError } from "../io/output-folder.ts";
import { UnbuildableSchoolError } from "../run/schedule-school.ts";
import { InvalidRosterError } from "../run/invalid-roster.ts";
import {
  LeaseLostError,
  MissingStoreError,
  PublishRefusedError,
  RunInProgressError,
  StoreOpenError,
  StoreUrlError,
  StudentInOtherSchoolError,
  UnknownRunError,
  UnknownSchoolError,
  UnknownStudentError,
  storeRefusalCode,
  NothingToUndoError,
  ScenarioClosedError,
  ScenarioNameTakenError,
  ScenarioVersionError,
  UnknownScenarioError,
} from "../store/index.ts";
import { EditRefusedError } from "../scenario/edits.ts";
import { LiveScheduleChangedError, NoLiveScheduleError } from "../scenario/scenario-errors.ts";
import { EXIT } from "./exit-codes.ts";

/** Errors that mean the user's input or options are wrong: exit 2. */
const BAD_INPUT = [
  ProblemFolderError,
  OutputFolderError,
  StoreUrlError,
  MissingStoreError,
  EnrollmentInputError,
  UnknownSchoolError,
  UnknownStudentError,
  StudentInOtherSchoolError,
  RosterReadError,
  UnknownScenarioError,
  ScenarioNameTakenError,
];

/** Errors that mean the command could not be done now, through no fault of the program: exit 1. */
const REFUSED = [
  StoreOpenError,
  RunInProgressError,
  LeaseLostError,
  PublishRefusedError,
  UnknownRunError,
  ScenarioVersionError,
  ScenarioClosedError,
  NothingToUndoError,
  NoLiveScheduleError,
  LiveScheduleChangedError,
];

/** System errors of files and sockets, each a condition of the machine, not a bug. */
const SYSTEM_CODES = new Set([
  "ENOSPC",
  "EDQUOT",
  "EACCES",
  "EPERM",
  "EROFS",
  "ENOENT",
  "EISDIR",
  "ENOTDIR",
  "EEXIST",
  "EMFILE",
  "EIO",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
]);

/** Prints `error` for the user and returns the exit code. */
export function reportError(error: unknown): number {
  // An InvalidArgumentError that reaches here was thrown by a command's action, which commander
  // does not print; the ones its option parsers throw come back as plain CommanderErrors, printed.
  if (error instanceof InvalidArgumentError) {
    console.error(`error: ${error.message}`);
    return EXIT.badInput;
  }
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
  if (error instanceof ProblemInputError) {
    console.error(error.message);
    console.error(`rejected: ${error.issues.length} error(s) in the input; nothing was written`);
    return EXIT.badInput;
  }
  if (error instanceof UnbuildableSchoolError) {
    console.error(error.message);
    console.error("rejected: the master schedule cannot be built as given; nothing was written");
    return EXIT.badInput;
  }
  if (error instanceof EditRefusedError) {
    for (const reason of error.reasons) console.error(`refused: ${reason}`);
    console.error("the edit was refused; the scenario is unchanged");
    return EXIT.badInput;
  }
  if (error instanceof InvalidRosterError) {
    console.error(error.message);
    return EXIT.failed;
  }
  if (BAD_INPUT.some((kind) => error instanceof kind)) {
    console.error(`error: ${(error as Error).message}`);
    return EXIT.badInput;
  }
  if (REFUSED.some((kind) => error instanceof kind)) {
    console.error(`error: ${(error as Error).message}`);
    return EXIT.failed;
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === "string" && SYSTEM_CODES.has(code)) {
    console.error(`error: ${(error as Error).message}`);
    return EXIT.failed;
  }
  const dbCode = storeRefusalCode(error);
  if (dbCode !== undefined) {
    console.error(
      `error: the store refused the write: ${(error as Error).message} (${dbCode}); nothing of it was saved`,
    );
    return EXIT.failed;
  }
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return EXIT.failed;
}
