/**
 * A separate process working on the store, driven by the crash and concurrency specs:
 *   run   URL SCHOOL SEED HOLD WAIT_MS     prints "ready", waits for "go" on stdin, then runs
 *                                          the school with a solver that prints "solving" and
 *                                          blocks HOLD ms, or until the file HOLD exists;
 *                                          prints one JSON line with the outcome
 *   write URL SCHOOL ENROLLMENTS           starts a run and writes a result of ENROLLMENTS rows,
 *                                          printing "written N" after each chunk (to be killed)
 */
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { openStore, saveRunResult, startRun } from "../../../src/store/index.ts";
import { runSchool } from "../../../src/run/run-school.ts";
import { withReport } from "../../../src/run/schedule-school.ts";
import { simpleRoster } from "./sample-problem.ts";

const [mode, url, schoolId, ...rest] = process.argv.slice(2);
const store = await openStore(url);

if (mode === "run") {
  const [seed, waitMs] = [Number(rest[0]), Number(rest[2])];
  const hold = rest[1]!;
  const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  console.log("ready");
  await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once("line", () => resolve()));
  try {
    const outcome = await runSchool(store, schoolId!, {
      schedule: { seed: seed!, quality: "quick", loader: "first-fit" },
      waitMs,
      solve: async (problem, o) => {
        console.log("solving");
        // Blocks like a real solver does: no event-loop turns while it works.
        if (/^\d+$/.test(hold)) pause(Number(hold));
        else while (!existsSync(hold)) pause(20);
        return withReport(problem, {
          roster: simpleRoster(problem, o.seed),
          bounds: { capacity: 1, time: 1, best: 1 },
          timings: { solve: 1 },
        });
      },
    });
    console.log(JSON.stringify({ ok: true, runId: outcome.runId }));
  } catch (error) {
    console.log(JSON.stringify({ ok: false, name: (error as Error).name, message: (error as Error).message }));
  }
} else if (mode === "write") {
  const count = Number(rest[0]);
  const handle = await startRun(store, schoolId!, { seed: 99 });
  console.log(`run ${handle.runId}`);
  const enrollments = Array.from({ length: count }, (_, i) => ({
    studentId: `ghost-${i}`,
    sectionId: `section-${i % 997}`,
  }));
  await saveRunResult(
    store,
    handle,
    { roster: { schoolId: schoolId!, sections: [], enrollments, unscheduled: [] } },
    {
      onEnrollmentsWritten: (written) => console.log(`written ${written}`),
    },
  );
  console.log("committed");
}
process.exit(0);
