/**
 * What a counselor waits for before and around the work: `npx mse --help`, the same `mse` run by
 * node directly, and `mse schedule` of the 3,000-student high-school preset at quick quality,
 * end to end through npx (the issue's targets: 0.4 s and 1 s). Every command runs once unmeasured
 * (which warms the file cache), then `--runs` rounds (5) of all of them in turn, so that a shared
 * machine's load weighs on each alike; the median of wall time and of CPU time (user + system of
 * the command and every process it starts) is kept, with the load average. The schedules run with
 * MSE_PHASES=1, so `mse` says where its own time went (src/cli/phase-clock.ts), and on Linux how
 * much of each phase was the main thread's (the rest is V8's background threads, on the other
 * core); what is left of the wall time is npx's. Two references tell npm's share from ours:
 * `npx --version` (npm starting), and npx running a trivial bin of an empty package (npm's whole
 * cost of `npx <local bin>`, whatever the project). With `--before <checkout>` (another built
 * copy of the project, e.g. a worktree of the commit before a change), its `mse schedule` joins
 * the rounds, phases and all. Writes benchmarks/results/start.json and start.md.
 *
 *   npm run bench:start
 *   npm run bench:start -- --runs 9 --before ../base
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
  .option("--before <checkout>", "another built checkout of the project whose `mse schedule` is timed beside ours")
  .parse()
  .opts<{ runs: number; before?: string }>();

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

/** One phase as `mse` printed it with MSE_PHASES=1; mainMs where the system tells the main thread's CPU. */
interface Phase {
  wallMs: number;
  cpuMs: number;
  mainMs?: number;
}

/** The phases `mse` printed with MSE_PHASES=1, by name. */
function phasesOf(stderr: string): Map<string, Phase> {
  const phases = new Map<string, Phase>();
  for (const match of stderr.matchAll(/^phase (\w+): (\d+) ms wall, (\d+) ms CPU(?:, (\d+) ms main thread)?$/gm))
    phases.set(match[1]!, {
      wallMs: Number(match[2]),
      cpuMs: Number(match[3]),
      ...(match[4] === undefined ? {} : { mainMs: Number(match[4]) }),
    });
  return phases;
}

interface Measured {
  command: string;
  targetMs?: number;
  runs: { wallMs: number; cpuMs: number | null }[];
  median: { wallMs: number; cpuMs: number | null };
  loadAverage: number[];
}

/** A command to time: its label, its words, where it runs, and what its runs are kept for. */
interface Timed {
  label: string;
  command: string[];
  cwd: string;
  targetMs?: number;
  env?: NodeJS.ProcessEnv;
  each?: (run: Run) => void;
}

/** Runs every command once unmeasured, then opts.runs rounds of all of them in turn. */
function measureAll(commands: Timed[]): Measured[] {
  for (const c of commands) runOnce(c.command, c.cwd, c.env);
  const runs: Run[][] = commands.map(() => []);
  for (let round = 0; round < opts.runs; round++)
    commands.forEach((c, i) => {
      const run = runOnce(c.command, c.cwd, c.env);
      c.each?.(run);
      runs[i]!.push(run);
    });
  const loadAverage = os.loadavg().map((l) => Number(l.toFixed(1)));
  return commands.map((c, i) => {
    const cpus = runs[i]!.map((r) => r.cpuMs).filter((cpu): cpu is number => cpu !== null);
    const measured: Measured = {
      command: c.label,
      ...(c.targetMs === undefined ? {} : { targetMs: c.targetMs }),
      runs: runs[i]!.map((r) => ({ wallMs: round(r.wallMs), cpuMs: r.cpuMs })),
      median: {
        wallMs: round(median(runs[i]!.map((r) => r.wallMs))),
        cpuMs: cpus.length ? round(median(cpus)) : null,
      },
      loadAverage,
    };
    const cpu = measured.median.cpuMs === null ? "" : `, CPU ${measured.median.cpuMs} ms`;
    const target = c.targetMs === undefined ? "" : ` (target ${c.targetMs} ms)`;
    console.log(`${c.label}: median ${measured.median.wallMs} ms wall${cpu}${target}; load ${loadAverage[0]}`);
    return measured;
  });
}

