/**
 * The calling thread's own CPU time, from Linux's scheduler statistics of the thread (the first
 * field of /proc/thread-self/schedstat: nanoseconds on a CPU). The process's CPU time
 * (process.cpuUsage) also counts V8's background threads (compilation, garbage collection) and
 * every worker thread, so it cannot tell what one thread cost.
 */
import { readFileSync } from "node:fs";

const THREAD_STATS = "/proc/thread-self/schedstat";

/** CPU seconds of the thread whose schedstat file this is (a benchmark reads other threads'); undefined where the system does not tell them. */
export function schedstatCpuSeconds(path: string): number | undefined {
  try {
    return Number(readFileSync(path, "utf8").split(" ")[0]) / 1e9;
  } catch {
    return undefined;
  }
}

/** The calling thread's CPU seconds since it started; undefined where the system does not tell them. */
export function threadCpuSeconds(): number | undefined {
  return schedstatCpuSeconds(THREAD_STATS);
}

/** What settledThreadCpuSeconds waits on: nothing ever wakes it, its timeout ends the wait. */
const NEVER_WOKEN = new Int32Array(new SharedArrayBuffer(4));

/**
 * threadCpuSeconds brought up to date first. Linux adds a running thread's time to its schedstat
 * only at a scheduler tick or a switch (every 4 ms here), so a reading while the thread runs lags
 * by up to a tick: on the district export's pool threads 1.7 ms a school on average, 0.9 s per
 * thread over its 525 schools, all of it seen as CPU outside the three phases since the thread's
 * wait for its next school does update it. A 10 µs wait (a switch) settles it first: 78 µs of wall
 * time and about 13 µs of CPU a reading (1 µs often returns without a switch); a reading taken
 * after it and another after a second wait differ by at most 0.17 ms.
 */
export function settledThreadCpuSeconds(): number | undefined {
  Atomics.wait(NEVER_WOKEN, 0, 0, 0.01);
  return threadCpuSeconds();
}
