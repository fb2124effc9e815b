/**
 * A school's problem uploaded as interchange files in JSON ({"files": {"schools.csv": "..."}}):
 * written to a temporary directory and read by the same reader as `mse import`, so every
 * error names its file, line and column, and nothing is imported unless all of it is valid.
 * The body is parsed and read on the upload pool (read-upload-task.ts), never on the thread
 * that serves requests.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Problem } from "../domain/problem.ts";
import { Piscina } from "piscina";
import { decodeValue } from "../district/school-task.ts";
import { readProblem } from "../io/interchange/read-problem.ts";
import { ApiError, uploadPath, type ApiIssue } from "./errors.ts";
import { SERVER_NICENESS } from "./server-niceness.ts";
import { PACKAGE_ROOT } from "../package-root.ts";

/** Interchange errors listed in an upload's answer: reading stops once this many are found. */
export const MAX_PROBLEM_ISSUES = 1000;

/** An upload for the pool: its raw body and the school of the path; reading stops at `maxIssues` interchange errors. */
export interface UploadTask {
  schoolId: string;
  body: Uint8Array;
  maxIssues: number;
}

/** The upload pool: one thread, started when an upload comes and stopped 10 s after the last (its memory goes back). */
export type UploadPool = Piscina<UploadTask, Uint8Array>;

/**
 * The upload pool's thread: bundled (dist/bundle/, see scripts/bundle.mjs), the task's own
 * JavaScript; as TypeScript, an entry that loads tsx first.
 */
const UPLOAD_ENTRY = import.meta.url.endsWith(".js")
  ? path.join(PACKAGE_ROOT, "dist/bundle/read-upload-task.js")
  : path.join(PACKAGE_ROOT, "src/api/read-upload-entry.mjs");

/** The app's upload pool (ApiContext.uploadPool), made on first use. */
function uploadPool(holder: { current?: UploadPool }): UploadPool {
  holder.current ??= new Piscina<UploadTask, Uint8Array>({
    filename: UPLOAD_ENTRY,
    minThreads: 0,
    maxThreads: 1,
    idleTimeout: 10_000,
    // Parsing 50 MB yields the cores to the thread that answers requests (see SERVER_NICENESS).
    niceIncrement: SERVER_NICENESS.runs,
  });
  return holder.current;
}

/** A read upload: the problem and the hash of its body (for Idempotency-Key); or the refusal's parts. */
export type UploadOutcome =
  | { ok: true; problem: Problem; warnings: string[]; bodyHash: string }
  | { ok: false; status: number; code: string; message: string; issues?: ApiIssue[] };

/** Parses and reads an upload's raw body on the pool; throws its refusal (400, 422) as an ApiError. */
export async function readUploadOnPool(
  pool: { current?: UploadPool },
  schoolId: string,
  body: Uint8Array,
): Promise<Extract<UploadOutcome, { ok: true }>> {
  // A body parser's buffer may share its memory with others: only a buffer of its own can be moved.
  const own = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength ? body : new Uint8Array(body);
  const task: UploadTask = { schoolId, body: own, maxIssues: MAX_PROBLEM_ISSUES };
  const outcome = decodeValue<UploadOutcome>(
    await uploadPool(pool).run(task, { transferList: [own.buffer as ArrayBuffer] }),
  );
  if (!outcome.ok) throw new ApiError(outcome.status, outcome.code, outcome.message, outcome.issues);
  return outcome;
}

/** Reads the uploaded files as a problem of exactly the school `schoolId`; throws 422 otherwise. */
export async function readUploadedProblem(
  schoolId: string,
  files: Partial<Record<string, string>>,
  maxIssues?: number,
): Promise<{ problem: Problem; warnings: string[] }> {
  const dir = await mkdtemp(path.join(tmpdir(), "mse-upload-"));
  try {
    // Names come from a closed list (the schema), so they cannot climb out of the directory.
    await Promise.all(Object.entries(files).map(([name, text]) => writeFile(path.join(dir, name), text ?? "", "utf8")));
    const read = await readProblem(dir, { maxIssues });
    const schools = read.problem.schools;
    if (schools.length !== 1 || schools[0]!.schoolId !== schoolId) {
      const found = schools.map((s) => JSON.stringify(s.schoolId)).join(", ") || "none";
      throw new ApiError(
        422,
        "wrong_school",
        `schools.csv must hold exactly school ${JSON.stringify(schoolId)}, the school of the path (found ${found}); nothing was imported`,
        [
          {
            path: uploadPath("schools.csv"),
            file: "schools.csv",
            line: 0,
            column: "school_id",
            message: `expected exactly one row, for school ${JSON.stringify(schoolId)}`,
          },
        ],
      );
    }
    return read;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
