/** The OS priority of a server's worker threads, below the thread that answers requests. */

/**
 * How much lower than the thread that answers requests a server's pool threads run (nice, per
 * thread): the solver's threads and the client load share the cores with that thread, and at
 * equal priority the scheduler held it off a core for 100-300 ms at a time during a district
 * run, while it needs a few percent of one (bench:api: ~1.5 ms of CPU per request, against
 * ~7 ms for the whole process). Runs of whole schools (district runs, full runs, what-ifs,
 * benchmarks) and uploads yield the most; late students' placements and the stale-roster check,
 * which someone is waiting on, less.
 */
export const SERVER_NICENESS = { runs: 10, placements: 5 } as const;
