/**
 * The one retry helper (p-retry underneath): a school run retried after a failure, a late
 * enrollment's run retried while the school is busy. A TypeError (a bug, not bad luck) is never
 * retried; neither is an error `retryIf` refuses.
 */
import pRetry from "p-retry";

export interface RetryPolicy {
  /** Tries, the first included (at least 1). */
  attempts: number;
  /** Wait before the first retry, doubled for each next one (default 0: at once). */
  backoffMs?: number;
  /** Multiply each wait by a random factor in [1, 2), so that retries of several processes do not collide again. */
  jitter?: boolean;
  /** Retry only errors this accepts (default: every error). */
  retryIf?: (error: Error) => boolean;
}

/** Runs `work(attempt)` until it resolves or the policy gives up; rejects with the last error (see attemptsOf). */
export async function withRetries<T>(work: (attempt: number) => Promise<T>, policy: RetryPolicy): Promise<T> {
  let attempt = 0;
  return pRetry(() => work(++attempt), {
    retries: Math.max(1, policy.attempts) - 1,
    minTimeout: policy.backoffMs ?? 0,
    factor: 2,
    randomize: policy.jitter ?? false,
    shouldRetry: ({ error }) => policy.retryIf?.(error) ?? true,
    onFailedAttempt: ({ error, attemptNumber }) => {
      ATTEMPTS.set(error, attemptNumber);
    },
  });
}

/** Attempts made before the error `withRetries` rejected with (1 when it was not one of its). */
export function attemptsOf(error: unknown): number {
  return (typeof error === "object" && error !== null && ATTEMPTS.get(error)) || 1;
}

const ATTEMPTS = new WeakMap<object, number>();
