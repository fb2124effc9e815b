import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LEAST_SHARE, nextTurn, turnClock, type TurnClock } from "../../src/store/event-loop-turns.ts";

/** Steps of `stepMs` on a clock the test moves (performance.now), each task logging its name per step. */
function stepper() {
  let now = 1_000;
  vi.spyOn(performance, "now").mockImplementation(() => now);
  const log: string[] = [];
  const task = async (name: string, clock: TurnClock, steps: number, stepMs: number) => {
    for (let i = 0; i < steps; i++) {
      now += stepMs;
      log.push(name);
      if (clock.due()) {
        log.push(`${name} yields`);
        await clock.turn();
      }
    }
  };
  return { log, task };
}

/** How many steps each task took from each of its resumptions to its next yield, after its first slice. */
function stepsPerResumption(log: string[], name: string): number[] {
  const runs: number[] = [];
  let count: number | undefined;
  for (const entry of log) {
    if (entry === `${name} yields`) {
      if (count !== undefined) runs.push(count);
      count = 0;
    } else if (entry === name && count !== undefined) count++;
  }
  return runs;
}

// Each spec starts in a turn of the loop no slice has begun in (the slice is the module's, shared).
beforeEach(async () => {
  await nextTurn();
  await nextTurn();
});
afterEach(() => vi.restoreAllMocks());

describe("turns of the event loop", () => {
  it("gives the loop a turn once the clock's slice has gone by, and never before", async () => {
    const { log, task } = stepper();
    await task("A", turnClock(20), 12, 5);
    expect(stepsPerResumption(log, "A")).toEqual([4, 4]);
    expect(log.slice(0, 5)).toEqual(["A", "A", "A", "A", "A yields"]);
  });

  it("never gives two tasks that resume in the same turn of the loop a whole slice each: the second continues the first's, with at least its least share", async () => {
    const { log, task } = stepper();
    // Two tasks of 5 ms steps on 20 ms slices: alone, each would hold the loop for 4 steps per turn (40 ms together).
    await Promise.all([task("A", turnClock(20), 40, 5), task("B", turnClock(20), 40, 5)]);
    const leastSteps = (20 * LEAST_SHARE) / 5;
    // B resumes after A in every turn, when A has spent the turn's slice: B takes its least share, not 4 steps.
    expect(new Set(stepsPerResumption(log, "B").slice(0, 5))).toEqual(new Set([leastSteps]));
    expect(Math.max(...stepsPerResumption(log, "A"))).toBe(4);
  });

  it("starts a fresh slice in the next turn of the loop", async () => {
    const { log, task } = stepper();
    await task("A", turnClock(20), 4, 5);
    await nextTurn();
    await nextTurn();
    await task("B", turnClock(20), 5, 5);
    expect(log).toEqual(["A", "A", "A", "A", "A yields", "B", "B", "B", "B", "B yields", "B"]);
  });

  it("never turns for a clock of Infinity, nor lets it hold the others' slice open", async () => {
    const { log, task } = stepper();
    await Promise.all([task("A", turnClock(Infinity), 10, 5), task("B", turnClock(20), 8, 5)]);
    expect(log.filter((e) => e === "A yields")).toEqual([]);
    expect(stepsPerResumption(log, "B")).toEqual([4]);
  });
});
