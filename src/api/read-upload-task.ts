/**
 * The upload pool's task (PUT /v1/schools/:schoolId/problem): the body's JSON parsed, checked
 * against its schema and its interchange files read and checked, all on a thread of its own. A 50 MB
 * upload of a million bad rows costs this thread seconds, and the server's thread nothing; the
 * error comes back capped (see MAX_ISSUES and MAX_PROBLEM_ISSUES). The thread stops once idle
 * for a few seconds, and its memory (a big upload's takes hundreds of MB) goes back with it.
 */
import { move } from "piscina";
import { encodeValue } from "../district/school-task.ts";
import { canonicalHash } from "./canonical-hash.ts";
import { ApiError, toApiError } from "./errors.ts";
import { parsePart } from "./operation.ts";
import { readUploadedProblem, type UploadOutcome, type UploadTask } from "./problem-upload.ts";
import { problemUploadBody } from "./schemas/problems.ts";

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
        throw new ApiError(400, "malformed_json", "the body is not valid JSON", [
          { path: "body", message: "not valid JSON" },
        ]);
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

/** The upload pool starts its compiled threads on this file: the task is its default export. */
export default readUploadTask;
