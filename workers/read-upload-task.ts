/**
 * The pool's upload task (PUT /v1/schools/:schoolId/problem): the body's JSON parsed, checked
 * against its schema and its interchange files read and checked, all on a pool thread. A 50 MB
 * upload of a million bad rows costs this thread seconds, and the server's thread nothing; the
 * error comes back capped (see MAX_ISSUES and MAX_PROBLEM_ISSUES), and the thread's memory goes
 * back with it.
 */
import { move } from "piscina";
import { ApiError, toApiError } from "../src/api/errors.ts";
import { parsePart } from "../src/api/operation.ts";
import { readUploadedProblem, type UploadOutcome } from "../src/api/problem-upload.ts";
import { problemUploadBody } from "../src/api/schemas/problems.ts";
import { canonicalHash } from "../src/api/canonical-hash.ts";
import { encodeValue, type UploadTask } from "../src/district/school-task.ts";

/** Parses and checks one upload; a refusal comes back as its ApiError's parts, anything else throws. */
export async function readUploadTask(task: UploadTask): Promise<ReturnType<typeof move>> {
  let outcome: UploadOutcome;
  try {
    const text = Buffer.from(task.body.buffer, task.body.byteOffset, task.body.byteLength).toString("utf8");
    let raw: unknown = {};
    if (text.length > 0) {
      try {
        raw = JSON.parse(text);
      } catch {
        throw new ApiError(400, "malformed_json", "the body is not valid JSON", [{ path: "body", message: "not valid JSON" }]);
      }
    }
    const body = parsePart(problemUploadBody, raw, "body");
    const read = await readUploadedProblem(task.schoolId, body.files, task.maxIssues);
    outcome = { ok: true, bodyHash: canonicalHash(body), ...read };
  } catch (error) {
    const known = toApiError(error);
    if (!known) throw error;
    outcome = { ok: false, status: known.status, code: known.code, message: known.message, issues: known.issues };
  }
  return move(encodeValue(outcome));
}
