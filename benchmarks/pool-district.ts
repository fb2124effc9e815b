/**
 * District on the in-process pool: the full district (or another preset) solved on Piscina
 * with 1, 2, ... threads, for the speed-up.
 *   npx tsx benchmarks/pool-district.ts [--preset district] [--threads 1,2] [--quality quick] [--capped]
 * By default the solve is stopped by its move cap only (the wall-clock limit lifted), so every
 * thread count does the same work and gives the same rosters; --capped keeps the quality's
 * wall-clock limit (faster, but what is done then depends on the machine's load).
 * Schools are generated once up front (not timed in the pool figures). Timings are wall clock on
 * whatever else the machine is doing: repeat before trusting one.
 */
import { availableParallelism } from "node:os";
import { presetSchools, type PresetName } from "../fixtures/generate.ts";
import { formatDuration } from "../src/district/progress-bar.ts";
import { poolExecutor } from "../src/district/executors.ts";
import { fromFiles, runSchools } from "../src/district/run-schools.ts";
import type { ScheduleOptions } from "../src/run/schedule-school.ts";
import type { SchoolProblem } from "../src/domain/problem.ts";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const preset = arg("preset", "district") as PresetName;
const threadCounts = arg("threads", "1,2").split(",").map(Number);
const quality = arg("quality", "quick") as "quick" | "full";
const capped = process.argv.includes("--capped");
const options: ScheduleOptions = {
  seed: 1,
  quality,
  loader: "solver",
  timeLimitMs: capped ? undefined : 24 * 3600_000,
};

let started = performance.now();
const schools: SchoolProblem[] = [...presetSchools(preset, 1)];
const students = schools.reduce((n, s) => n + s.students.length, 0);
const requests = schools.reduce((n, s) => n + s.requests.length, 0);
console.log(
  `${preset}: ${schools.length} schools, ${students} students, ${requests} requests; generated in ${formatDuration(performance.now() - started)}`,
);
console.log(
  `machine: ${availableParallelism()} cores; quality ${quality}, ${capped ? "wall-clock limit kept" : "move cap only (deterministic)"}`,
);

const rows: string[] = [];
let base: number | undefined;
for (const threads of threadCounts) {
  started = performance.now();
  const cpuBefore = process.cpuUsage();
  let lastTenth = -1;
  const executor = poolExecutor({ threads });
  const result = await runSchools(fromFiles(schools), executor, {
    schedule: options,
    keepRosters: false,
    onProgress: (p) => {
      const tenth = Math.floor((10 * p.studentsDone) / p.studentsTotal);
      if (tenth > lastTenth)
        console.log(
          `  ${threads} thread(s): ${p.schoolsDone}/${p.schoolsTotal} schools, ${formatDuration(p.elapsedMs)}`,
        );
      lastTenth = tenth;
    },
  }).finally(() => executor.close());
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  // CPU seconds of this process, all threads: cpu / wall is how many cores the run actually got.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  base ??= wall;
  const solverMs = result.reports.reduce((n, r) => n + (r.timings.total ?? 0), 0);
  const met = result.reports.reduce((n, r) => n + r.primaryMet, 0);
  const asked = result.reports.reduce((n, r) => n + r.primaryRequests, 0);
  rows.push(
    `| ${threads} | ${(wall / 1000).toFixed(1)} s | ${(base / wall).toFixed(2)}x | ${(solverMs / 1000).toFixed(1)} s | ${cpuSeconds.toFixed(1)} s (${(cpuSeconds / (wall / 1000)).toFixed(2)} cores) | ${Math.round(students / (wall / 1000))} | ${result.failures.length} | ${((100 * met) / asked).toFixed(3)}% |`,
  );
  console.log(rows.at(-1));
}
console.log(
  "\n| threads | wall | speed-up | solver time summed over schools | CPU time (cores got) | students/s | failed | primary met |\n|---|---|---|---|---|---|---|---|",
);
for (const row of rows) console.log(row);
