/**
 * The OneRoster benchmark: a preset imported into a fresh SQLite store, every school scheduled
 * and published, then what a district's consumers do: the CSV export (oneroster/ written, then
 * zipped) and a sync over REST, a client paging through every enrollment at `--limit` (10,000)
 * per page. Writes benchmarks/results/oneroster-<preset>.json.
 *
 *   npm run bench:oneroster -- --preset district --seed 1
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Command } from "commander";
import { closeApp, createApp } from "../src/api/app.ts";
import { ROSTER_READONLY_SCOPE } from "../src/api/oneroster/oauth.ts";
import { oneOf, parseNonNegativeInt, parsePositiveInt } from "../src/cli/option-parsers.ts";
import { poolExecutor } from "../src/district/executors.ts";
import { fromStore, runSchools } from "../src/district/run-schools.ts";
import { readProblem } from "../src/io/interchange/read-problem.ts";
import { ONEROSTER_DIR, ONEROSTER_ZIP } from "../src/io/oneroster/roster-layout.ts";
import { writeRoster } from "../src/io/oneroster/write-roster.ts";
import { zipDirectory } from "../src/io/oneroster/zip-directory.ts";
import {
  closeStore,
  createOneRosterClient,
  exportLive,
  importProblem,
  listSchoolIds,
  openStore,
} from "../src/store/index.ts";
import { PRESETS, type PresetName } from "../fixtures/generate.ts";
import { freshDatabase } from "./fresh-database.ts";
import { cachedPreset } from "./preset-cache.ts";
import { liveRunReport } from "../src/report/live-report.ts";
import { writeResult } from "./results-file.ts";

const program = new Command("bench:oneroster")
  .option("--preset <name>", `one of ${PRESETS.join(", ")}`, oneOf(PRESETS), "district-small")
  .option("--seed <n>", "generator and solver seed", parseNonNegativeInt, 1)
  .option("--limit <n>", "enrollments per page of the REST sync", parsePositiveInt, 10_000)
  .option("--threads <n>", "solver threads", parsePositiveInt, os.cpus().length)
  .parse();
const opts = program.opts<{ preset: PresetName; seed: number; limit: number; threads: number }>();

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
sampler.unref();

async function timed<T>(label: string, step: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await step();
  const ms = performance.now() - started;
  console.log(`${label}: ${(ms / 1000).toFixed(1)} s`);
  return [value, ms];
}

const [problemDir, generateMs] = await timed("generate (cached)", () => cachedPreset(opts.preset, opts.seed));
const [{ problem }, readMs] = await timed("read problem", () => readProblem(problemDir));
const database = await freshDatabase("sqlite", "oneroster");
const store = await openStore(database.url);
const work = await mkdtemp(path.join(os.tmpdir(), "mse-oneroster-bench-"));
try {
  const [, importMs] = await timed("import into SQLite", () => importProblem(store, problem));
  const [outcome, scheduleMs] = await timed("schedule and publish every school", async () =>
    runSchools(fromStore(store, await listSchoolIds(store)), poolExecutor({ threads: opts.threads }), {
      schedule: { seed: opts.seed, quality: "quick", loader: "solver" },
    }),
  );
  if (outcome.failures.length) console.warn(`${outcome.failures.length} school(s) failed`);

  // The CSV export, as `mse export --zip` does it: read the live rosters, write oneroster/, zip it.
  const rosterDir = path.join(work, "roster");
  const [live, exportReadMs] = await timed("export: read the live rosters", () => exportLive(store));
  const [, exportWriteMs] = await timed("export: write the roster directory", () =>
    writeRoster(rosterDir, live.problem, live.rosters, liveRunReport(live)),
  );
  const oneRosterDir = path.join(rosterDir, ONEROSTER_DIR);
  const files = [
    "manifest.csv",
    "orgs.csv",
    "academicSessions.csv",
    "courses.csv",
    "classes.csv",
    "users.csv",
    "roles.csv",
    "enrollments.csv",
  ];
  const [, zipMs] = await timed("export: zip oneroster/", () =>
    zipDirectory(oneRosterDir, files, path.join(rosterDir, ONEROSTER_ZIP)),
  );
  let csvBytes = 0;
  for (const file of files) csvBytes += (await stat(path.join(oneRosterDir, file))).size;
  const zipBytes = (await stat(path.join(rosterDir, ONEROSTER_ZIP))).size;
  const expected = live.rosters.reduce(
    (sum, roster) =>
      sum +
      roster.enrollments.length +
      roster.sections.reduce((n, s) => n + (s.teacherId ? 1 : 0) + (s.coTeacherId ? 1 : 0), 0),
    0,
  );

  // The REST sync: a district client pages through every enrollment, following Link rel="next".
  const app = createApp(store, { threads: 1 });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { secret, record } = await createOneRosterClient(store, { name: "bench" });
  const tokenRes = await fetch(`${baseUrl}/oauth/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${record.clientId}:${secret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: `grant_type=client_credentials&scope=${encodeURIComponent(ROSTER_READONLY_SCOPE)}`,
  });
  const { access_token: token } = (await tokenRes.json()) as { access_token: string };
  const pageMs: number[] = [];
  let seen = 0;
  let total = 0;
  let bytes = 0;
  let next: string | undefined = `/ims/oneroster/rostering/v1p2/enrollments?limit=${opts.limit}`;
  const syncStarted = performance.now();
  while (next) {
    const started = performance.now();
    const res: Response = await fetch(baseUrl + next, { headers: { authorization: `Bearer ${token}` } });
    const text: string = await res.text();
    if (res.status !== 200) throw new Error(`page ${next}: ${res.status} ${text.slice(0, 200)}`);
    const body = JSON.parse(text) as { enrollments: unknown[] };
    pageMs.push(performance.now() - started);
    bytes += text.length;
    seen += body.enrollments.length;
    total = Number(res.headers.get("x-total-count"));
    next = /<([^>]+)>; rel="next"/.exec(res.headers.get("link") ?? "")?.[1];
  }
  const syncMs = performance.now() - syncStarted;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await closeApp(app);
  if (seen !== total || total !== expected)
    throw new Error(`the sync saw ${seen} enrollments, X-Total-Count said ${total}, the rosters hold ${expected}`);
  const sorted = [...pageMs].sort((a, b) => a - b);
  const result = {
    name: `oneroster-${opts.preset}`,
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      note: "shared machine: other work ran beside it, so times are upper figures",
    },
    preset: opts.preset,
    seed: opts.seed,
    size: { schools: problem.schools.length, students: problem.students.length, enrollments: expected },
    seconds: {
      generate: generateMs / 1000,
      readProblem: readMs / 1000,
      import: importMs / 1000,
      scheduleAndPublish: scheduleMs / 1000,
      exportRead: exportReadMs / 1000,
      exportWrite: exportWriteMs / 1000,
      zip: zipMs / 1000,
    },
    csv: { bytes: csvBytes, zipBytes },
    restSync: {
      limit: opts.limit,
      pages: pageMs.length,
      enrollments: seen,
      seconds: syncMs / 1000,
      firstPageSeconds: pageMs[0]! / 1000,
      pageMsP50: sorted[Math.floor(sorted.length / 2)],
      pageMsMax: sorted.at(-1),
      jsonBytes: bytes,
    },
    peakRssMiB: Math.round(peakRss / 2 ** 20),
  };
  console.log(JSON.stringify(result, null, 2));
  writeResult(result.name, result);
} finally {
  await closeStore(store);
  await database.drop();
  await rm(work, { recursive: true, force: true });
}
