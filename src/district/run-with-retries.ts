/**
 * Runs a list of jobs with at most `concurrency` in flight, heaviest first, retrying each failed
 * job up to `attempts` times. A failed job goes to the back of the line, so that one bad school
 * does not hold up the rest; its last error is what is reported.
 */

export interface JobOutcome<R> {
  index: number;
  attempts: number;
  result?: R;
  error?: unknown;
}

export interface RetryRunOptions {
  concurrency: number;
  /** Tries per job, including the first (at least 1). */
  attempts: number;
}

/** Runs `run(index, attempt)` for each index of `order`; calls `onDone` once per job when it finally succeeds or gives up. */
export async function runWithRetries<R>(
  order: readonly number[],
  run: (index: number, attempt: number) => Promise<R>,
  options: RetryRunOptions,
  onDone: (outcome: JobOutcome<R>) => void,
): Promise<void> {
  const queue = order.map((index) => ({ index, attempt: 1 }));
  const attempts = Math.max(1, options.attempts);
  const lane = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      try {
        const result = await run(next.index, next.attempt);
        onDone({ index: next.index, attempts: next.attempt, result });
      } catch (error) {
        if (next.attempt < attempts) queue.push({ index: next.index, attempt: next.attempt + 1 });
        else onDone({ index: next.index, attempts: next.attempt, error });
      }
    }
  };
  // A lane that finds the queue empty ends; a retry pushed later is taken by a lane still running.
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, lane));
}
