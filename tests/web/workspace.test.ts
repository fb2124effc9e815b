/**
 * The counselor workspace in a real Chromium against a real server (two tiny schools): signing
 * in, role-bound pages, a move on the master board with its what-if, promotion (the published
 * roster checked by solver/check), QA seeing no student, and axe-core on every page.
 */
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { schoolPath, SCHOOL_A, SCHOOL_B } from "../api/support/api-server.ts";
import { describeWithChromium, expectAccessible, screenshot, signIn, useWorkspace } from "./support/browser.ts";

const hash = (schoolId: string, rest = "") => `#/school/${encodeURIComponent(schoolId)}${rest}`;

describeWithChromium("the counselor workspace", () => {
  const workspace = useWorkspace();
  const page = workspace.page;

  it("signs in with a token into an HttpOnly, SameSite=Strict session cookie, never in the URL or the page's reach, and signs out", async () => {
    const p = await page();
    const served = await p.goto(`${workspace.server.baseUrl}/`);
    expect(served!.headers()["content-security-policy"]).toContain("script-src 'self'");
    await expectAccessible(p);
    await screenshot(p, "sign-in");
    await p.getByLabel("Token").fill("mse_not-a-token");
    await p.getByRole("button", { name: "Sign in" }).click();
    await p.getByText("That token is unknown or revoked.").waitFor();
    await signIn(p, workspace.server.baseUrl, workspace.server.tokens.counselorA);
    const [cookie] = await p.context().cookies();
    expect(cookie).toMatchObject({ name: "mse_session", httpOnly: true, sameSite: "Strict" });
    expect(cookie!.value).not.toContain(workspace.server.tokens.counselorA);
    expect(p.url()).not.toContain(workspace.server.tokens.counselorA);
    expect(await p.evaluate(() => document.cookie)).toBe("");
    // A write with the cookie but without the page's CSRF header is refused.
    const forged = await p.evaluate(
      async (url) =>
        (
          await fetch(url, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ name: "forged" }),
          })
        ).status,
      `${workspace.server.baseUrl}${schoolPath(SCHOOL_A, "/scenarios")}`,
    );
    expect(forged).toBe(403);
    await p.getByRole("button", { name: "Sign out" }).click();
    await p.getByRole("heading", { name: "Sign in" }).waitFor();
    const after = await p.evaluate(async () => (await fetch("/v1/me")).status);
    expect(after).toBe(401);
    await p.context().close();
  });

  it("shows a counselor only their schools; moving a section shows its periods' costs and the what-if; promoting publishes a roster that validates", async () => {
    const p = await page();
    await signIn(p, workspace.server.baseUrl, workspace.server.tokens.counselorA);
    const schools = await p.locator("main table a").allTextContents();
    expect(schools).toEqual([SCHOOL_A]);
    await expectAccessible(p);
    await screenshot(p, "schools-counselor");

    await p.getByRole("link", { name: SCHOOL_A }).click();
    await p.getByRole("heading", { name: `School ${SCHOOL_A}` }).waitFor();
    await p.getByRole("caption").filter({ hasText: "Requests met by priority" }).waitFor();
    await p.getByRole("caption").filter({ hasText: "Runs over time" }).waitFor();
    // Unmet requests, filtered by course, grade and priority as well as by reason.
    const unmet: { courseId: string; grade: number; priority: number }[] = (
      await workspace.server.call("GET", schoolPath(SCHOOL_A, "/unscheduled?allowInvalid=true"), {
        token: workspace.server.tokens.district,
      })
    ).body.unscheduled;
    expect(unmet.length).toBeGreaterThan(0);
    const pick = unmet.at(-1)!;
    await p.locator("#unmet-course").selectOption(pick.courseId);
    await p.locator("#unmet-grade").selectOption(String(pick.grade));
    await p.locator("#unmet-priority").selectOption(String(pick.priority));
    const matching = unmet.filter(
      (u) => u.courseId === pick.courseId && u.grade === pick.grade && u.priority === pick.priority,
    );
    await p
      .getByRole("caption")
      .filter({
        hasText: `Unmet requests (course ${pick.courseId}, grade ${pick.grade}, priority ${pick.priority}): ${matching.length}`,
      })
      .waitFor();
    const unmetRows = p.locator("section:has(#unmet-course) tbody tr");
    expect(await unmetRows.count()).toBe(matching.length);
    expect(new Set(await unmetRows.locator("td:nth-child(3)").allTextContents())).toEqual(new Set([pick.courseId]));
    await expectAccessible(p);
    await screenshot(p, "school-overview");

    await p.goto(`${workspace.server.baseUrl}/${hash(SCHOOL_B)}`);
    await p.getByRole("alert").filter({ hasText: "may not see school" }).waitFor();

    await p.goto(`${workspace.server.baseUrl}/${hash(SCHOOL_A, "/board")}`);
    await p.getByLabel("Scenario name").fill("Move one by keyboard");
    await p.getByRole("button", { name: "New scenario" }).click();
    await p.getByRole("heading", { name: "Scenario Move one by keyboard" }).waitFor();
    await expectAccessible(p);

    // The cards: IEP seats and setting; singletons (a course's only open section) marked, with a label for screen readers.
    type ScenarioSection = {
      sectionId: string;
      courseId: string;
      setting: string;
      iepCapacity?: number;
      closed?: boolean;
      period?: number;
    };
    const open: ScenarioSection[] = (
      await workspace.server.call("GET", `${schoolPath(SCHOOL_A, "/scenarios")}/${p.url().split("/").at(-1)}`, {
        token: workspace.server.tokens.district,
      })
    ).body.sections.filter((s: ScenarioSection) => !s.closed);
    const perCourse = new Map<string, number>();
    for (const s of open) perCourse.set(s.courseId, (perCourse.get(s.courseId) ?? 0) + 1);
    const singletons = open.filter((s) => perCourse.get(s.courseId) === 1 && s.period !== undefined);
    expect(singletons.length).toBeGreaterThan(0);
    const marked = await p
      .locator("button.card.singleton")
      .evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset.section));
    expect(marked.sort()).toEqual(singletons.map((s) => s.sectionId).sort());
    await p
      .getByRole("button", {
        name: new RegExp(`^Singleton \\(the only section of its course\\): ${singletons[0]!.courseId} section`),
      })
      .first()
      .waitFor();
    // Conflicts: two courses requested together, each meeting only in one and the same period; clashes: none on a valid schedule.
    const pairs: { courseA: string; courseB: string; students: number }[] = (
      await workspace.server.call("GET", schoolPath(SCHOOL_A, "/conflict-matrix"), {
        token: workspace.server.tokens.district,
      })
    ).body.pairs;
    const periodsOf = new Map<string, Set<number>>();
    for (const s of open)
      if (s.period !== undefined) periodsOf.set(s.courseId, (periodsOf.get(s.courseId) ?? new Set()).add(s.period));
    const onlyIn = (courseId: string) => {
      const set = periodsOf.get(courseId);
      return set?.size === 1 ? [...set][0] : undefined;
    };
    const clashing = new Set(
      pairs
        .filter((q) => q.students > 0 && onlyIn(q.courseA) !== undefined && onlyIn(q.courseA) === onlyIn(q.courseB))
        .flatMap((q) => [q.courseA, q.courseB]),
    );
    await p.locator(".board[data-marks=conflicts]").waitFor();
    const conflicted = await p
      .locator("button.card.conflict")
      .evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset.section));
    expect(conflicted.sort()).toEqual(
      open
        .filter((s) => s.period !== undefined && clashing.has(s.courseId))
        .map((s) => s.sectionId)
        .sort(),
    );
    expect(await p.locator("button.card.clash").count()).toBe(0);
    const sdc = open.find((s) => s.setting === "sdc" && s.period !== undefined)!;
    expect(await p.locator(`button.card[data-section="${sdc.sectionId}"]`).innerText()).toContain("SDC");
    const iep = open.find((s) => s.iepCapacity !== undefined && s.period !== undefined)!;
    expect(await p.locator(`button.card[data-section="${iep.sectionId}"]`).innerText()).toContain(
      `IEP ${iep.iepCapacity}`,
    );

    // By keyboard: focus a card, Enter, then Tab to an allowed period's button and Enter.
    const card = p.locator("button.card:not(.locked)").first();
    const sectionId = (await card.getAttribute("data-section"))!;
    await card.focus();
    await p.keyboard.press("Enter");
    const allowed = p.locator("ul.periods button[data-period]:not([disabled])").first();
    await allowed.waitFor();
    expect(await allowed.textContent()).toMatch(/^Period \d+: \d+ in conflict, \d+ blocked$/);
    expect(await p.locator("td.allowed .cost").count()).toBeGreaterThan(0);
    await screenshot(p, "board-choosing");
    const period = Number(await allowed.getAttribute("data-period"));
    // Choosing a period previews the move (nothing saved); Cancel forgets it.
    await allowed.focus();
    await p.keyboard.press("Enter");
    await p.getByRole("heading", { name: "Preview" }).waitFor();
    await p.getByRole("button", { name: "Commit move" }).waitFor();
    await p.getByText("students whose schedule changes").waitFor();
    expect(await p.locator(`td.previewed[data-period="${period}"]`).count()).toBe(1);
    await expectAccessible(p);
    await screenshot(p, "board-preview");
    await p.getByRole("button", { name: "Cancel move" }).click();
    expect(await p.locator("#scenario-version").textContent()).toBe("0");
    expect(
      await p.locator(`button.card[data-section="${sectionId}"]`).evaluate((el) => el.closest("td")!.dataset.period),
    ).not.toBe(String(period));
    // Again, and commit by keyboard: the preview puts the focus on Commit.
    await allowed.focus();
    await p.keyboard.press("Enter");
    await p.getByRole("button", { name: "Commit move" }).waitFor();
    await expect.poll(() => p.evaluate(() => document.activeElement?.textContent)).toBe("Commit move");
    await p.keyboard.press("Enter");
    await p.getByRole("heading", { name: "What-if" }).waitFor();
    await p.getByText("students whose schedule changes").waitFor();
    expect(await p.locator("#scenario-version").textContent()).toBe("1");
    expect(
      await p.locator(`button.card[data-section="${sectionId}"]`).evaluate((el) => el.closest("td")!.dataset.period),
    ).toBe(String(period));
    await expectAccessible(p);
    await screenshot(p, "board-what-if");

    await p.getByRole("button", { name: "Promote this scenario" }).click();
    await p.getByText(/Promoted: run \d+ is live\./).waitFor({ timeout: 60_000 });
    const roster = await workspace.server.call("GET", schoolPath(SCHOOL_A, "/roster"), {
      token: workspace.server.tokens.district,
    });
    expect(roster.body.sections.find((s: { sectionId: string }) => s.sectionId === sectionId).period).toBe(period);
    expect(await workspace.server.validateLive(SCHOOL_A)).toEqual([]);

    // The student page: a student of the school, from the unmet list or the roster.
    const studentId = roster.body.enrollments[0].studentId as string;
    await p.goto(`${workspace.server.baseUrl}/${hash(SCHOOL_A, `/student/${encodeURIComponent(studentId)}`)}`);
    await p.getByRole("caption").filter({ hasText: "Timetable" }).waitFor();
    await expectAccessible(p);
    await screenshot(p, "student");
    await p.context().close();
  });

  it("lets district operations run a pass with its progress, move a section by drag and drop (preview, commit), lock it, compare with the live roster, show rooms down, undo and rebuild", async () => {
    const p = await page();
    await signIn(p, workspace.server.baseUrl, workspace.server.tokens.district);
    expect(await p.locator("main table a").allTextContents()).toEqual([SCHOOL_A, SCHOOL_B]);
    await p.getByRole("link", { name: SCHOOL_B }).click();
    await p.getByRole("button", { name: "Run a pass" }).click();
    // The form says it, and so does the live region (until the page is drawn again).
    await p
      .getByText(/^Run \d+ published\.$/)
      .first()
      .waitFor({ timeout: 60_000 });
    expect(await workspace.server.validateLive(SCHOOL_B)).toEqual([]);

    await p.goto(`${workspace.server.baseUrl}/${hash(SCHOOL_B, "/board")}`);
    await p.getByLabel("Scenario name").fill("Dragged");
    await p.getByRole("button", { name: "New scenario" }).click();
    await p.getByRole("heading", { name: "Scenario Dragged" }).waitFor();
    await p.locator(".board[data-marks=conflicts]").waitFor();
    const card = p.locator("button.card:not(.locked)").first();
    const sectionId = (await card.getAttribute("data-section"))!;
    await card.click();
    const target = p.locator("td.allowed").first();
    await target.waitFor();
    const period = await target.getAttribute("data-period");
    const from = await card.evaluate((el) => el.closest("td")!.dataset.period);
    await card.dragTo(target);
    await p.getByRole("heading", { name: "Preview" }).waitFor();
    await p.getByRole("button", { name: "Commit move" }).click();
    await p.getByRole("heading", { name: "What-if" }).waitFor();
    const periodOf = () =>
      p.locator(`button.card[data-section="${sectionId}"]`).evaluate((el) => el.closest("td")!.dataset.period);
    expect(await periodOf()).toBe(period);

    // Lock it: the card says so, and the scenario keeps it.
    await p.locator(`button.card[data-section="${sectionId}"]`).click();
    await p.getByRole("button", { name: "Lock", exact: true }).click();
    await p.locator(`button.card.locked[data-section="${sectionId}"]`).waitFor();
    const board = await workspace.server.call(
      "GET",
      `${schoolPath(SCHOOL_B, "/scenarios")}/${p.url().split("/").at(-1)}`,
      {
        token: workspace.server.tokens.district,
      },
    );
    expect(board.body.sections.find((s: { sectionId: string }) => s.sectionId === sectionId).locked).toBe(true);

    // Compare with the live roster: the moved section is the one placed differently.
    await p.getByLabel("Compare with").selectOption("live");
    await p.getByRole("button", { name: "Compare", exact: true }).click();
    await p.getByRole("caption").filter({ hasText: "Sections placed differently: 1" }).waitFor();
    expect(
      await p.locator("table:has(caption:text('Sections placed differently')) tbody td").first().textContent(),
    ).toBe(sectionId);
    await expectAccessible(p);
    await screenshot(p, "board-compare");

    // Rooms down: the same cards, a row per room.
    await p.getByLabel("Rows").selectOption("rooms");
    await p.getByRole("columnheader", { name: "Room" }).waitFor();
    expect(await p.locator("button.card").count()).toBe(
      board.body.sections.filter((s: { closed?: boolean }) => !s.closed).length,
    );
    await p.getByLabel("Rows").selectOption("teachers");

    // Undo twice: the lock, then the move; the card is back where it was.
    await p.getByRole("button", { name: "Undo" }).click();
    await p.locator(`button.card:not(.locked)[data-section="${sectionId}"]`).waitFor();
    await p.getByRole("button", { name: "Undo" }).click();
    await p
      .locator("#status")
      .getByText(/^Undid version 1\./)
      .waitFor();
    expect(await periodOf()).toBe(from);
    expect(await p.locator("#scenario-version").textContent()).toBe("4");

    // Rebuild from the page: the builder places every section not locked again, as one more version.
    await p.getByRole("button", { name: "Rebuild" }).click();
    await p
      .locator("#status")
      .getByText(/^Rebuilt: \d+ section\(s\) moved/)
      .waitFor({ timeout: 60_000 });
    expect(await p.locator("#scenario-version").textContent()).toBe("5");
    await expectAccessible(p);
    await p.context().close();
  });

  it("enrolls a late student from the page, changes and drops them, showing the seats they got and any error plainly", async () => {
    const p = await page();
    await signIn(p, workspace.server.baseUrl, workspace.server.tokens.counselorA);
    const school = workspace.server.schools.a;
    const model = school.students[0]!;
    const courses = [
      ...new Set(school.requests.filter((r) => r.studentId === model.studentId).map((r) => r.courseId)),
    ].slice(0, 4);
    await p.goto(`${workspace.server.baseUrl}/${hash(SCHOOL_A)}`);
    await p.getByRole("link", { name: "Enroll a late student" }).click();
    await p.getByRole("heading", { name: `Enroll a student at ${SCHOOL_A}` }).waitFor();
    await expectAccessible(p);
    const studentId = "late-Zoë-ʻOkina";
    await p.getByLabel("Student ID").fill(studentId);
    await p.getByLabel("Given name").fill("Zoë");
    await p.getByLabel("Family name").fill("O'Brien-李");
    // A grade the school does not have: refused, said plainly, nothing saved.
    await p.getByLabel("Grade").fill(String(school.school.gradeHigh + 1));
    await p.getByLabel("Courses requested").selectOption(courses);
    await p.getByRole("button", { name: "Enroll and seat" }).click();
    await p
      .getByRole("alert")
      .filter({ hasText: `grade ${school.school.gradeHigh + 1} is outside school ${SCHOOL_A}'s grades` })
      .waitFor();
    expect(
      (
        await workspace.server.call("GET", schoolPath(SCHOOL_A, `/students/${encodeURIComponent(studentId)}`), {
          token: workspace.server.tokens.district,
        })
      ).status,
    ).toBe(404);
    await p.getByLabel("Grade").fill(String(model.grade));
    await p.getByRole("button", { name: "Enroll and seat" }).click();
    await p.getByText(/^Enrolled Zoë O'Brien-李; run \d+ seated them\.$/).waitFor({ timeout: 60_000 });
    const seats = p.locator("table:has(caption:text('Seats they got')) tbody tr");
    expect(await seats.count()).toBeGreaterThan(0);
    const seatedCourses = await seats.locator("td:nth-child(2)").allTextContents();
    expect(seatedCourses.every((c) => courses.includes(c))).toBe(true);
    expect(await workspace.server.validateLive(SCHOOL_A)).toEqual([]);
    await expectAccessible(p);
    await screenshot(p, "student-enrolled");

    // Their page: the name exactly as typed; change their requests (one course fewer): the seats after.
    await p.getByRole("link", { name: "Zoë O'Brien-李's page" }).click();
    await p.getByRole("heading", { name: "Zoë O'Brien-李", exact: true }).waitFor();
    expect(await p.locator("main h1").textContent()).toBe("Zoë O'Brien-李");
    const kept = courses.slice(1);
    await p.getByLabel("Courses requested").selectOption(kept);
    await p.getByRole("button", { name: "Save changes and seat" }).click();
    await p.getByText(/^Changed Zoë O'Brien-李; run \d+ seated them\.$/).waitFor({ timeout: 60_000 });
    const after = await p.locator("table:has(caption:text('Seats they got')) tbody td:nth-child(2)").allTextContents();
    expect(after).not.toContain(courses[0]);
    expect(
      (await p.locator("table:has(caption:text-is('Requests')) tbody td:first-child").allTextContents()).sort(),
    ).toEqual([...kept].sort());
    expect(await workspace.server.validateLive(SCHOOL_A)).toEqual([]);
    await expectAccessible(p);
    await screenshot(p, "student-changed");

    // Drop: asked to confirm, then their seats are freed.
    await p.getByRole("button", { name: "Drop this student" }).click();
    await p.getByRole("button", { name: "Confirm: drop Zoë O'Brien-李" }).click();
    await p.getByText(/^Dropped Zoë O'Brien-李: their seats are free \(run \d+\)\.$/).waitFor({ timeout: 60_000 });
    const roster = await workspace.server.call("GET", schoolPath(SCHOOL_A, "/roster"), {
      token: workspace.server.tokens.district,
    });
    expect(roster.body.enrollments.filter((e: { studentId: string }) => e.studentId === studentId)).toEqual([]);
    expect(await workspace.server.validateLive(SCHOOL_A)).toEqual([]);
    await p.context().close();
  });

  /** The conflict matrix page (qa sees it: counts only): courses by courses, the singletons and doubletons first, the API's counts. */
  async function conflictMatrix(p: Page) {
    const matrix: {
      courses: { courseId: string; students: number; sections: number }[];
      pairs: { courseA: string; courseB: string; students: number }[];
    } = (
      await workspace.server.call("GET", schoolPath(SCHOOL_A, "/conflict-matrix"), {
        token: workspace.server.tokens.qa,
      })
    ).body;
    await p
      .getByRole("caption")
      .filter({ hasText: `${matrix.courses.length} courses` })
      .waitFor();
    const rows = p.locator(".matrix tbody th[scope=row]");
    const sections = (await rows.allTextContents()).map((t) => Number(/\((\d+) section/.exec(t)![1]));
    const rank = sections.map((n) => (n === 0 ? Infinity : n)); // courses without a section last
    expect(rank).toEqual([...rank].sort((a, b) => a - b));
    expect(sections[0]).toBe(1);
    expect(await rows.first().textContent()).toContain("singleton");
    const top = matrix.pairs[0]!;
    const cell = await p.evaluate(
      ([a, b]) => {
        const heads = [...document.querySelectorAll(".matrix thead th")].map((th) => th.firstChild?.textContent);
        const row = [...document.querySelectorAll(".matrix tbody tr")].find(
          (tr) => tr.querySelector("th")?.firstChild?.textContent === a,
        );
        return row?.querySelectorAll("td")[heads.indexOf(b)]?.textContent;
      },
      [top.courseA, top.courseB],
    );
    expect(cell).toBe(String(top.students));
    await expectAccessible(p);
  }

  it("never shows a qa token a student's name or ID, on any page", async () => {
    const p = await page();
    await signIn(p, workspace.server.baseUrl, workspace.server.tokens.qa);
    const students = [...workspace.server.schools.a.students, ...workspace.server.schools.b.students];
    const seen: string[] = [];
    const check = async (name: string) => {
      await screenshot(p, `qa-${name}`);
      // The school IDs go first: B's ("B-O'Brien-李") holds a family name some student has too.
      const text = `${await p.locator("body").innerText()}\n${await p.content()}`
        .replaceAll(SCHOOL_B, "")
        .replaceAll(encodeURIComponent(SCHOOL_B), "");
      for (const s of students) {
        for (const word of [s.studentId, s.givenName, s.familyName]) {
          if (
            word &&
            word.length >= 3 &&
            new RegExp(
              `(^|[^\\p{L}\\p{N}])${word.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&")}($|[^\\p{L}\\p{N}])`,
              "u",
            ).test(text)
          )
            seen.push(`${name}: ${word}`);
        }
      }
    };
    await check("schools");
    expect(await p.locator("main table a").allTextContents()).toEqual([SCHOOL_A, SCHOOL_B]);
    await expectAccessible(p);
    for (const [label, rest] of [
      ["overview", ""],
      ["conflicts", "/conflicts"],
      ["board", "/board"],
      ["student", `/student/${encodeURIComponent(students[0]!.studentId)}`],
    ] as const) {
      await p.goto(`${workspace.server.baseUrl}/${hash(SCHOOL_A, rest)}`);
      await p.locator("main h1").waitFor();
      await p.waitForLoadState("networkidle");
      // The overview shows the figures; the student pages are refused, as the API refuses them.
      if (label === "overview") await p.getByRole("caption").filter({ hasText: "Requests met by priority" }).waitFor();
      else if (label === "conflicts") await conflictMatrix(p);
      else await p.getByRole("alert").filter({ hasText: "a qa token may not do this" }).waitFor();
      await check(label);
    }
    // The QA view (benchmarks, one of the same generated school as A's students) and the district view, which the API refuses qa.
    const benchmark = { preset: "tiny", seed: 1 };
    expect(
      (await workspace.server.call("POST", "/v1/benchmarks", { token: workspace.server.tokens.qa, body: benchmark }))
        .status,
    ).toBe(200);
    await p.goto(`${workspace.server.baseUrl}/#/qa`);
    await p.getByRole("caption").filter({ hasText: "1 benchmark(s)" }).waitFor();
    await p.getByRole("heading", { name: "Benchmarks", level: 1 }).waitFor();
    await p.waitForLoadState("networkidle");
    await expectAccessible(p);
    await check("benchmarks");
    await p.goto(`${workspace.server.baseUrl}/#/district`);
    await p.getByRole("alert").filter({ hasText: "a qa token may not do this" }).waitFor();
    await check("district");
    expect(seen).toEqual([]);
    await p.context().close();
  });
});
