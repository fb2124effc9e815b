/**
 * Delta runs: a run with a base_run_id wrote only the students listed in delta_student for it;
 * every other student's seats are its base's (which may itself be a delta run). The chain of
 * a run is the run, its base, that base's base, and so on down to a full run. Both queries
 * here are one statement each (a recursive CTE, which SQLite and PostgreSQL share), so a
 * chain costs no round trip per link.
 */
import type { Enrollment } from "../domain/roster.ts";
import { queryArrays, queryRows, toNumber } from "./sql.ts";
import type { Queryable, Store } from "./store.ts";

/**
 * Most delta runs a chain may hold. A run whose base's chain already holds this many is
 * written in full instead, so a roster is never resolved through more links than this. A full
 * write of a 3,000-student school costs ~40 ms more than a delta; a link costs a cold read
 * ~0.3 ms. At 16, every 17th late student waited for a full write (the late-enrollment
 * benchmark's p90); at 64 it is every 65th, and a cold read of the deepest chain ~40 ms.
 */
export const MAX_DELTA_DEPTH = 64;

/** A bound on the recursion however the data looks: no valid chain comes near it. */
const CHAIN_LIMIT = 10 * MAX_DELTA_DEPTH;

/** One run of a chain. */
export interface RunChainLink {
  runId: number;
  schoolId: string;
  status: string;
  /** Undefined for the full run that ends the chain. */
  baseRunId?: number;
  /** 0 for the run asked about, 1 for its base, and so on. */
  depth: number;
}

/** The chain's runs as a CTE named `chain (id, base_run_id, depth)`, starting at run $1. */
const CHAIN_CTE = `WITH RECURSIVE chain (id, base_run_id, depth) AS (
    SELECT id, base_run_id, 0 FROM run WHERE id = $1
    UNION ALL
    SELECT r.id, r.base_run_id, c.depth + 1 FROM run r JOIN chain c ON r.id = c.base_run_id WHERE c.depth < ${CHAIN_LIMIT}
  )`;

/** The run and every run it is built on, the run first and the full run last; empty if there is no such run. */
export async function runChain(db: Queryable, store: Store, runId: number): Promise<RunChainLink[]> {
  const rows = await queryRows<{
    id: unknown;
    base_run_id: unknown;
    depth: unknown;
    school_id: string;
    status: string;
  }>(
    db,
    `${CHAIN_CTE}
     SELECT c.id, c.base_run_id, c.depth, r.school_id, r.status FROM chain c JOIN run r ON r.id = c.id ORDER BY c.depth`,
    runId,
  );
  return rows.map((r) => ({
    runId: toNumber(r.id),
    schoolId: String(r.school_id),
    status: String(r.status),
    baseRunId: r.base_run_id === null ? undefined : toNumber(r.base_run_id),
    depth: toNumber(r.depth),
  }));
}

/** How many delta runs a chain holds (every link but the full run at its end). */
export function deltaDepth(chain: readonly RunChainLink[]): number {
  return chain.filter((link) => link.baseRunId !== undefined).length;
}

/**
 * The resolved enrollments of a delta run, ordered by student then section exactly as a full
 * run's are: each student's seats come from the newest run of the chain that lists them in
 * delta_student, or from the full run if none does. Sorted by the database, so that the
 * order follows its collation as readEnrollments' ORDER BY does for a full run.
 */
export async function readDeltaEnrollments(db: Queryable, store: Store, runId: number): Promise<Enrollment[]> {
  const rows = await queryArrays(
    db,
    `${CHAIN_CTE},
     rewritten (student_id, depth) AS (
       SELECT d.student_id, MIN(c.depth) FROM delta_student d JOIN chain c ON d.run_id = c.id GROUP BY d.student_id
     )
     SELECT a.student_id, a.section_id
     FROM chain c JOIN assignment a ON a.run_id = c.id LEFT JOIN rewritten w ON w.student_id = a.student_id
     WHERE w.depth IS NULL OR w.depth = c.depth
     ORDER BY a.student_id, a.section_id`,
    runId,
  );
  return rows.map((r) => ({ studentId: String(r[0]), sectionId: String(r[1]) }));
}
