import { afterAll, beforeAll, expect, it } from "vitest";
import { joinSchools } from "../../src/domain/join-schools.ts";
import type { ScenarioSection } from "../../src/domain/scenario.ts";
import { getScenario, liveRoster, readSchoolProblem, readSchoolProblemVersioned } from "../../src/store/index.ts";
import { applyEdit, type ScenarioEdit } from "../../src/scenario/edits.ts";
import { scheduleConflicts } from "../../src/scenario/schedule-conflicts.ts";
import { stableLoad } from "../../src/scenario/stable-load.ts";
import { loadInline } from "../../src/scenario/loaders.ts";
import { studentsWhoseScheduleChanges, summarize, whatIfProblem } from "../../src/scenario/what-if.ts";
import { validateRoster } from "../../solver/check/validate-roster.ts";
import { SCHOOL_A, schoolPath, startApiServer, waitForJob, type ApiServer } from "../api/support/api-server.ts";
import { forEachDatabase } from "../store/support/databases.ts";

forEachDatabase((database) => {
  let server: ApiServer;
  let counselor: string;
  beforeAll(async () => {
    server = await startApiServer({ url: await database.create() });
    counselor = server.tokens.counselorA;
  });
  afterAll(async () => {
    await server.close();
    await database.destroy();
  });

  const scenarios = (rest = "") => schoolPath(SCHOOL_A, `/scenarios${rest}`);
  const create = async (name: string) => {
    const reply = await server.call("POST", scenarios(), { token: counselor, body: { name } });
    expect(reply.status).toBe(201);
    return reply.body.scenarioId as number;
  };
  const board = async (id: number) => (await server.call("GET", scenarios(`/${id}`), { token: counselor })).body;
  /** Moves that are allowed on the scenario as it is (from the period-costs route), one per section. */
  const allowedMoves = async (id: number) => {
    const { sections } = await board(id);
    const moves: { kind: "move"; sectionId: string; period: number; roomId?: string }[] = [];
    for (const s of sections as ScenarioSection[]) {
      if (s.locked) continue;
      const { body } = await server.call(
        "GET",
        scenarios(`/${id}/sections/${encodeURIComponent(s.sectionId)}/periods`),
        { token: counselor },
      );
      const option = body.periods.find((p: { allowed: boolean; current: boolean }) => p.allowed && !p.current);
      if (option)
        moves.push({
          kind: "move",
          sectionId: s.sectionId,
          period: option.period,
          ...(option.roomId ? { roomId: option.roomId } : {}),
        });
    }
    return moves;
  };

  it("lets only the school's counselors and district operations see its scenarios (QA none)", async () => {
    expect(
      (await server.call("POST", scenarios(), { token: server.tokens.counselorB, body: { name: "x" } })).status,
    ).toBe(403);
    expect((await server.call("GET", scenarios(), { token: server.tokens.qa })).status).toBe(403);
    const id = await create("access");
    expect((await server.call("GET", scenarios(`/${id}`), { token: server.tokens.district })).status).toBe(200);
    expect(
      (await server.call("GET", schoolPath("B-O'Brien-李", `/scenarios/${id}`), { token: server.tokens.district }))
        .status,
    ).toBe(404);
    expect(
      (await server.call("POST", scenarios(), { token: counselor, body: { name: "access" } })).body.error.code,
    ).toBe("scenario_name_taken");
  });

  it("refuses an edit that breaks a hard constraint, naming the conflict, and changes nothing", async () => {
    const id = await create("refused");
    const before = await board(id);
    const victim = (before.sections as ScenarioSection[]).find((s) => !s.locked && s.teacherId !== undefined)!;
    const other = (before.sections as ScenarioSection[]).find(
      (s) => s.teacherId === victim.teacherId && s.period !== victim.period,
    )!;
    const reply = await server.call("POST", scenarios(`/${id}/edits`), {
      token: counselor,
      body: { version: 0, edit: { kind: "move", sectionId: victim.sectionId, period: other.period } },
    });
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe("edit_refused");
    expect(reply.body.error.issues.map((i: { message: string }) => i.message)).toContainEqual(
      expect.stringContaining(`teacher ${victim.teacherId} teaches sections`),
    );
    const locked = (before.sections as ScenarioSection[]).find((s) => s.locked)!;
    const move = await server.call("POST", scenarios(`/${id}/edits`), {
      token: counselor,
      body: { version: 0, edit: { kind: "move", sectionId: locked.sectionId, period: 1 } },
    });
    expect(move.body.error.issues).toEqual([
      { path: "body.edit", message: `section ${locked.sectionId} is locked: unlock it before you move it` },
    ]);
    const after = await board(id);
    expect(after.version).toBe(0);
    expect(after.sections).toEqual(before.sections);
    expect(after.history).toEqual([]);
  });

  it("answers an edit with its what-if, equal to a full quick run of the edited problem (checked by the validator)", async () => {
    const id = await create("what-if");
    const [move] = await allowedMoves(id);
    const reply = await server.call("POST", scenarios(`/${id}/edits`), {
      token: counselor,
      body: { version: 0, edit: move },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.version).toBe(1);
    expect(reply.body.changed.map((s: ScenarioSection) => [s.sectionId, s.period])).toEqual([
      [move!.sectionId, move!.period],
    ]);
    const scenario = (await getScenario(server.store, id))!;
    const { problem, problemVersion } = await readSchoolProblemVersioned(server.store, SCHOOL_A);
    const edited = whatIfProblem(problem, scenario.sections);
    const run = await loadInline.load(edited, scenario.seed);
    expect(validateRoster(joinSchools([edited]), [run.roster])).toEqual([]);
    const start = await loadInline.load(whatIfProblem(problem, scenario.startSections), scenario.seed);
    expect(validateRoster(joinSchools([whatIfProblem(problem, scenario.startSections)]), [start.roster])).toEqual([]);
    const { whatIf } = reply.body.whatIf;
    expect(reply.body.whatIf.problemVersion).toBe(problemVersion);
    expect(whatIf.now).toEqual(summarize(run, scenario.sections));
    expect(whatIf.start).toEqual(summarize(start, scenario.startSections));
    expect(whatIf.changedStudents.studentIds).toEqual(studentsWhoseScheduleChanges(start.roster, run.roster));
    expect(whatIf.delta.primaryMet).toBe(run.report.primaryMet - start.report.primaryMet);
    expect(whatIf.moveCosts.map((c: { sectionId: string }) => c.sectionId)).toEqual([move!.sectionId]);
    // The stable what-if: from the live roster, moving only the students it must, checked by the validator.
    const live = (await liveRoster(server.store, SCHOOL_A))!;
    const stable = await stableLoad(edited, live.roster, scenario.seed);
    expect(validateRoster(joinSchools([edited]), [stable.roster])).toEqual([]);
    const stableStart = await stableLoad(whatIfProblem(problem, scenario.startSections), live.roster, scenario.seed);
    expect(reply.body.whatIf.stable.now).toEqual(summarize(stable, scenario.sections));
    const moved = new Set(
      live.roster.enrollments.filter((e) => e.sectionId === move!.sectionId).map((e) => e.studentId),
    );
    const unmet = new Set(stableStart.roster.unscheduled.map((u) => u.studentId));
    expect(reply.body.whatIf.stable.changedStudents.studentIds).toEqual(
      studentsWhoseScheduleChanges(stableStart.roster, stable.roster),
    );
    for (const studentId of reply.body.whatIf.stable.changedStudents.studentIds)
      expect(
        moved.has(studentId) ||
          unmet.has(studentId) ||
          stable.roster.unscheduled.some((u) => u.studentId === studentId),
      ).toBe(true);
    const again = await server.call("GET", scenarios(`/${id}/what-if`), { token: counselor });
    expect(again.body.whatIf).toEqual(whatIf);
  });

  it("never loses an edit when two counselors edit one scenario: the one made on an older version gets 409 and is redone on the new one", async () => {
    const id = await create("two counselors");
    const moves = await allowedMoves(id);
    // Two moves that fit together, so that both must be there in the end.
    const { problem } = await readSchoolProblemVersioned(server.store, SCHOOL_A);
    const sections = (await getScenario(server.store, id))!.sections;
    const fits = (a: ScenarioEdit, b: ScenarioEdit) => {
      try {
        applyEdit(problem, applyEdit(problem, sections, a).sections, b);
        return true;
      } catch {
        return false;
      }
    };
    const first = moves[0]!;
    const second = moves.find((m) => m.sectionId !== first.sectionId && fits(first, m) && fits(m, first))!;
    const replies = await Promise.all([
      server.call("POST", scenarios(`/${id}/edits`), { token: counselor, body: { version: 0, edit: first } }),
      server.call("POST", scenarios(`/${id}/edits`), {
        token: server.tokens.district,
        body: { version: 0, edit: second },
      }),
    ]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    const lost = replies.findIndex((r) => r.status === 409);
    expect(replies[lost]!.body.error.code).toBe("scenario_changed");
    const retry = await server.call("POST", scenarios(`/${id}/edits`), {
      token: lost === 0 ? counselor : server.tokens.district,
      body: { version: 1, edit: lost === 0 ? first : second },
    });
    expect(retry.status).toBe(200);
    const after = await board(id);
    const placed = (m: { sectionId: string; period: number }) =>
      (after.sections as ScenarioSection[]).find((s) => s.sectionId === m.sectionId)!.period === m.period;
    expect(after.version).toBe(2);
    expect([placed(first), placed(second)]).toEqual([true, true]);
    expect(after.history.map((h: { author: string }) => h.author).sort()).toEqual(
      ["Ms O'Brien (A)", "district ops"].sort(),
    );
  });

  it("undoes the latest edit, back to the master schedule before it", async () => {
    const id = await create("undo");
    const [move] = await allowedMoves(id);
    const start = (await board(id)).sections;
    await server.call("POST", scenarios(`/${id}/edits`), { token: counselor, body: { version: 0, edit: move } });
    const undo = await server.call("POST", scenarios(`/${id}/undo`), { token: counselor, body: { version: 1 } });
    expect(undo.status).toBe(200);
    expect(undo.body).toMatchObject({ version: 2, undid: 1 });
    expect(undo.body.whatIf.whatIf.changedStudents.count).toBe(0);
    const after = await board(id);
    expect(after.sections).toEqual(start);
    expect(after.history.map((h: { kind: string; undoneBy?: number }) => [h.kind, h.undoneBy])).toEqual([
      ["move", 2],
      ["undo", undefined],
    ]);
    expect(
      (await server.call("POST", scenarios(`/${id}/undo`), { token: counselor, body: { version: 2 } })).body.error.code,
    ).toBe("nothing_to_undo");
  });

  it("suggests the periods a section may move to, best first, and compares a scenario with the live roster and another scenario", async () => {
    const id = await create("suggest");
    const [move] = await allowedMoves(id);
    const suggestions = await server.call(
      "GET",
      scenarios(`/${id}/sections/${encodeURIComponent(move!.sectionId)}/suggestions`),
      { token: counselor },
    );
    expect(suggestions.status).toBe(200);
    expect(suggestions.body.suggestions.length).toBeGreaterThan(0);
    const met = suggestions.body.suggestions.map(
      (s: { whatIf: { delta: { primaryMet: number } } }) => s.whatIf.delta.primaryMet,
    );
    expect(met[0]).toBe(Math.max(...met));
    await server.call("POST", scenarios(`/${id}/edits`), { token: counselor, body: { version: 0, edit: move } });
    const live = await server.call("GET", scenarios(`/${id}/diff`), { token: counselor });
    expect(live.status).toBe(200);
    expect(live.body.b.label).toMatch(/^live roster/);
    expect(live.body.sections.map((s: { sectionId: string }) => s.sectionId)).toContain(move!.sectionId);
    const other = await create("suggest, the other");
    const side = await server.call("GET", scenarios(`/${id}/diff?against=${other}`), { token: counselor });
    expect(side.body.sections).toEqual([
      expect.objectContaining({ sectionId: move!.sectionId, a: expect.objectContaining({ period: move!.period }) }),
    ]);
    expect((await server.call("GET", scenarios(`/${id}/sections/nothing/periods`), { token: counselor })).status).toBe(
      404,
    );
  });

  it("previews an edit without saving it: the stable what-if the edit then answers with, refused as the edit would be", async () => {
    const id = await create("preview");
    const [move] = await allowedMoves(id);
    const preview = await server.call("POST", scenarios(`/${id}/preview`), {
      token: counselor,
      body: { version: 0, edit: move },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.version).toBe(0);
    expect(preview.body.changed.map((s: ScenarioSection) => [s.sectionId, s.period])).toEqual([
      [move!.sectionId, move!.period],
    ]);
    expect((await board(id)).version).toBe(0);
    expect((await board(id)).history).toEqual([]);
    // Committed with the stable what-if only: the same students move, the same requests are lost and gained.
    const commit = await server.call("POST", scenarios(`/${id}/edits?whatIf=stable`), {
      token: counselor,
      body: { version: 0, edit: move },
    });
    expect(commit.status).toBe(200);
    expect(commit.body.whatIf.whatIf).toBeUndefined();
    expect(commit.body.whatIf.stable.now).toEqual(preview.body.stable.now);
    expect(preview.body.stable.changedStudents).toEqual(commit.body.whatIf.stable.changedStudents);
    expect(preview.body.stable.delta).toEqual(commit.body.whatIf.stable.delta);
    // On an older version: 409, as the edit would be; a locked section: 422, nothing saved.
    const stale = await server.call("POST", scenarios(`/${id}/preview`), {
      token: counselor,
      body: { version: 0, edit: move },
    });
    expect(stale.body.error.code).toBe("scenario_changed");
    const locked = ((await board(id)).sections as ScenarioSection[]).find((s) => s.locked)!;
    const refused = await server.call("POST", scenarios(`/${id}/preview`), {
      token: counselor,
      body: { version: 1, edit: { kind: "move", sectionId: locked.sectionId, period: 1 } },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("edit_refused");
    expect((await board(id)).version).toBe(1);
  });

  it("rebuilds what is not locked, keeping what the counselor locked", async () => {
    const id = await create("rebuild");
    const { sections } = await board(id);
    const keep = (sections as ScenarioSection[]).find((s) => !s.locked)!;
    await server.call("POST", scenarios(`/${id}/edits`), {
      token: counselor,
      body: { version: 0, edit: { kind: "lock", sectionId: keep.sectionId, locked: true } },
    });
    const rebuilt = await server.call("POST", scenarios(`/${id}/rebuild`), { token: counselor, body: { version: 1 } });
    expect(rebuilt.status).toBe(200);
    const after = await board(id);
    const locked = (sections as ScenarioSection[]).filter((s) => s.locked || s.sectionId === keep.sectionId);
    for (const s of locked)
      expect((after.sections as ScenarioSection[]).find((x) => x.sectionId === s.sectionId)).toMatchObject({
        period: s.period,
        roomId: s.roomId,
        teacherId: s.teacherId,
      });
    expect(after.history.map((h: { kind: string }) => h.kind)).toEqual(["lock", "rebuild"]);
    // The rebuilt master schedule breaks no hard constraint, and the school loads on it validly.
    const scenario = (await getScenario(server.store, id))!;
    const problem = await readSchoolProblem(server.store, SCHOOL_A);
    expect(scheduleConflicts(problem, scenario.sections)).toEqual([]);
    const rebuiltProblem = whatIfProblem(problem, scenario.sections);
    const loaded = await loadInline.load(rebuiltProblem, scenario.seed);
    expect(validateRoster(joinSchools([rebuiltProblem]), [loaded.roster])).toEqual([]);
    expect(rebuilt.body.whatIf.whatIf.now).toEqual(summarize(loaded, scenario.sections));
  });

  it("promotes a scenario: a new problem version, a full run published that passes validate; refused when the live schedule changed since", async () => {
    const id = await create("promote");
    const rival = await create("made before the promotion");
    const [move] = await allowedMoves(id);
    await server.call("POST", scenarios(`/${id}/edits`), { token: counselor, body: { version: 0, edit: move } });
    expect(
      (await server.call("POST", scenarios(`/${id}/promote`), { token: counselor, body: { version: 0 } })).body.error
        .code,
    ).toBe("scenario_changed");
    const versionBefore = (await readSchoolProblemVersioned(server.store, SCHOOL_A)).problemVersion;
    const started = await server.call("POST", scenarios(`/${id}/promote`), { token: counselor, body: { version: 1 } });
    expect(started.status).toBe(202);
    const job = await waitForJob(server, counselor, started.body.location, 60_000);
    expect(job).toMatchObject({
      status: "succeeded",
      kind: "full",
      parameters: { quality: "full", scenarioId: id },
      result: { published: true },
    });
    expect(await server.validateLive(SCHOOL_A)).toEqual([]);
    const live = (await liveRoster(server.store, SCHOOL_A))!;
    expect(live.runId).toBe(job.runId);
    expect(live.roster.sections.find((s) => s.sectionId === move!.sectionId)!.period).toBe(move!.period);
    const problem = await readSchoolProblem(server.store, SCHOOL_A);
    expect(problem.sections.find((s) => s.sectionId === move!.sectionId)!.period).toBe(move!.period);
    expect((await readSchoolProblemVersioned(server.store, SCHOOL_A)).problemVersion).toBe(versionBefore + 1);
    expect(await board(id)).toMatchObject({ status: "promoted", promotedRunId: job.runId });
    const refused = await server.call("POST", scenarios(`/${rival}/promote`), {
      token: counselor,
      body: { version: 0 },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("live_schedule_changed");
    expect(
      (await server.call("POST", scenarios(`/${id}/edits`), { token: counselor, body: { version: 1, edit: move } }))
        .body.error.code,
    ).toBe("scenario_closed");
  });

  it("drops a scenario and its history", async () => {
    const id = await create("drop");
    expect((await server.call("DELETE", scenarios(`/${id}`), { token: counselor })).body).toEqual({
      scenarioId: id,
      dropped: true,
    });
    expect((await server.call("GET", scenarios(`/${id}`), { token: counselor })).status).toBe(404);
  });
});
