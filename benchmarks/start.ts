/**
 * What a counselor waits for before and around the work: `npx mse --help`, the same `mse` run by
 * node directly, and `mse schedule` of the 3,000-student high-school preset at quick quality,
 * end to end through npx (the issue's targets: 0.4 s and 1 s). Each command runs `--runs` times
 * (5); the median of wall time and of CPU time (user + system of the command and every process
 * it starts) is kept, with the load average, since the machine may be shared. The schedule runs
 * with MSE_PHASES=1, so `mse` says where its own time went (src/cli/phase-clock.ts); what is left
 * of the wall time is npx's. Two references tell npm's share from ours: `npx --version` (npm
 * starting), and npx running a trivial bin of an empty package (npm's whole cost of
 * `npx <local bin>`, whatever the project). Writes benchmarks/results/start.json and start.md.
 *
 *   npm run bench:start
 *   npm run bench:start -- --runs 9
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Command } from "commander";
import { parsePositiveInt } from "../src/cli/option-parsers.ts";
import { PACKAGE_ROOT } from "../src/package-root.ts";
import { cachedPreset } from "./preset-cache.ts";
import { writeResult } from "./results-file.ts";

const opts = new Command("bench:start")
  .option("--runs <n>", "runs of each command (the median is kept)", parsePositiveInt, 5)
  .parse()
  .opts<{ runs: number }>();

/** One run: wall and CPU milliseconds, and what the command printed on stderr. */
interface Run {
  wallMs: number;
  /** Null where the system does not tell a child's CPU time (read from /proc on Linux). */
  cpuMs: number | null;
  stderr: string;
}

