import { describe, expect, it } from "vitest";
import { collectGarbage } from "../../src/district/collect-garbage.ts";
import type { SolvingExecutor } from "../../src/district/executors.ts";
import { fromFiles, runSchools } from "../../src/district/run-schools.ts";
import type { SchoolProblem } from "../../src/domain/problem.ts";
import { scheduleWithReport, type Solve } from "../../src/run/schedule-school.ts";
import { DETERMINISTIC, smallSchools } from "../district/support/small-district.ts";

describe("runSchools of a problem's schools, on memory", () => {
  it("lets go of a solved school's problem while the run goes on, though its caller's list of schools was given", async () => {
    const solvedFirst: WeakRef<SchoolProblem>[] = [];
    let firstDone!: () => void;
    const firstSchoolDone = new Promise<void>((resolve) => (firstDone = resolve));
    let firstStillHeld: boolean | undefined;
    const solve: Solve = async (problem, options) => {
      if (solvedFirst.length === 0) {
        solvedFirst.push(new WeakRef(problem));
        return scheduleWithReport(problem, options);
      }
      // The second school waits until the run is past the first, then looks for it in a fresh turn
      // (a WeakRef read in a turn keeps its target until the turn ends).
      await firstSchoolDone;
      await new Promise((resolve) => setImmediate(resolve));
      collectGarbage();
      firstStillHeld = solvedFirst[0]!.deref() !== undefined;
      return scheduleWithReport(problem, options);
    };
    const executor: SolvingExecutor = { kind: "inline", threads: 1, solve, close: async () => undefined };
    const result = await runSchools(fromFiles(smallSchools(480, 2)), executor, {
      schedule: DETERMINISTIC,
      keepRosters: false,
      onSchool: () => firstDone(),
    });
    expect(result.failures).toEqual([]);
    expect(firstStillHeld).toBe(false);
  });
});
