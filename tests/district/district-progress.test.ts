import { describe, expect, it } from "vitest";
import { advanceProgress, initialProgress, remainingMs } from "../../src/district/district-progress.ts";
import { describeProgress, formatDuration } from "../../src/district/progress-bar.ts";

describe("district progress", () => {
  it("counts schools done, failed and students placed, and names the school that just finished", () => {
    let p = initialProgress(3, 1_000);
    p = advanceProgress(p, { schoolId: "HS-1", students: 600, ok: true, studentsPlaced: 590 }, 6_000);
    p = advanceProgress(p, { schoolId: "ES-1", students: 300, ok: false, reason: "bad data" }, 7_000);
    expect(p).toMatchObject({
      schoolsTotal: 3,
      schoolsDone: 2,
      schoolsFailed: 1,
      studentsTotal: 1_000,
      studentsDone: 900,
      studentsPlaced: 590,
      elapsedMs: 7_000,
    });
    expect(p.last).toEqual({ schoolId: "ES-1", ok: false, reason: "bad data" });
  });

  it("estimates the time left from the students done so far, and says nothing before the first school", () => {
    const start = initialProgress(2, 1_000);
    expect(remainingMs(start)).toBeUndefined();
    const half = advanceProgress(start, { schoolId: "A", students: 500, ok: true, studentsPlaced: 500 }, 10_000);
    expect(half.remainingMs).toBeCloseTo(10_000);
    const done = advanceProgress(half, { schoolId: "B", students: 500, ok: true, studentsPlaced: 480 }, 19_000);
    expect(done.remainingMs).toBe(0);
  });

  it("formats durations for people and describes progress on one line", () => {
    expect([
      formatDuration(undefined),
      formatDuration(44_600),
      formatDuration(200_000),
      formatDuration(3_900_000),
    ]).toEqual(["?", "45s", "3m 20s", "1h 05m"]);
    const p = advanceProgress(
      initialProgress(20, 20_000),
      { schoolId: "HS-1", students: 3_400, ok: false, reason: "x" },
      30_000,
    );
    expect(describeProgress(p)).toBe("schools 1/20 (1 failed) | students placed 0/20,000 | elapsed 30s, left 2m 26s");
  });
});
