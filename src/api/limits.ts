/**
 * What one caller may take of the server: requests per minute per token and per school, failed
 * sign-ins per address, and runs open (queued or running) per token and per school. Over a
 * limit: 429 with Retry-After, and nothing is done. Request rates are counted per server
 * process (rate-limiter-flexible, in memory); open runs are counted in the store, so they hold
 * across every server of the store.
 */
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { countOpenApiJobs, type Store } from "../store/index.ts";
import type { Caller } from "./auth.ts";
import { ApiError } from "./errors.ts";

export interface LimitOptions {
  /** Requests one token may make per minute (default 12,000: 200 a second, more than a busy SIS sync needs). */
  tokenRequestsPerMinute: number;
  /** Requests about one school per minute, every token together (default 30,000). */
  schoolRequestsPerMinute: number;
  /** Failed sign-ins (401) from one address per minute; then every request from it is 429 until the minute is over (default 30). */
  failedSignInsPerMinute: number;
  /** Runs one token may have queued or running at once (default 4). */
  openRunsPerToken: number;
  /** Runs of one school queued or running at once (default 2): a counselor's enrollment never waits behind twenty of them. */
  openRunsPerSchool: number;
}

export const DEFAULT_LIMITS: LimitOptions = {
  tokenRequestsPerMinute: 12_000,
  schoolRequestsPerMinute: 30_000,
  failedSignInsPerMinute: 30,
  openRunsPerToken: 4,
  openRunsPerSchool: 2,
};

/** The counters of one app. */
export interface ApiLimits {
  options: LimitOptions;
  tokens: RateLimiterMemory;
  schools: RateLimiterMemory;
  signIns: RateLimiterMemory;
  /** The run starts of this process, one after the other (see startRunsOneByOne). */
  starts: Promise<void>;
}

/** Fresh counters for these limits. */
export function createLimits(options: Partial<LimitOptions> = {}): ApiLimits {
  const resolved = { ...DEFAULT_LIMITS, ...options };
  const perMinute = (points: number, keyPrefix: string) => new RateLimiterMemory({ points, duration: 60, keyPrefix });
  return {
    options: resolved,
    tokens: perMinute(resolved.tokenRequestsPerMinute, "token"),
    schools: perMinute(resolved.schoolRequestsPerMinute, "school"),
    signIns: perMinute(resolved.failedSignInsPerMinute, "sign-in"),
    starts: Promise.resolve(),
  };
}

/** The 429 of a limit, telling when to come back. */
function tooMany(what: string, retryAfterMs: number): ApiError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new ApiError(429, "rate_limited", `${what}; retry after ${seconds} s`, undefined, seconds);
}

/** Counts one request against a counter; throws 429 once it is over. */
async function consume(limiter: RateLimiterMemory, key: string, what: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) throw tooMany(what, rejection.msBeforeNext);
    throw rejection;
  }
}

/** Counts a signed-in request against its token and the school it names. */
export async function countRequest(limits: ApiLimits, caller: Caller, schoolId: string | undefined): Promise<void> {
  await consume(
    limits.tokens,
    String(caller.tokenId),
    `this token made more than ${limits.options.tokenRequestsPerMinute} requests in a minute`,
  );
  if (schoolId !== undefined)
    await consume(
      limits.schools,
      schoolId,
      `school ${JSON.stringify(schoolId)} had more than ${limits.options.schoolRequestsPerMinute} requests in a minute`,
    );
}

/** 429 while the address has failed to sign in too often this minute (guessing tokens gets nowhere). */
export async function checkSignIns(limits: ApiLimits, address: string): Promise<void> {
  const record = await limits.signIns.get(address);
  if (record && record.consumedPoints >= limits.options.failedSignInsPerMinute) {
    throw tooMany(
      `more than ${limits.options.failedSignInsPerMinute} failed sign-ins from this address in a minute`,
      record.msBeforeNext,
    );
  }
}

/** Counts a failed sign-in of the address. */
export async function countFailedSignIn(limits: ApiLimits, address: string): Promise<void> {
  await limits.signIns.penalty(address, 1);
}

/** 429 when the token, or the school, already has as many runs open as it may. */
export async function checkOpenRuns(
  limits: ApiLimits,
  store: Store,
  caller: Caller,
  schoolId: string | undefined,
): Promise<void> {
  const mine = await countOpenApiJobs(store, { tokenId: caller.tokenId });
  if (mine >= limits.options.openRunsPerToken) {
    throw tooMany(
      `this token has ${mine} runs queued or running (at most ${limits.options.openRunsPerToken}); poll them`,
      10_000,
    );
  }
  if (schoolId === undefined) return;
  const school = await countOpenApiJobs(store, { schoolId });
  if (school >= limits.options.openRunsPerSchool) {
    throw tooMany(
      `school ${JSON.stringify(schoolId)} has ${school} runs queued or running (at most ${limits.options.openRunsPerSchool})`,
      10_000,
    );
  }
}

/**
 * Runs `start` (check the open runs, then save the new job) after every start before it in this
 * process: twenty POSTs at once would otherwise all count the same open runs and all pass.
 */
export function startRunsOneByOne<T>(limits: ApiLimits, start: () => Promise<T>): Promise<T> {
  const started = limits.starts.then(start);
  limits.starts = started.then(
    () => undefined,
    () => undefined,
  );
  return started;
}
