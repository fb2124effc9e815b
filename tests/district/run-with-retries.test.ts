import { describe, expect, it } from "vitest";
import { runWithRetries, type JobOutcome } from "../../src/district/run-with-retries.ts";
import { heaviestFirst, schoolWeight } from "../../src/district/school-weight.ts";

describe("runWithRetries", () => {
  it("never runs more jobs at once than allowed, and reports each job once", async () => {
    let running = 0;
    let most = 0;
    const done: JobOutcome<number>[] = [];
    await runWithRetries([0, 1, 2, 3, 4, 5], async (index) => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return index * 10;
    }, { concurrency: 2, attempts: 1 }, (outcome) => done.push(outcome));
    expect(most).toBe(2);
    expect(done.map((d) => d.result).sort((a, b) => a! - b!)).toEqual([0, 10, 20, 30, 40, 50]);
  });

  it("retries a failed job after the others, and reports its last error once the attempts are spent", async () => {
    const calls: string[] = [];
    const done: JobOutcome<string>[] = [];
    await runWithRetries([0, 1, 2], async (index, attempt) => {
      calls.push(`${index}#${attempt}`);
      if (index === 0) throw new Error(`boom ${attempt}`);
      if (index === 1 && attempt === 1) throw new Error("flaky");
      return `ok ${index}`;
    }, { concurrency: 1, attempts: 3 }, (outcome) => done.push(outcome));
    expect(calls).toEqual(["0#1", "1#1", "2#1", "0#2", "1#2", "0#3"]);
    expect(done.map(({ index, attempts, result }) => ({ index, attempts, result }))).toEqual([
      { index: 2, attempts: 1, result: "ok 2" },
      { index: 1, attempts: 2, result: "ok 1" },
      { index: 0, attempts: 3, result: undefined },
    ]);
    expect((done[2]!.error as Error).message).toBe("boom 3");
  });
});

describe("heaviestFirst", () => {
  it("orders schools by requests plus students, heaviest first, ties in input order", () => {
    const sizes = [{ students: 100, requests: 700 }, { students: 3_000, requests: 30_000 }, { students: 400, requests: 400 }, { students: 1_000, requests: 7_000 }];
    expect(heaviestFirst(sizes, schoolWeight)).toEqual([1, 3, 0, 2]);
  });
});
