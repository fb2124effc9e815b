/** Errors of scenarios that a caller can act on, each saying what to do next. */

/** The school has no live roster: a scenario starts from the live master schedule. */
export class NoLiveScheduleError extends Error {
  constructor(readonly schoolId: string) {
    super(
      `school ${JSON.stringify(schoolId)} has no live roster yet: run it first, then make a scenario of its master schedule`,
    );
    this.name = "NoLiveScheduleError";
  }
}

/** The school's live master schedule changed since the scenario was made: promoting would overwrite that change. */
export class LiveScheduleChangedError extends Error {
  constructor(
    readonly scenarioId: number,
    readonly reason: string,
  ) {
    super(
      `the live master schedule changed since scenario ${scenarioId} was made (${reason}): make a new scenario from it and redo the edits`,
    );
    this.name = "LiveScheduleChangedError";
  }
}
