import { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it, vi } from "vitest";
import { validateRoster } from "../../solver/check/validate-roster.ts";
import { solveSchool } from "../../solver/solve-school.ts";
import { asProblem } from "./as-problem.ts";
import { randomSchool } from "./random-school.ts";

/** Starts a worker thread that keeps a CPU busy until terminated; resolves once it runs. */
async function busyThread(): Promise<Worker> {
  const worker = new Worker(
    `const { parentPort } = require("node:worker_threads");
     parentPort.postMessage("running");
     let x = 0;
     for (;;) x = (x * 1103515245 + 12345) | 0;`,
    { eval: true },
  );
  await new Promise((resolve) => worker.once("message", resolve));
  return worker;
}

/** Makes the solver's clock run `factor` times faster than real time: the machine looks that much slower. */
function slowMachine(factor: number): void {
  const now = performance.now.bind(performance);
  const origin = now();
  vi.spyOn(performance, "now").mockImplementation(() => origin + (now() - origin) * factor);
}

/** Makes the solver's clock advance `ms` at every reading: a cut that does not depend on the machine's load. */
function steppingClock(ms: number): void {
  let now = 0;
  vi.spyOn(performance, "now").mockImplementation(() => (now += ms));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("determinism", () => {
  it("gives the same roster for the same seed", async () => {
    const school = randomSchool(21, { students: 200, semesters: true });
    const a = await solveSchool(school, { seed: 5, quality: "full", maxMoves: 4000 });
    const b = await solveSchool(school, { seed: 5, quality: "full", maxMoves: 4000 });
    expect(b.roster).toEqual(a.roster);
  });

  it("gives the same quick roster while another thread keeps a CPU busy and the clock runs 10 times fast", async () => {
    const school = randomSchool(24, { students: 400, periods: 6, semesters: true, seatRatio: 1.02 });
    const calm = await solveSchool(school, { seed: 3, quality: "quick" });
    const worker = await busyThread();
    let loaded;
    try {
      slowMachine(10);
      loaded = await solveSchool(school, { seed: 3, quality: "quick" });
    } finally {
      vi.restoreAllMocks();
      await worker.terminate();
    }
    // The quick pass made moves (so a wall-clock stop would have cut it short) and stopped on its work budget or a stall.
    expect(calm.stoppedBy).not.toBe("time");
    expect(loaded.stoppedBy).toBe(calm.stoppedBy);
    expect(loaded.roster).toEqual(calm.roster);
    expect(validateRoster(asProblem(school), [loaded.roster])).toEqual([]);
  });

  it("gives the same full roster, exact model included, when the clock runs 20 times fast", async () => {
    const school = randomSchool(25, { students: 150, seatRatio: 1.0 });
    const calm = await solveSchool(school, { seed: 4, quality: "full", maxMoves: 2000 });
    slowMachine(20);
    const loaded = await solveSchool(school, { seed: 4, quality: "full", maxMoves: 2000 });
    expect(calm.timings.exact).toBeDefined();
    expect(calm.stoppedBy).not.toBe("time");
    expect(loaded.roster).toEqual(calm.roster);
  });

  it("says a quick load its safety cap cut short stopped on time, though the LP-guided search polished it after", async () => {
    const school = randomSchool(24, { students: 400, periods: 6, semesters: true, seatRatio: 1.02 });
    // 20 ms a reading, whatever the machine's load: the load's checks reach its 10 s cap
    // (~700 readings uncut), the LP-guided search's polish stays far below its own 300 s.
    steppingClock(20);
    const cut = await solveSchool(school, { seed: 3, quality: "quick" });
    vi.restoreAllMocks();
    expect(cut.timings.improve).toBeGreaterThan(9_000);
    expect(cut.timings.lpGuided).toBeLessThan(300_000);
    expect(cut.stoppedBy).toBe("time");
    expect(validateRoster(asProblem(school), [cut.roster])).toEqual([]);
  });

  it("stops at the wall-clock safety cap when it is reached, says so, and still breaks no hard constraint", async () => {
    const school = randomSchool(26, { students: 400, periods: 6, semesters: true, seatRatio: 1.02 });
    slowMachine(1e6);
    const cut = await solveSchool(school, { seed: 1, quality: "full", timeLimitMs: 1 });
    vi.restoreAllMocks();
    expect(cut.stoppedBy).toBe("time");
    expect(validateRoster(asProblem(school), [cut.roster])).toEqual([]);
  });

  it("never reports more primary requests met than its bound, whatever the seed", async () => {
    const school = randomSchool(22, { students: 200 });
    const a = await solveSchool(school, { seed: 1, quality: "quick" });
    const b = await solveSchool(school, { seed: 2, quality: "quick" });
    const primaries = school.requests.filter((r) => r.alternateFor === undefined).length;
    for (const outcome of [a, b]) {
      expect(primaries - outcome.roster.unscheduled.length).toBeLessThanOrEqual(outcome.bounds.best);
    }
  });
});
