/**
 * Store benchmark: import a generated district, then write every assignment of it, on SQLite
 * and on PostgreSQL.
 *   npx tsx benchmarks/store-bench.ts [--preset district-small|district] [--db sqlite|postgresql|both]
 * Assignments are synthetic (each primary request seated in a section of its course, round
 * robin): the point is the cost of the store, not the solver. Two ways of writing them are
 * timed: one run per school (start, then save and publish in one transaction: how
 * `mse schedule --all` writes), and
 * the whole district as one run in one transaction (the worst case for a single write). Then
 * 100 late students are written one at a time (upsertStudent: a small write transaction each,
 * where the per-statement cost of the store shows most). Writes benchmarks/results/store-<preset>.json.
 * Timings are wall clock on whatever else the machine is doing (repeat before trusting one);
 * the *CpuS columns are this process's CPU seconds (for SQLite nearly all of the work; for
 * PostgreSQL the server's share is not in them).
 */
import { cpus, loadavg } from "node:os";
import { generateProblem } from "../fixtures/generate.ts";
import { groupBySchool } from "../src/domain/group-by-school.ts";
import type { SchoolProblem } from "../src/domain/problem.ts";
import type { Enrollment, SchoolRoster } from "../src/domain/roster.ts";
import {
  importProblem,
  closeStore,
  openStore,
  readEnrollments,
  saveRunResult,
  startRun,
  upsertStudent,
  type StoreKind,
} from "../src/store/index.ts";
import { freshDatabase } from "./fresh-database.ts";
import { writeResult } from "./results-file.ts";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const preset = arg("preset", "district-small") as "district-small" | "district";
const which = arg("db", "both");

/** Seats each primary request in a section of its course, round robin (no constraint checked). */
function syntheticRoster(school: SchoolProblem): SchoolRoster {
  const byCourse = new Map<string, string[]>();
  for (const s of school.sections) byCourse.set(s.courseId, [...(byCourse.get(s.courseId) ?? []), s.sectionId]);
  const turn = new Map<string, number>();
  const seen = new Set<string>();
  const enrollments: Enrollment[] = [];
  for (const r of school.requests) {
    if (r.alternateFor !== undefined) continue;
    const sections = byCourse.get(r.courseId);
    if (!sections) continue;
    const n = turn.get(r.courseId) ?? 0;
    turn.set(r.courseId, n + 1);
    const sectionId = sections[n % sections.length]!;
    const key = `${r.studentId}\u0000${sectionId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    enrollments.push({ studentId: r.studentId, sectionId });
  }
  return {
    schoolId: school.school.schoolId,
    sections: school.sections.map((s) => ({ sectionId: s.sectionId, period: s.period ?? 1 })),
    enrollments,
    unscheduled: [],
  };
}

const seconds = (from: number) => Number(((performance.now() - from) / 1000).toFixed(2));
/** CPU seconds this process spent since `from` (process.cpuUsage()): less swayed by a busy machine than wall time. */
const cpuSeconds = (from: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from);
  return Number(((used.user + used.system) / 1e6).toFixed(2));
};

let t = performance.now();
const problem = generateProblem(preset, 1);
const schools = groupBySchool(problem);
console.log(
  `${preset}: generated in ${seconds(t)} s: ${schools.length} schools, ${problem.students.length} students, ${problem.requests.length} requests`,
);
t = performance.now();
const rosters = schools.map(syntheticRoster);
const total = rosters.reduce((n, r) => n + r.enrollments.length, 0);
console.log(`synthetic rosters: ${total} assignments (${seconds(t)} s)`);

const results: Record<string, unknown>[] = [];
for (const kind of (which === "both" ? ["sqlite", "postgresql"] : [which]) as StoreKind[]) {
  const { url, drop } = await freshDatabase(kind);
  const store = await openStore(url);
  try {
    t = performance.now();
    let cpu = process.cpuUsage();
    await importProblem(store, problem);
    const importS = seconds(t);
    const importCpuS = cpuSeconds(cpu);

    t = performance.now();
    cpu = process.cpuUsage();
    for (const roster of rosters) {
      const handle = await startRun(store, roster.schoolId, { seed: 1 });
      await saveRunResult(store, handle, { roster }, { publish: true });
    }
    const perSchoolS = seconds(t);
    const perSchoolCpuS = cpuSeconds(cpu);

    const all: SchoolRoster = {
      schoolId: schools[0]!.school.schoolId,
      sections: [],
      enrollments: rosters.flatMap((r) => r.enrollments),
      unscheduled: [],
    };
    const handle = await startRun(store, all.schoolId, { seed: 2 });
    t = performance.now();
    cpu = process.cpuUsage();
    await saveRunResult(store, handle, { roster: all });
    const oneRunS = seconds(t);
    const oneRunCpuS = cpuSeconds(cpu);

    t = performance.now();
    cpu = process.cpuUsage();
    const readBack = await readEnrollments(store.db, store, handle.runId);
    const readS = seconds(t);
    const readCpuS = cpuSeconds(cpu);

    const school = schools[schools.length - 1]!;
    const lateMs: number[] = [];
    cpu = process.cpuUsage();
    for (let i = 0; i < 100; i++) {
      const model = school.students[i % school.students.length]!;
      const student = { ...model, studentId: `LATE-${i}` };
      const requests = school.requests
        .filter((r) => r.studentId === model.studentId)
        .map((r) => ({ ...r, studentId: student.studentId }));
      const started = performance.now();
      await upsertStudent(store, school.school.schoolId, student, requests);
      lateMs.push(performance.now() - started);
    }
    const lateCpuMsEach = Number((cpuSeconds(cpu) * 10).toFixed(2));
    lateMs.sort((a, b) => a - b);

    const result = {
      db: kind,
      preset,
      importS,
      importCpuS,
      assignments: total,
      perSchoolRunsS: perSchoolS,
      perSchoolCpuS,
      oneRunOfAllS: oneRunS,
      oneRunCpuS,
      readOneRunS: readS,
      readCpuS,
      readRows: readBack.length,
      lateStudentP50Ms: Number(lateMs[50]!.toFixed(2)),
      lateStudentCpuMs: lateCpuMsEach,
    };
    console.log(JSON.stringify(result));
    results.push(result);
  } finally {
    await closeStore(store);
    await drop();
  }
}
console.table(results);
writeResult(`store-${preset}`, { machine: { cpus: cpus().length, load: loadavg() }, results });
