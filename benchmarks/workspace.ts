/**
 * The workspace in a real Chromium on the biggest school: how long until the master board of
 * the high-school preset (3,000 students, ~930 sections) is interactive, and an edit's round
 * trip as the counselor sees it (choose a section: its periods' costs painted; choose a period:
 * the move's what-if previewed; commit: saved, the scenario's what-if shown).
 *   npx tsx benchmarks/workspace.ts [--loads 5] [--moves 10] [--threads 2] [--seed 1]
 *
 * A fresh SQLite store gets the school, scheduled (quick) and published; the API app serves the
 * workspace on loopback; a counselor token signs in through the form. "Interactive": from
 * navigation to every placed section's card in the board. Writes benchmarks/results/workspace.json
 * and the board's screenshot to tests/output/bench/ (not committed). Needs /usr/bin/chromium.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { Command } from "commander";
import { generatePreset } from "../fixtures/generate.ts";
import { apiContext, closeApp, createApp } from "../src/api/app.ts";
import { solvePool } from "../src/api/context.ts";
import { joinSchools } from "../src/domain/join-schools.ts";
import { closeStore, createApiToken, importProblem, openStore } from "../src/store/index.ts";
import { runSchool } from "../src/run/run-school.ts";
import { launchChromium, screenshot, signIn } from "../tests/web/support/chromium.ts";
import { freshDatabase } from "./fresh-database.ts";
import { writeResult } from "./results-file.ts";

const options = new Command()
  .option("--loads <n>", "board loads", (v) => Number.parseInt(v, 10), 5)
  .option("--moves <n>", "moves through the page", (v) => Number.parseInt(v, 10), 10)
  .option("--threads <n>", "the API's pool threads", (v) => Number.parseInt(v, 10), 2)
  .option("--seed <n>", "generator and solver seed", (v) => Number.parseInt(v, 10), 1)
  .parse()
  .opts<{ loads: number; moves: number; threads: number; seed: number }>();

const ms = (v: number) => Number(v.toFixed(1));
const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
  return { n: sorted.length, p50: ms(q(0.5)), p95: ms(q(0.95)), max: ms(sorted.at(-1) ?? 0) };
};

const loadAtStart = loadavg().map((v) => Number(v.toFixed(2)));
const database = await freshDatabase("sqlite", "workspace");
const store = await openStore(database.url);
const school = generatePreset("high-school", options.seed);
const schoolId = school.school.schoolId;
console.log(`high-school: ${school.students.length} students, ${school.sections.length} sections`);
await importProblem(store, joinSchools([school]));
await runSchool(store, schoolId, { schedule: { seed: options.seed, quality: "quick", loader: "solver" } });
const token = (await createApiToken(store, { name: "bench: counselor", role: "counselor", schools: [schoolId] })).token;
// The access log would drown the figures: failures still throw in the page.
const app = createApp(store, { threads: options.threads, log: () => undefined });
// As `mse serve` does: the pool's threads start with the server.
solvePool(apiContext(app));
const server: Server = await new Promise((resolve) => {
  const s = app.listen(0, "127.0.0.1", () => resolve(s));
});
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const scenario = await fetch(`${baseUrl}/v1/schools/${encodeURIComponent(schoolId)}/scenarios`, {
  method: "POST",
  headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
  body: JSON.stringify({ name: "bench" }),
}).then((r) => r.json() as Promise<{ scenarioId: number }>);
const boardUrl = `${baseUrl}/#/school/${encodeURIComponent(schoolId)}/board/${scenario.scenarioId}`;

const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
await signIn(page, baseUrl, token);

const loads: number[] = [];
let cards = 0;
for (let i = 0; i < options.loads; i++) {
  await page.goto("about:blank");
  const t = performance.now();
  await page.goto(boardUrl);
  await page.getByRole("heading", { name: "Scenario bench" }).waitFor({ timeout: 120_000 });
  cards = await page.locator("button.card").count();
  // The conflict marks come after the board is usable; wait for them so that no move races their drawing.
  if (i === options.loads - 1) await page.locator(".board[data-marks=conflicts]").waitFor({ timeout: 120_000 });
  loads.push(performance.now() - t);
}
const shot = await screenshot(page, "workspace-board", path.resolve("tests/output/bench"));

// The server's own part of each round trip (its timings in the replies): the rest is the network and the page.
const serverPreview: number[] = [];
const serverCommitWhatIf: number[] = [];
page.on("response", (response) => {
  const url = response.url();
  if (response.request().method() !== "POST" || !response.ok()) return;
  if (url.endsWith("/preview"))
    void response.json().then((b: { timings: { total: number } }) => serverPreview.push(b.timings.total));
  else if (url.includes("/edits"))
    void response
      .json()
      .then((b: { whatIf: { timings: { total: number } } }) => serverCommitWhatIf.push(b.whatIf.timings.total));
});
// Role locators would compute the accessible name of all 930 cards on every poll, in the page: CSS ones here.
// CPU time, which the machine's load does not stretch: the server's process (HTTP thread and pool) and the page's main thread.
const cdp = await page.context().newCDPSession(page);
await cdp.send("Performance.enable");
const pageTaskMs = async () =>
  1000 *
  ((await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "TaskDuration")?.value ?? Number.NaN);
const serverCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const cpu = {
  previewServer: [] as number[],
  previewPage: [] as number[],
  commitServer: [] as number[],
  commitPage: [] as number[],
};
const costs: number[] = [];
const previews: number[] = [];
const commits: number[] = [];
for (let i = 0; commits.length < options.moves && i < options.moves * 5; i++) {
  const card = page.locator("button.card:not(.locked)").nth((i * 37) % 200);
  const t0 = performance.now();
  await card.click();
  await page.locator("ul.periods button[data-period]").first().waitFor();
  costs.push(performance.now() - t0);
  const allowed = page.locator("ul.periods button[data-period]:not([disabled])");
  if ((await allowed.count()) === 0) {
    await page.locator("ul.periods button", { hasText: /^Cancel$/ }).click();
    continue;
  }
  const version = Number(await page.locator("#scenario-version").textContent());
  const [s1, p1, t1] = [serverCpuMs(), await pageTaskMs(), performance.now()];
  await allowed.first().click();
  await page.locator("button.primary", { hasText: "Commit move" }).waitFor({ timeout: 120_000 });
  previews.push(performance.now() - t1);
  cpu.previewServer.push(serverCpuMs() - s1);
  cpu.previewPage.push((await pageTaskMs()) - p1);
  if (previews.length === 1) await screenshot(page, "workspace-preview", path.resolve("tests/output/bench"));
  const [s2, p2, t2] = [serverCpuMs(), await pageTaskMs(), performance.now()];
  await page.locator("button.primary", { hasText: "Commit move" }).click();
  await page.locator("#scenario-version", { hasText: String(version + 1) }).waitFor({ timeout: 120_000 });
  await page.locator("h2", { hasText: /^What-if$/ }).waitFor();
  commits.push(performance.now() - t2);
  cpu.commitServer.push(serverCpuMs() - s2);
  cpu.commitPage.push((await pageTaskMs()) - p2);
}
const whatIfShot = await screenshot(page, "workspace-what-if", path.resolve("tests/output/bench"));

await browser.close();
server.closeAllConnections();
await new Promise<void>((resolve) => server.close(() => resolve()));
await closeApp(app);
await closeStore(store);
await database.drop();

const result = {
  benchmark: "workspace",
  date: new Date().toISOString(),
  preset: "high-school",
  students: school.students.length,
  sections: school.sections.length,
  cardsOnBoard: cards,
  threads: options.threads,
  machine: {
    cpus: cpus().length,
    model: cpus()[0]?.model,
    loadAverageAtStart: loadAtStart,
    loadAverage: loadavg().map((v) => Number(v.toFixed(2))),
  },
  // The server's process (its HTTP thread and the pool's threads), setup included.
  serverCpuSeconds: Number(((process.cpuUsage().user + process.cpuUsage().system) / 1e6).toFixed(1)),
  boardInteractiveMs: summary(loads),
  chooseSectionCostsPaintedMs: summary(costs),
  choosePeriodUntilPreviewShownMs: summary(previews),
  commitUntilWhatIfShownMs: summary(commits),
  serverPreviewMs: summary(serverPreview),
  serverCommitWhatIfMs: summary(serverCommitWhatIf),
  cpuMs: {
    previewServer: summary(cpu.previewServer),
    previewPage: summary(cpu.previewPage),
    commitServer: summary(cpu.commitServer),
    commitPage: summary(cpu.commitPage),
  },
  screenshots: [shot, path.resolve("tests/output/bench/workspace-preview.png"), whatIfShot].map((f) =>
    path.relative(process.cwd(), f),
  ),
};
console.log(JSON.stringify(result, null, 2));
writeResult("workspace", result);
