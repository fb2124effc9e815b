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