/** CPU milliseconds of this process's finished children so far (Linux: cutime + cstime of /proc/self/stat). */
function childrenCpuMs(): number | null {
  if (!existsSync("/proc/self/stat")) return null;
  // The fields after the command name, which is in parentheses and may hold spaces.
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  // cutime and cstime are fields 16 and 17 of the line (13 and 14 after the name), in clock ticks of 1/100 s.
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

/** Runs `command` once in `cwd` and times it; throws if it fails. */
function runOnce(command: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Run {
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  const result = spawnSync(command[0]!, command.slice(1), { cwd, env, encoding: "utf8" });
  const wallMs = performance.now() - started;
  const cpuAfter = childrenCpuMs();
  if (result.status !== 0)
    throw new Error(`${command.join(" ")} exited with ${result.status ?? result.signal}:\n${result.stderr}`);
  return {
    wallMs,
    cpuMs: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
    stderr: result.stderr,
  };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const round = (x: number) => Math.round(x);

/** The phases `mse` printed with MSE_PHASES=1: name -> wall and CPU milliseconds. */
function phasesOf(stderr: string): Map<string, { wallMs: number; cpuMs: number }> {
  const phases = new Map<string, { wallMs: number; cpuMs: number }>();
  for (const match of stderr.matchAll(/^phase (\w+): (\d+) ms wall, (\d+) ms CPU$/gm))
    phases.set(match[1]!, { wallMs: Number(match[2]), cpuMs: Number(match[3]) });
  return phases;
}

interface Measured {
  command: string;
  targetMs?: number;
  runs: { wallMs: number; cpuMs: number | null }[];
  median: { wallMs: number; cpuMs: number | null };
  loadAverage: number[];
}

/** Runs `command` opts.runs times after one unmeasured run (which warms the file cache). */
function measure(
  label: string,
  command: string[],
  cwd: string,
  options: { targetMs?: number; env?: NodeJS.ProcessEnv; each?: (run: Run) => void } = {},
): Measured {
  runOnce(command, cwd, options.env);
  const runs: Run[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const run = runOnce(command, cwd, options.env);
    options.each?.(run);
    runs.push(run);
  }
  const cpus = runs.map((r) => r.cpuMs).filter((c): c is number => c !== null);
  const measured: Measured = {
    command: label,
    ...(options.targetMs === undefined ? {} : { targetMs: options.targetMs }),
    runs: runs.map((r) => ({ wallMs: round(r.wallMs), cpuMs: r.cpuMs })),
    median: { wallMs: round(median(runs.map((r) => r.wallMs))), cpuMs: cpus.length ? round(median(cpus)) : null },
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(1))),
  };
  const cpu = measured.median.cpuMs === null ? "" : `, CPU ${measured.median.cpuMs} ms`;
  const target = options.targetMs === undefined ? "" : ` (target ${options.targetMs} ms)`;
  console.log(`${label}: median ${measured.median.wallMs} ms wall${cpu}${target}; load ${measured.loadAverage[0]}`);
  return measured;
}

const school = await cachedPreset("high-school", 1);
const work = mkdtempSync(path.join(os.tmpdir(), "mse-start-bench-"));
const loadAtStart = os.loadavg();
console.log(`${opts.runs} runs each; load average ${loadAtStart.map((l) => l.toFixed(1)).join(" ")}`);
try {
  // npm's cost of running any local bin: an empty package whose node_modules/.bin/mse does nothing.
  const empty = path.join(work, "empty-package");
  mkdirSync(path.join(empty, "node_modules", ".bin"), { recursive: true });
  writeFileSync(path.join(empty, "package.json"), '{ "name": "empty", "version": "1.0.0", "private": true }\n');
  writeFileSync(path.join(empty, "node_modules", ".bin", "mse"), "#!/usr/bin/env node\n");
  chmodSync(path.join(empty, "node_modules", ".bin", "mse"), 0o755);

  const out = path.join(work, "roster");
  const schedule = ["schedule", "--input", school, "--out", out, "--quality", "quick"];
  const phaseRuns: Map<string, { wallMs: number; cpuMs: number }>[] = [];
  const solverRuns: Record<string, number>[] = [];
  const measured = [
    measure("npx --version", ["npx", "--version"], PACKAGE_ROOT),
    measure("npx mse (an empty package's trivial bin)", ["npx", "mse"], empty),
    measure("npx mse --help", ["npx", "mse", "--help"], PACKAGE_ROOT, { targetMs: 400 }),
    measure("node bin/mse.mjs --help", ["node", "bin/mse.mjs", "--help"], PACKAGE_ROOT),
    measure("node bin/mse.mjs schedule (high-school, quick)", ["node", "bin/mse.mjs", ...schedule], PACKAGE_ROOT),
    measure("npx mse schedule (high-school, quick)", ["npx", "mse", ...schedule], PACKAGE_ROOT, {
      targetMs: 1000,
      env: { ...process.env, MSE_PHASES: "1" },
      each: (run) => {
        phaseRuns.push(phasesOf(run.stderr));
        const report = JSON.parse(readFileSync(path.join(out, "report.json"), "utf8")) as {
          totals: { timings?: Record<string, number> };
        };
        solverRuns.push(report.totals.timings ?? {});
      },
    }),
  ];
  const scheduled = measured.at(-1)!;
  // Per phase, the median of its runs; npx is what the wall time holds beyond mse's own phases.
  const names = [...(phaseRuns[0]?.keys() ?? [])];
  const phases = names.map((name) => ({
    phase: name,
    wallMs: round(median(phaseRuns.map((p) => p.get(name)?.wallMs ?? 0))),
    cpuMs: round(median(phaseRuns.map((p) => p.get(name)?.cpuMs ?? 0))),
  }));
  const npxMs = round(
    median(
      scheduled.runs.map((run, i) => run.wallMs - [...phaseRuns[i]!.values()].reduce((sum, p) => sum + p.wallMs, 0)),
    ),
  );
  const solver = Object.keys(solverRuns[0] ?? {}).map((step) => ({
    step,
    wallMs: round(median(solverRuns.map((t) => t[step] ?? 0))),
  }));
  console.log("mse schedule through npx, by phase (median wall / CPU ms):");
  console.log(`  npx (before mse starts, and after it ends) ${npxMs} ms wall`);
  for (const p of phases)
    console.log(`  ${p.phase.padEnd(9)} ${String(p.wallMs).padStart(6)} ${String(p.cpuMs).padStart(6)}`);
  console.log(`  the solve's own split (wall ms): ${solver.map((s) => `${s.step} ${s.wallMs}`).join(", ")}`);

  const table = [
    "| command | median wall ms | median CPU ms | target ms |",
    "|---|---:|---:|---:|",
    ...measured.map((m) => `| \`${m.command}\` | ${m.median.wallMs} | ${m.median.cpuMs ?? ""} | ${m.targetMs ?? ""} |`),
    "",
    "`npx mse schedule` by phase (MSE_PHASES=1; medians):",
    "",
    "| phase | wall ms | CPU ms |",
    "|---|---:|---:|",
    `| npx (around mse) | ${npxMs} | |`,
    ...phases.map((p) => `| ${p.phase} | ${p.wallMs} | ${p.cpuMs} |`),
    "",
  ].join("\n");
  const file = writeResult(
    "start",
    {
      name: "start",
      date: new Date().toISOString(),
      machine: {
        cpus: os.availableParallelism(),
        model: os.cpus()[0]?.model,
        node: process.version,
        npm: spawnSync("npm", ["--version"], { encoding: "utf8" }).stdout.trim(),
        loadAverage: {
          atStart: loadAtStart.map((l) => Number(l.toFixed(1))),
          atEnd: os.loadavg().map((l) => Number(l.toFixed(1))),
        },
        note: "CPU is user + system of the command and every process it started; on a shared machine wall times are upper figures",
      },
      runs: opts.runs,
      commands: measured,
      schedule: { preset: "high-school", seed: 1, quality: "quick", npxMs, phases, solverWallMs: solver },
    },
    table,
  );
  console.log(`written to ${file}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
