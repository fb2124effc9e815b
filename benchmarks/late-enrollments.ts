/**
 * Late-enrollment benchmark: how long a school waits for a late student to be placed and
 * published, end to end, in a warm process (the API server, a counselor's session).
 *   npx tsx benchmarks/late-enrollments.ts [--db sqlite|postgresql] [--preset high-school] [--singles 100] [--batch 200] [--seed 1]
 *
 * A fresh store gets one generated school (the high-school preset: 3,000 students), scheduled
 * and published in full. Then:
 * - singles: one late student at a time, `enrollStudent` then `runIncremental` placing only what
 *   changed (solve, save as a delta of the live run, publish): each end-to-end latency and its
 *   CPU are recorded, p50/p90/p99 reported;
 * - batch: `--batch` late students enrolled in one write (`enrollStudents`), then one
 *   incremental run places them all.
 * Late students copy a random student's grade, IEP and requests, so they want what the school
 * is already full of. Afterwards every published run is checked: nobody placed before moved
 * (diffRuns removes nothing but the seats of students who were re-placed), and the live roster
 * passes the independent validator. Writes benchmarks/results/late-enrollments-<db>.json.
 */
import { Command } from "commander";
import { generatePreset, type SchoolPresetName } from "../fixtures/generate.ts";
import { joinSchools } from "../src/domain/join-schools.ts";
import type { CourseRequest, SchoolProblem, Student } from "../src/domain/problem.ts";
import { enrollStudent, enrollStudents } from "../src/enroll/enroll-student.ts";
import { runIncremental } from "../src/enroll/run-incremental.ts";
import { incrementalSchedule } from "../src/enroll/incremental-schedule.ts";
import { startLpEngine } from "../solver/bounds/lp-bound.ts";
import { createRng, nextInt, type Rng } from "../solver/load/seeded-random.ts";
import { validateRoster } from "../solver/check/validate-roster.ts";
import {
  closeStore,
  diffRuns,
  getRun,
  importProblem,
  liveRoster,
  readSchoolProblem,
  openStore,
  type Store,
  type StoreKind,
} from "../src/store/index.ts";
import { runSchool } from "../src/run/run-school.ts";
import { freshDatabase } from "./fresh-database.ts";
import { writeResult } from "./results-file.ts";

const options = new Command()
  .option("--db <kind>", "sqlite or postgresql", "sqlite")
  .option("--preset <name>", "the school: a one-school preset", "high-school")
  .option("--singles <n>", "late students placed one at a time", (v) => Number.parseInt(v, 10), 100)
  .option("--batch <n>", "late students placed by one run", (v) => Number.parseInt(v, 10), 200)
  .option("--seed <n>", "generator and solver seed", (v) => Number.parseInt(v, 10), 1)
  .parse()
  .opts<{ db: StoreKind; preset: SchoolPresetName; singles: number; batch: number; seed: number }>();

const FAMILY_NAMES = ["O'Brien", "N'Diaye", "Nguyễn", "D'Angelo", "李", "Müller-Lüdenscheidt", "O'Neil"];

/** A late student modelled on a random student of the school: same grade, IEP and requests. */
function lateStudent(school: SchoolProblem, rng: Rng, n: number): { student: Student; requests: CourseRequest[] } {
  const model = school.students[nextInt(rng, school.students.length)]!;
  const studentId = `LATE-${String(n).padStart(5, "0")}`;
  const student = { ...model, studentId, givenName: "Late", familyName: FAMILY_NAMES[n % FAMILY_NAMES.length] };
  const requests = school.requests
    .filter((r) => r.studentId === model.studentId)
    .map((r) => ({ ...r, studentId, lockedSectionId: undefined }));
  return { student, requests };
}

/** The q-quantile of sorted values (nearest rank). */
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
const ms = (v: number) => Number(v.toFixed(1));
const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: ms(quantile(sorted, 0.5)),
    p90: ms(quantile(sorted, 0.9)),
    p99: ms(quantile(sorted, 0.99)),
    max: ms(sorted.at(-1) ?? 0),
  };
};

