/**
 * What-if benchmark: how long a counselor waits, end to end through the API, between moving a
 * section of a scenario and seeing what the move does to every student.
 *   npx tsx benchmarks/what-if.ts [--db sqlite|postgresql] [--preset high-school] [--moves 100] [--threads 2] [--seed 1]
 *
 * A fresh store gets one generated school (the high-school preset: 3,000 students), scheduled
 * (quick) and published; the API app listens on loopback (its worker pool of --threads), a
 * counselor makes a scenario of the school. Then --moves random moves: a random section not
 * locked, the period-costs route for it (the cheap view a dragged section gets), a random
 * allowed period (with the free room it names), and POST .../edits with the scenario's
 * version: the reply carries the what-if (the school loaded on the pool against the edited
 * master schedule, compared with the starting point; the stable what-if from the live roster
 * beside it, both on the pool). Reported: p50/p95/max of the edit
 * (edit checked, saved, school loaded, compared, answered), of the period costs, of the load
 * alone (as the server measured it), and a few suggestion calls. The last what-if's edited
 * problem is loaded again here and checked by the validator. Writes benchmarks/results/what-if-<db>.json.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { cpus, loadavg } from "node:os";
import { Command } from "commander";
import { generatePreset, type SchoolPresetName } from "../fixtures/generate.ts";
import { closeApp, createApp } from "../src/api/app.ts";
import { joinSchools } from "../src/domain/join-schools.ts";
import { loadInline } from "../src/scenario/loaders.ts";
import { whatIfProblem } from "../src/scenario/what-if.ts";
import {
  closeStore,
  createApiToken,
  getScenario,
  importProblem,
  readSchoolProblem,
  openStore,
  type StoreKind,
} from "../src/store/index.ts";
import { runSchool } from "../src/run/run-school.ts";
import { createRng, nextInt } from "../solver/load/seeded-random.ts";
import { validateRoster } from "../solver/check/validate-roster.ts";
import { freshDatabase } from "./fresh-database.ts";
import { writeResult } from "./results-file.ts";

const options = new Command()
  .option("--db <kind>", "sqlite or postgresql", "sqlite")
  .option("--preset <name>", "the school: a one-school preset", "high-school")
  .option("--moves <n>", "random moves", (v) => Number.parseInt(v, 10), 100)
  .option("--threads <n>", "the API's pool threads", (v) => Number.parseInt(v, 10), 2)
  .option("--seed <n>", "generator, solver and move seed", (v) => Number.parseInt(v, 10), 1)
  .parse()
  .opts<{ db: StoreKind; preset: SchoolPresetName; moves: number; threads: number; seed: number }>();

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
const ms = (v: number) => Number(v.toFixed(1));
const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: ms(quantile(sorted, 0.5)),
    p95: ms(quantile(sorted, 0.95)),
    max: ms(sorted.at(-1) ?? 0),
  };
};

const database = await freshDatabase(options.db, "what-if");
const store = await openStore(database.url);
const school = generatePreset(options.preset, options.seed);
const schoolId = school.school.schoolId;
console.log(
  `${options.preset}: ${school.students.length} students, ${school.sections.length} sections, ${school.requests.length} requests`,
);
await importProblem(store, joinSchools([school]));
await runSchool(store, schoolId, { schedule: { seed: options.seed, quality: "quick", loader: "solver" } });
const token = (await createApiToken(store, { name: "bench: counselor", role: "counselor", schools: [schoolId] })).token;
const app = createApp(store, { threads: options.threads });
const server: Server = await new Promise((resolve) => {
  const s = app.listen(0, "127.0.0.1", () => resolve(s));
});
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/schools/${encodeURIComponent(schoolId)}/scenarios`;
const call = async (method: string, url: string, body?: unknown) => {
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json()) as any;
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
};

const created = await call("POST", base, { name: "bench", seed: options.seed });
const scenarioUrl = `${base}/${created.scenarioId}`;
const first = performance.now();
await call("GET", `${scenarioUrl}/what-if`);
const firstWhatIf = performance.now() - first;
const board = await call("GET", scenarioUrl);
const movable: string[] = board.sections
  .filter(
    (s: { locked: boolean; closed?: boolean; period?: number }) => !s.locked && !s.closed && s.period !== undefined,
  )
  .map((s: { sectionId: string }) => s.sectionId);

const rng = createRng(options.seed);
const edits: number[] = [];
const loads: number[] = [];
const stableChanged: number[] = [];
const rerunChanged: number[] = [];
const costs: number[] = [];
let version = 0;
let tries = 0;
let refusedPeriods = 0;
let last: any;
while (edits.length < options.moves) {
  tries++;
  const sectionId = movable[nextInt(rng, movable.length)]!;
  const t0 = performance.now();
  const { periods } = await call("GET", `${scenarioUrl}/sections/${encodeURIComponent(sectionId)}/periods`);
  costs.push(performance.now() - t0);
  const allowed = periods.filter((p: { allowed: boolean; current: boolean }) => p.allowed && !p.current);
  refusedPeriods += periods.filter((p: { allowed: boolean }) => !p.allowed).length;
  if (allowed.length === 0) continue;
  const target = allowed[nextInt(rng, allowed.length)];
  const edit = { kind: "move", sectionId, period: target.period, ...(target.roomId ? { roomId: target.roomId } : {}) };
  const t1 = performance.now();
  last = await call("POST", `${scenarioUrl}/edits`, { version, edit });
  edits.push(performance.now() - t1);
  loads.push(last.whatIf.timings.load);
  stableChanged.push(last.whatIf.stable.changedStudents.count);
  rerunChanged.push(last.whatIf.whatIf.changedStudents.count);
  version = last.version;
  if (edits.length % 10 === 0) {
    const stable = last.whatIf.stable;
    console.log(
      `${edits.length} moves: last ${ms(edits.at(-1)!)} ms; stable: ${stable.changedStudents.count} students moved, primary met ${stable.delta.primaryMet >= 0 ? "+" : ""}${stable.delta.primaryMet}`,
    );
  }
}
const suggestions: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  await call(
    "GET",
    `${scenarioUrl}/sections/${encodeURIComponent(movable[nextInt(rng, movable.length)]!)}/suggestions`,
  );
  suggestions.push(performance.now() - t);
}

// The last what-if, loaded again here on the edited problem, passes the validator.
const scenario = (await getScenario(store, created.scenarioId))!;
const edited = whatIfProblem(await readSchoolProblem(store, schoolId), scenario.sections);
const again = await loadInline.load(edited, scenario.seed);
const violations = validateRoster(joinSchools([edited]), [again.roster]);
const sameAsApi =
  again.report.primaryMet === last.whatIf.whatIf.now.primaryMet &&
  again.report.fullSchedules === last.whatIf.whatIf.now.fullSchedules;

server.closeAllConnections();
await new Promise<void>((resolve) => server.close(() => resolve()));
await closeApp(app);
await closeStore(store);
await database.drop();

const result = {
  benchmark: "what-if",
  date: new Date().toISOString(),
  db: options.db,
  preset: options.preset,
  students: school.students.length,
  sections: school.sections.length,
  threads: options.threads,
  machine: { cpus: cpus().length, model: cpus()[0]?.model, loadAverage: loadavg().map((v) => Number(v.toFixed(2))) },
  moves: edits.length,
  sectionsTried: tries,
  periodsRefused: refusedPeriods,
  firstWhatIfMs: ms(firstWhatIf),
  editEndToEndMs: summary(edits),
  loadOnPoolMs: summary(loads),
  periodCostsMs: summary(costs),
  suggestionsMs: summary(suggestions),
  /** Students whose schedule changes after each move (all moves so far against the start): the stable what-if and the full re-run. */
  changedStudentsStable: summary(stableChanged),
  changedStudentsRerun: summary(rerunChanged),
  finalStable: {
    ...last.whatIf.stable.delta,
    changedStudents: last.whatIf.stable.changedStudents.count,
    newlyUnmet: last.whatIf.stable.newlyUnmet.length,
  },
  finalRerun: {
    ...last.whatIf.whatIf.delta,
    changedStudents: last.whatIf.whatIf.changedStudents.count,
    newlyUnmet: last.whatIf.whatIf.newlyUnmet.length,
  },
  lastWhatIfValid: violations.length === 0,
  lastWhatIfEqualsInlineRun: sameAsApi,
};
console.log(JSON.stringify(result, null, 2));
writeResult(`what-if-${options.db}`, result);
if (violations.length > 0 || !sameAsApi) process.exitCode = 1;
