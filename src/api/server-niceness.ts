/** The OS priority of a server's worker threads, below the thread that answers requests. */

/**
 * How much lower than the thread that answers requests a server's pool threads run (nice, per
 * thread): the solver's threads and the client load share the cores with that thread, which
 * needs a small share of one (bench:api: 1.5-2 ms of CPU per request, against 7-10 ms for the
 * whole process), and at equal priority the scheduler kept it waiting for one. bench:api at
 * load 17-30, six runs each, medians of the longest event-loop stall during a district run:
 * 859 ms at equal priority, 361 ms with these (and the asynchronous log, and a turn of the
 * loop between a batch's student writes). Runs of whole schools (district runs, full runs,
 * what-ifs, benchmarks) and uploads yield the most; late students' placements and the
 * stale-roster check, which someone is waiting on, less.
 */
export const SERVER_NICENESS = { runs: 10, placements: 5 } as const;