/** Seats of students who were placed before `toRunId` and lost one in it: must be none. */
async function movedSeats(
  store: Store,
  fromRunId: number,
  toRunId: number,
  replaced: ReadonlySet<string>,
): Promise<number> {
  const diff = await diffRuns(store, fromRunId, toRunId);
  return diff.removed.filter((e) => !replaced.has(e.studentId)).length;
}

const database = await freshDatabase(options.db, "late");
const store = await openStore(database.url);
try {
  const school = generatePreset(options.preset, options.seed);
  const schoolId = school.school.schoolId;
  const rng = createRng(options.seed);
  await importProblem(store, joinSchools([school]));
  let t = performance.now();
  const first = await runSchool(store, schoolId, {
    schedule: { seed: options.seed, quality: "quick", loader: "solver" },
  });
  console.log(
    `${options.preset} (${school.students.length} students) scheduled in full: run ${first.runId}, ${ms(performance.now() - t)} ms`,
  );

  // Singles: the counselor's case. The first one also reads the live roster into the cache.
  const endToEnd: number[] = [];
  // CPU of the one thread doing it all (the store's driver is synchronous), a figure a loaded machine changes far less than wall times.
  const cpuMs: number[] = [];
  const cpuNow = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  const enrollMs: number[] = [];
  const runMs: number[] = [];
  const solveMs: number[] = [];
  const saveMs: number[] = [];
  let moved = 0;
  let placedSingles = 0;
  let fromRun = first.runId;
  const steps: { from: number; to: number; studentId: string }[] = [];
  for (let n = 0; n < options.singles; n++) {
    const late = lateStudent(school, rng, n);
    const c0 = cpuNow();
    const t0 = performance.now();
    await enrollStudent(store, schoolId, late.student, late.requests);
    const t1 = performance.now();
    // As a late enrollment is placed (placeIncrementally): only what changed since the live run.
    const outcome = await runIncremental(store, schoolId, { seed: options.seed, quality: "quick", onlyChanges: true });
    const t2 = performance.now();
    cpuMs.push(cpuNow() - c0);
    enrollMs.push(t1 - t0);
    runMs.push(t2 - t1);
    endToEnd.push(t2 - t0);
    placedSingles += outcome.placedNew;
    moved += outcome.moved.length;
    const timings = (await getRun(store, outcome.runId))?.timings ?? {};
    solveMs.push(timings.total ?? 0);
    saveMs.push(timings.save ?? 0);
    // Checked after the loop: the check reads whole rosters, and its garbage would be collected inside the next timing.
    steps.push({ from: fromRun, to: outcome.runId, studentId: late.student.studentId });
    fromRun = outcome.runId;
  }
  for (const step of steps) moved += await movedSeats(store, step.from, step.to, new Set([step.studentId]));
  const singles = {
    students: options.singles,
    seatsPlaced: placedSingles,
    endToEndMs: summary(endToEnd),
    cpuMs: summary(cpuMs),
    enrollMs: summary(enrollMs),
    incrementalRunMs: summary(runMs),
    solveMs: summary(solveMs),
    saveAndPublishMs: summary(saveMs),
    firstMs: ms(endToEnd[0] ?? 0),
  };
  console.log(
    `singles: ${options.singles} late students one at a time: end to end p50 ${singles.endToEndMs.p50} ms, p90 ${singles.endToEndMs.p90} ms, p99 ${singles.endToEndMs.p99} ms (first, cache cold: ${singles.firstMs} ms)`,
  );
  console.log(
    `  CPU per late student p50 ${singles.cpuMs.p50} ms, p90 ${singles.cpuMs.p90} ms, p99 ${singles.cpuMs.p99} ms`,
  );
  console.log(
    `  enroll p50 ${singles.enrollMs.p50} ms, incremental run p50 ${singles.incrementalRunMs.p50} ms (solve ${singles.solveMs.p50} ms, save and publish ${singles.saveAndPublishMs.p50} ms)`,
  );

  // Batch: a wave of late students (the first day of school), placed by one run.
  const batchStudents = Array.from({ length: options.batch }, (_, k) => lateStudent(school, rng, options.singles + k));
  t = performance.now();
  await enrollStudents(store, schoolId, batchStudents);
  const enrolled = performance.now();
  const batchRun = await runIncremental(store, schoolId, { seed: options.seed, quality: "quick", onlyChanges: true });
  const done = performance.now();
  moved +=
    batchRun.moved.length +
    (await movedSeats(store, fromRun, batchRun.runId, new Set(batchStudents.map((b) => b.student.studentId))));
  const live = (await liveRoster(store, schoolId))!;
  const problem = await readSchoolProblem(store, schoolId);
  const lateIds = new Set([...batchStudents.map((b) => b.student.studentId)]);
  const batch = {
    students: options.batch,
    enrollAllMs: ms(enrolled - t),
    incrementalRunMs: ms(done - enrolled),
    totalMs: ms(done - t),
    seatsPlaced: batchRun.placedNew,
    lateStudentsWithEverySeat: [...lateIds].filter((id) => !live.roster.unscheduled.some((u) => u.studentId === id))
      .length,
  };
  console.log(
    `batch: ${options.batch} late students enrolled in one write in ${batch.enrollAllMs} ms, placed by one incremental run in ${batch.incrementalRunMs} ms (total ${batch.totalMs} ms); ${batch.lateStudentsWithEverySeat} got every primary request`,
  );

  const violations = validateRoster(joinSchools([problem]), [live.roster]);
  // How far the school is from the best upper bound after all the late students: the first run's and the last.
  const quality = async (runId: number) => {
    const m = (await getRun(store, runId))?.metrics;
    return {
      primaryMet: m?.primaryMet,
      primaryRequests: m?.primaryRequests,
      bound: m?.bounds?.best,
      gapToBound: m?.gapToBound,
    };
  };
  const before = await quality(first.runId);
  const after = await quality(batchRun.runId);
  // The cheap bounds ignore that nobody placed may move; the LP of the part an incremental run solves does not.
  t = performance.now();
  await startLpEngine("highs");
  const lpCheck = await incrementalSchedule(problem, live.roster, {
    seed: options.seed,
    quality: "quick",
    lpBound: true,
  });
  const lpBound = lpCheck.bounds.lp;
  const lpGap = lpBound === undefined ? undefined : (lpBound - (after.primaryMet ?? 0)) / lpBound;
  const percent = (gap: number | undefined) => (gap === undefined ? "n/a" : `${(100 * gap).toFixed(3)}%`);
  console.log(
    `gap to the cheap bound: ${percent(before.gapToBound)} before the late students (${before.primaryMet} of ${before.primaryRequests} met, bound ${before.bound}), ${percent(after.gapToBound)} after (${after.primaryMet} of ${after.primaryRequests}, bound ${after.bound})`,
  );
  console.log(
    `gap to the LP bound of the late state (nobody placed may move): ${percent(lpGap)} (LP ${lpBound}, ${ms(performance.now() - t)} ms)`,
  );
  console.log(
    `checks: ${moved} seat(s) of already-placed students moved; live roster: ${violations.length} violation(s)`,
  );
  const report = {
    generatedAt: new Date().toISOString(),
    db: options.db,
    preset: options.preset,
    students: school.students.length,
    singles,
    batch,
    quality: { before, after, lpBoundAfter: lpBound, lpGapAfter: lpGap },
    movedSeatsOfPlacedStudents: moved,
    violations: violations.length,
  };
  const out = writeResult(`late-enrollments-${options.db}`, report);
  console.log(`report: ${out}`);
  if (moved > 0 || violations.length > 0) process.exitCode = 1;
} finally {
  await closeStore(store);
  await database.drop();
}
