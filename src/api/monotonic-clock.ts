/**
 * The machine's monotonic clock (CLOCK_MONOTONIC, as uv_hrtime and V8's profiler read it): the
 * same in every process, unlike performance.now(), whose origin is each process's start. bench:api
 * --phases puts the server's stamps of a request beside its clients' with it.
 */

/** Monotonic microseconds. */
export function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** Monotonic milliseconds (to the microsecond). */
export function monotonicMs(): number {
  return monotonicUs() / 1000;
}
