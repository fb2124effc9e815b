/**
 * The thread of roster-check-thread.ts: reads the problem from the input folder itself, while
 * the command's thread reads and solves it, then checks the roster it is sent with the
 * independent validator and answers with the violations and the fingerprint of what it read.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { SchoolRoster } from "../domain/roster.ts";
import { readProblem } from "../io/interchange/read-problem.ts";
import { inputFingerprint } from "./input-fingerprint.ts";
import { rosterViolations } from "./invalid-roster.ts";
import type { RosterCheckAnswer } from "./roster-check-thread.ts";

const { dir } = workerData as { dir: string };

/** The problem as this thread read it, and the input's fingerprint when it did not change during the read. */
const read = (async () => {
  const before = await inputFingerprint(dir);
  const { problem } = await readProblem(dir);
  const after = await inputFingerprint(dir);
  return { problem, fingerprint: before.fingerprint === after.fingerprint ? before.fingerprint : undefined };
})();
// A failed read is answered when the roster comes (the command's thread then checks it itself).
read.catch(() => undefined);

parentPort!.once("message", (rosters: SchoolRoster[]) => {
  const answer = async (): Promise<RosterCheckAnswer> => {
    try {
      const { problem, fingerprint } = await read;
      if (fingerprint === undefined) return { unchecked: "the input changed while this thread read it" };
      return { fingerprint, violations: rosterViolations(problem, rosters) };
    } catch (error) {
      return { unchecked: error instanceof Error ? error.message : String(error) };
    }
  };
  void answer().then((message) => parentPort!.postMessage(message));
});
