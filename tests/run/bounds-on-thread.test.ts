import { afterEach, describe, expect, it } from "vitest";
import { startBoundsThread, type BoundsThread } from "../../src/run/bounds-on-thread.ts";
import { scheduleSchool } from "../../src/run/schedule-school.ts";
import { joinSchools } from "../../src/domain/join-schools.ts";
import { validateRoster } from "../../solver/check/validate-roster.ts";
import { compileInstance } from "../../solver/instance/compile-instance.ts";
import { boundsBeforeLoad } from "../../solver/bounds/school-bounds.ts";
import { DETERMINISTIC, canonicalRoster, smallSchools } from "../district/support/small-district.ts";

// `mse schedule --input` of one school computes its bounds before the load on a thread of their
// own while this thread constructs the load (src/run/bounds-on-thread.ts).
describe("the bounds before the load on a thread of their own", () => {
  let thread: BoundsThread | undefined;
  afterEach(async () => {
    await thread?.stop();
    thread = undefined;
  });

  it("gives the bounds this thread would compute", async () => {
    const [school] = smallSchools(700, 1);
    thread = startBoundsThread();
    await thread.ready;
    const instance = compileInstance(school!);
    const answer = thread.boundsBeforeLoad(instance)();
    expect(answer).toEqual(boundsBeforeLoad(instance));
  });

  it("leaves every roster as it is, the solver waiting for the thread's bounds", async () => {
    thread = startBoundsThread();
    await thread.ready;
    for (const school of smallSchools(700, 3)) {
      const here = await scheduleSchool(school, DETERMINISTIC);
      const there = await scheduleSchool(school, DETERMINISTIC, thread.boundsBeforeLoad);
      expect(canonicalRoster(there.roster)).toEqual(canonicalRoster(here.roster));
      expect(there.bounds).toEqual(here.bounds);
      expect(validateRoster(joinSchools([school]), [there.roster])).toEqual([]);
    }
  });

  it("computes the bounds on this thread while the thread is still loading", () => {
    const [school] = smallSchools(700, 1);
    thread = startBoundsThread();
    const instance = compileInstance(school!);
    // Asked at once, before the thread could load its code.
    expect(thread.boundsBeforeLoad(instance)()).toEqual(boundsBeforeLoad(instance));
  });
});