/** Per phase, the medians of its runs (the main thread's where every run told it). */
function phaseMedians(phaseRuns: Map<string, Phase>[]): ({ phase: string } & Phase)[] {
  return [...(phaseRuns[0]?.keys() ?? [])].map((name) => {
    const of = phaseRuns.map((p) => p.get(name));
    const mains = of.map((p) => p?.mainMs).filter((m): m is number => m !== undefined);
    return {
      phase: name,
      wallMs: round(median(of.map((p) => p?.wallMs ?? 0))),
      cpuMs: round(median(of.map((p) => p?.cpuMs ?? 0))),
      ...(mains.length === of.length ? { mainMs: round(median(mains)) } : {}),
    };
  });
}

/** A phase table's rows: wall, CPU and the main thread's CPU. */
const phaseRows = (phases: ({ phase: string } & Phase)[]) =>
  phases.map((p) => `| ${p.phase} | ${p.wallMs} | ${p.cpuMs} | ${p.mainMs ?? ""} |`);

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
  const phased = { ...process.env, MSE_PHASES: "1" };
  const phaseRuns: Map<string, Phase>[] = [];
  const nodePhaseRuns: Map<string, Phase>[] = [];
  const beforePhaseRuns: Map<string, Phase>[] = [];
  const solverRuns: Record<string, number>[] = [];
  const before = opts.before === undefined ? undefined : path.resolve(opts.before);
  const measured = measureAll([
    { label: "npx --version", command: ["npx", "--version"], cwd: PACKAGE_ROOT },
    { label: "npx mse (an empty package's trivial bin)", command: ["npx", "mse"], cwd: empty },
    { label: "npx mse --help", command: ["npx", "mse", "--help"], cwd: PACKAGE_ROOT, targetMs: 400 },
    { label: "node bin/mse.mjs --help", command: ["node", "bin/mse.mjs", "--help"], cwd: PACKAGE_ROOT },
    {
      label: "node bin/mse.mjs schedule (high-school, quick)",
      command: ["node", "bin/mse.mjs", ...schedule],
      cwd: PACKAGE_ROOT,
      env: phased,
      each: (run) => nodePhaseRuns.push(phasesOf(run.stderr)),
    },
    ...(before === undefined
      ? []
      : [
          {
            label: `before (${path.basename(before)}): node bin/mse.mjs schedule (high-school, quick)`,
            command: ["node", path.join(before, "bin/mse.mjs"), ...schedule],
            cwd: before,
            env: phased,
            each: (run: Run) => beforePhaseRuns.push(phasesOf(run.stderr)),
          },
        ]),
    {
      label: "npx mse schedule (high-school, quick)",
      command: ["npx", "mse", ...schedule],
      cwd: PACKAGE_ROOT,
      targetMs: 1000,
      env: phased,
      each: (run) => {
        phaseRuns.push(phasesOf(run.stderr));
        const report = JSON.parse(readFileSync(path.join(out, "report.json"), "utf8")) as {
          totals: { timings?: Record<string, number> };
        };
        solverRuns.push(report.totals.timings ?? {});
      },
    },
  ]);
  const scheduled = measured.at(-1)!;
  // Per phase, the median of its runs; npx is what the wall time holds beyond mse's own phases.
  const phases = phaseMedians(phaseRuns);
  const nodePhases = phaseMedians(nodePhaseRuns);
  const beforePhases = before === undefined ? undefined : phaseMedians(beforePhaseRuns);
  /** Median wall ms of `m`'s runs beyond the phases mse told: the process's start before the clock and its end after the exit event (and npx, through npx). */
  const beyondPhases = (m: Measured, phaseRunsOf: Map<string, Phase>[]) =>
    round(
      median(m.runs.map((run, i) => run.wallMs - [...phaseRunsOf[i]!.values()].reduce((sum, p) => sum + p.wallMs, 0))),
    );
  const npxMs = beyondPhases(scheduled, phaseRuns);
  const nodeBeyondMs = beyondPhases(measured[4]!, nodePhaseRuns);
  const beforeBeyondMs = before === undefined ? undefined : beyondPhases(measured[5]!, beforePhaseRuns);
  const solver = Object.keys(solverRuns[0] ?? {}).map((step) => ({
    step,
    wallMs: round(median(solverRuns.map((t) => t[step] ?? 0))),
  }));
  const printPhases = (title: string, list: ({ phase: string } & Phase)[]) => {
    console.log(`${title} (median wall / CPU / main thread ms):`);
    for (const p of list)
      console.log(
        `  ${p.phase.padEnd(9)} ${String(p.wallMs).padStart(6)} ${String(p.cpuMs).padStart(6)} ${String(p.mainMs ?? "").padStart(6)}`,
      );
  };
  console.log(`npx (before mse starts, and after it ends) ${npxMs} ms wall`);
  console.log(
    `node bin/mse.mjs schedule beyond its phases (process start, teardown after exit) ${nodeBeyondMs} ms wall`,
  );
  if (beforeBeyondMs !== undefined) console.log(`before: beyond its phases ${beforeBeyondMs} ms wall`);
  printPhases("mse schedule through npx, by phase", phases);
  printPhases("node bin/mse.mjs schedule, by phase", nodePhases);
  if (beforePhases) printPhases("before: node bin/mse.mjs schedule, by phase", beforePhases);
  console.log(`  the solve's own split (wall ms): ${solver.map((s) => `${s.step} ${s.wallMs}`).join(", ")}`);

  const phaseHeader = ["| phase | wall ms | CPU ms | main thread CPU ms |", "|---|---:|---:|---:|"];
  const loadLine = `${opts.runs} alternating rounds; load average at start ${loadAtStart.map((l) => l.toFixed(1)).join(" ")}, at end ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} (2-core machine shared: wall times are upper figures, CPU the steadier one).`;
  const table = [
    loadLine,
    "",
    "| command | median wall ms | median CPU ms | target ms |",
    "|---|---:|---:|---:|",
    ...measured.map((m) => `| \`${m.command}\` | ${m.median.wallMs} | ${m.median.cpuMs ?? ""} | ${m.targetMs ?? ""} |`),
    "",
    "`npx mse schedule` by phase (MSE_PHASES=1; medians; CPU is the process's, V8's background threads included):",
    "",
    ...phaseHeader,
    `| npx (around mse) | ${npxMs} | | |`,
    ...phaseRows(phases),
    "",
    "`node bin/mse.mjs schedule` by phase:",
    "",
    ...phaseHeader,
    `| beyond the phases (process start, teardown after exit) | ${nodeBeyondMs} | | |`,
    ...phaseRows(nodePhases),
    "",
    ...(beforePhases === undefined
      ? []
      : [
          `before (${path.basename(before!)}): \`node bin/mse.mjs schedule\` by phase:`,
          "",
          ...phaseHeader,
          `| beyond the phases (process start, teardown after exit) | ${beforeBeyondMs} | | |`,
          ...phaseRows(beforePhases),
          "",
        ]),
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
      schedule: {
        preset: "high-school",
        seed: 1,
        quality: "quick",
        npxMs,
        nodeBeyondMs,
        ...(beforeBeyondMs === undefined ? {} : { beforeBeyondMs }),
        phases,
        nodePhases,
        ...(beforePhases === undefined ? {} : { before, beforePhases }),
        solverWallMs: solver,
      },
    },
    table,
  );
  console.log(`written to ${file}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
