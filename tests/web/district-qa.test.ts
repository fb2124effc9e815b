/**
 * The district and QA views in a real Chromium against a real server (two tiny schools): the
 * district token sees every school's quality, sorts and filters them, starts a district run and
 * follows its progress; QA runs a benchmark and sees its history; charts carry a text
 * alternative; a counselor reaches neither view; axe-core on every page.
 */
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { SCHOOL_A, SCHOOL_B } from "../api/support/api-server.ts";
import { describeWithChromium, expectAccessible, screenshot, signIn, useWorkspace } from "./support/browser.ts";

describeWithChromium("the district and QA views", () => {
  const workspace = useWorkspace();
  const page = workspace.page;

  const schoolColumn = (p: Page) => p.locator("#district-schools tbody td:first-child").allTextContents();

  it("shows the district token every school with its quality and last run, sortable and filterable; a district run started there reports its progress to the end", async () => {
    const p = await page();
    await signIn(p, workspace.server.baseUrl, workspace.server.tokens.district);
    await p.getByRole("link", { name: "District" }).click();
    await p.getByRole("heading", { name: "District", level: 1 }).waitFor();
    // By school ID at first ("B-O'Brien-李" before "MS-A").
    expect(await schoolColumn(p)).toEqual([SCHOOL_B, SCHOOL_A]);
    const met = new Map<string, { primaryMet: number; primaryRequests: number }>();
    for (const id of [SCHOOL_A, SCHOOL_B]) {
      const reply = await workspace.server.call("GET", `/v1/schools/${encodeURIComponent(id)}/report`, {
        token: workspace.server.tokens.district,
      });
      met.set(id, reply.body.report);
    }
    const row = p.locator("#district-schools tbody tr").first();
    expect(await row.locator("td").nth(2).textContent()).toContain(
      `(${met.get(SCHOOL_B)!.primaryMet} of ${met.get(SCHOOL_B)!.primaryRequests})`,
    );
    expect(await row.locator("td").nth(6).textContent()).toMatch(/^succeeded, /);

    // Sorting by requests met, then the other way; the header says which.
    const shareMet = (id: string) => met.get(id)!.primaryMet / met.get(id)!.primaryRequests;
    const byMet = [SCHOOL_A, SCHOOL_B].sort((a, b) => shareMet(a) - shareMet(b));
    await p.getByRole("button", { name: "Requests met" }).click();
    expect(await p.locator("th[aria-sort=ascending]").textContent()).toBe("Requests met");
    expect(await schoolColumn(p)).toEqual(byMet);
    await p.getByRole("button", { name: "Requests met" }).press("Enter");
    expect(await p.locator("th[aria-sort=descending]").textContent()).toBe("Requests met");
    expect(await schoolColumn(p)).toEqual([...byMet].reverse());
    await p.getByLabel("School or name contains").fill("o'brien");
    expect(await schoolColumn(p)).toEqual([SCHOOL_B]);
    await p.getByLabel("School or name contains").fill("");
    await p.getByLabel("Show").selectOption("no-live");
    expect(await schoolColumn(p)).toEqual([]);
    await p.getByLabel("Show").selectOption("");
    await expectAccessible(p);
    await screenshot(p, "district");

    // Every text the run's status line showed, to see its progress however fast the run goes.
    await p.evaluate(() => {
      const seen: string[] = [];
      (globalThis as unknown as { progressSeen: string[] }).progressSeen = seen;
      const status = document.getElementById("district-run-status")!;
      new MutationObserver(() => seen.push(status.textContent ?? "")).observe(status, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    await p.getByRole("button", { name: "Start a district run" }).click();
    await p
      .locator("#status")
      .filter({ hasText: /^District run api-\S+ finished: 2 schools scheduled, 0 failed\.$/ })
      .waitFor({ timeout: 60_000 });
    const seen = await p.evaluate(() => (globalThis as unknown as { progressSeen: string[] }).progressSeen);
    expect(seen).toContainEqual(expect.stringMatching(/: 2 of 2 schools, 120 of 120 students, /));
    // The page shows the run in the history, and each school's roster still validates.
    await p.getByRole("heading", { name: "District", level: 1 }).waitFor();
    const history = p.locator("#district-runs tbody tr").first();
    expect(await history.locator("td").nth(1).textContent()).toBe("api");
    expect(await history.locator("td").nth(4).textContent()).toBe("2 of 2");
    for (const id of [SCHOOL_A, SCHOOL_B]) expect(await workspace.server.validateLive(id)).toEqual([]);
    // A chart is one image with its summary, and its figures as a table.
    const chart = p.getByRole("img", { name: /^Requests met over district runs: 1 point\(s\)/ });
    await chart.waitFor();
    expect(await p.locator("figure:has-text('Requests met over district runs') table tbody tr").count()).toBe(1);
    await p.getByLabel("Trigger").selectOption("nightly");
    expect(await p.locator("#district-runs tbody tr").count()).toBe(0);
    await expectAccessible(p);
    await screenshot(p, "district-after-run");

    // The school overview draws its runs and unmet requests too.
    await p.getByRole("link", { name: SCHOOL_A }).click();
    await p.getByRole("img", { name: /^Requests met over runs: 2 point\(s\)/ }).waitFor();
    await p.getByRole("img", { name: /^Unmet requests by reason/ }).waitFor();
    await p.getByRole("img", { name: /^Section fill \(seats taken over capacity\): \d+ sections/ }).waitFor();
    await expectAccessible(p);
    await screenshot(p, "school-overview-charts");
    await p.context().close();
  });

  it("shows qa the benchmarks and their history, a benchmark run from the page included", async () => {
    const p = await page();
    await signIn(p, workspace.server.baseUrl, workspace.server.tokens.qa);
    expect(await p.getByRole("link", { name: "District" }).count()).toBe(0);
    await p.getByRole("link", { name: "Benchmarks" }).click();
    await p.getByRole("heading", { name: "Benchmarks", level: 1 }).waitFor();
    await p.getByLabel("Seed").fill("4");
    await p.getByRole("button", { name: "Run the benchmark" }).click();
    await p.getByRole("caption").filter({ hasText: "1 benchmark(s), newest first" }).waitFor({ timeout: 60_000 });
    const [benchmark] = (await workspace.server.call("GET", "/v1/benchmarks", { token: workspace.server.tokens.qa }))
      .body.benchmarks;
    expect(benchmark).toMatchObject({ preset: "tiny", seed: 4, violations: 0 });
    const cells = await p.locator("table:has(caption:has-text('benchmark(s)')) tbody tr td").allTextContents();
    expect(cells.slice(2, 5)).toEqual(["tiny", "4", "quick"]);
    expect(cells[5]).toContain(`(${benchmark.report.primaryMet} of ${benchmark.report.primaryRequests})`);
    await p.getByRole("img", { name: /^Solve time over benchmarks: 1 point\(s\)/ }).waitFor();
    await expectAccessible(p);
    await screenshot(p, "qa-benchmarks");
    await p.context().close();
  });

  it("keeps a counselor out of the district view and the benchmarks, as the API does", async () => {
    const p = await page();
    await signIn(p, workspace.server.baseUrl, workspace.server.tokens.counselorA);
    expect(await p.locator("#role-links a").allTextContents()).toEqual(["Schools"]);
    for (const view of ["#/district", "#/qa"]) {
      await p.goto(`${workspace.server.baseUrl}/${view}`);
      await p.getByRole("alert").filter({ hasText: "a counselor token may not do this" }).waitFor();
    }
    await p.context().close();
  });
});
