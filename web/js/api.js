// @ts-check
/** The HTTP API from the page: same origin, the session cookie signs each request; writes send the CSRF header. */

export class ApiFailure extends Error {
  /** @param {number} status @param {any} body */
  constructor(status, body) {
    super(body?.error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error?.code;
    /** @type {{ path: string, message: string }[]} each field's issue (a 400 or 422) */
    this.issues = body?.error?.issues ?? [];
  }
}

/**
 * One call to the API.
 * @param {"GET" | "POST" | "PUT" | "DELETE"} method
 * @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<any>}
 */
export async function api(method, path, body) {
  /** @type {Record<string, string>} */
  const headers = { accept: "application/json" };
  if (method !== "GET") headers["x-mse-csrf"] = "1";
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(path, {
    method,
    headers,
    credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw new ApiFailure(res.status, data);
  return data;
}

/** `/v1/schools/<id><rest>` with the ID escaped. */
export const schoolPath = (/** @type {string} */ schoolId, rest = "") =>
  `/v1/schools/${encodeURIComponent(schoolId)}${rest}`;

/**
 * Polls a job until it succeeds or fails, telling `onUpdate` each state.
 * @param {{ jobId: string }} job
 * @param {(job: any) => void} onUpdate
 * @returns {Promise<any>} the finished job
 */
export async function waitForJob(job, onUpdate) {
  for (;;) {
    const now = await api("GET", `/v1/jobs/${encodeURIComponent(job.jobId)}`);
    onUpdate(now);
    if (now.status === "succeeded" || now.status === "failed") return now;
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
}
