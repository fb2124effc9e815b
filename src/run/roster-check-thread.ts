/**
 * The independent validator on a thread of its own, for `mse schedule` of one school: started
 * before the command reads its input, the thread reads the same folder while the command's
 * thread solves, and checks the roster while the command's thread writes it (the write is
 * published only once the check passed: write-validated-roster.ts). On the 3,000-student
 * high-school preset the check took about 55 ms of the main thread's CPU and the write about 95,
 * one after the other (benchmarks/results/start.md); side by side the command waits for the
 * longer of the two.
 */
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { SchoolRoster } from "../domain/roster.ts";
import type { Violation } from "../../solver/check/validate-roster.ts";
import { PACKAGE_ROOT } from "../package-root.ts";

/** The thread's answer: the violations of the roster, or why it could not check it. */
export type RosterCheckAnswer = { fingerprint: string; violations: Violation[] } | { unchecked: string };

/** Bundled, the task's own JavaScript (scripts/bundle.mjs); as TypeScript, an entry that loads tsx first. */
const ENTRY = import.meta.url.endsWith(".js")
  ? path.join(PACKAGE_ROOT, "dist/bundle/roster-check-task.js")
  : path.join(PACKAGE_ROOT, "src/run/roster-check-entry.mjs");

/**
 * Inputs up to this size are read a second time by the thread. A district's (hundreds of
 * megabytes) would double its 26 s import on the same two cores: its schools run on the pool,
 * whose threads check their own rosters.
 */
export const MAX_CHECKED_INPUT_BYTES = 32 << 20;

/** A roster check running on its own thread. */
export interface RosterCheckThread {
  /**
   * The violations of `rosters` against the problem the thread read, or undefined when it could
   * not tell: it read something else than the input whose fingerprint is `fingerprint` (the input
   * changed), failed, or stopped. Undefined means: check on this thread.
   */
  check(rosters: SchoolRoster[], fingerprint: string): Promise<Violation[] | undefined>;
  /** Stops the thread (at once: whatever it was doing is no longer wanted). */
  close(): Promise<void>;
}

/** Starts the thread that reads the input folder `dir` and waits for a roster to check. */
export function startRosterCheck(dir: string): RosterCheckThread {
  const worker = new Worker(ENTRY, { workerData: { dir: path.resolve(dir) } });
  // The thread never keeps the command from ending, and an error in it only means "check here".
  worker.unref();
  const stopped = new Promise<undefined>((resolve) => {
    worker.once("error", () => resolve(undefined));
    worker.once("exit", () => resolve(undefined));
  });
  return {
    check(rosters, fingerprint) {
      const answered = new Promise<Violation[] | undefined>((resolve) => {
        worker.once("message", (answer: RosterCheckAnswer) =>
          resolve("violations" in answer && answer.fingerprint === fingerprint ? answer.violations : undefined),
        );
      });
      worker.postMessage(rosters);
      return Promise.race([answered, stopped]);
    },
    async close() {
      await worker.terminate();
    },
  };
}
