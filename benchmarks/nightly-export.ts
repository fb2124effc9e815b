/**
 * bench:nightly's export phase, run as `mse export` runs: a process of its own, with a cold
 * cache and a heap of its own (the night's earlier phases are other processes in the product).
 * School by school on the export's pool threads: the live roster read back, checked by the
 * independent validator (solver/check) and built into CSV lines; written in school order by the
 * main thread. Prints one JSON line (ExportFigures) for bench:nightly to record.
 *
 *   tsx benchmarks/nightly-export.ts --db <url> --out <dir> --threads <n> [--settled-clock]
 *
 * The split's CPU per phase is read from Linux's schedstat, which lags a running thread by up to
 * a scheduler tick: unsettled, a school's three phases read about 1.7 ms short, 1.8 s over the
 * district's two threads, all of it seen as pool CPU outside the phases (2.1 s of 10-12 where
 * settled it is 0.4-0.56 s). `--settled-clock` settles each reading (SchoolExportTask.settledClock)
 * for an honest split, at a cost: 5 alternated pairs at load 6-8, the pool threads' CPU +0.38 s
 * (median of the pairs' differences; each settle is a switch that lets other work in), so the
 * night's figures are taken without it.
 */
import { readdirSync } from "node:fs";
import { Command } from "commander";
import { parsePositiveInt } from "../src/cli/option-parsers.ts";
import { openRosterDirectory } from "../src/io/oneroster/roster-directory.ts";
import { exportLiveRoster } from "../src/run/export-live-roster.ts";
import { schedstatCpuSeconds, threadCpuSeconds } from "../src/run/thread-cpu.ts";
import { closeStore, openStore } from "../src/store/index.ts";

/** Wall time and the CPU time of the thread that did it (summed over threads) spent in a part of the export. */
export interface Share {
  seconds: number;
  cpuSeconds: number;
}

/** What the export process reports: its own CPU (every thread) and peak RSS, and its split. */
export interface ExportFigures {
  schools: number;
  enrollments: number;
  skipped: unknown[];
  cpuSeconds: number;
  /** The main thread's own CPU (on Linux): taking each school from the pool, checking it across schools, writing it. */
  mainThreadCpuSeconds: number;
  /**
   * CPU of the process's other threads still alive at the end (on Linux): V8's platform threads
   * (garbage collection helpers, background compilation) and libuv's (file writes). The pool's
   * threads have ended by then: their CPU is the rest of cpuSeconds.
   */
  helperThreadsCpuSeconds: number;
  /** CPU of the pool's threads, whole (their shares below count only their work on schools). */
  poolThreadsCpuSeconds: number;
  peakRssMiB: number;
  /**
   * The pool threads' shares reading the store, validating and building CSV lines (summed over
   * the threads), and the main thread's share writing the files; CPU: each thread's own, on
   * Linux (the process's, which counts the pool's threads too, told nothing of the write). On
   * PostgreSQL a thread works on two schools at once (export-live-roster.ts): each school's
   * shares then also count what the thread did for the other one while its reads were awaited,
   * so the summed shares exceed the threads' time.
   */
  split: { threads: number } & Record<"read" | "validate" | "build" | "write", Share>;
}

/** Runs `step` (sync or async), adding its wall time and this thread's CPU time to `share`. */
function timeShare<T>(share: Share, step: () => T): T {
  const cpu = threadCpuSeconds() ?? Number.NaN;
  const started = performance.now();
  const add = () => {
    share.seconds += (performance.now() - started) / 1000;
    share.cpuSeconds += (threadCpuSeconds() ?? Number.NaN) - cpu;
  };
  const value = step();
  if (value instanceof Promise) return value.finally(add) as T;
  add();
  return value;
}

const opts = new Command("nightly-export")
  .requiredOption("--db <url>", "the store's URL")
  .requiredOption("--out <dir>", "the roster directory to write")
  .requiredOption("--threads <n>", "export threads", parsePositiveInt)
  .option("--settled-clock", "settle the threads' CPU clock at each phase's end: an honest split, a little more CPU")
  .parse()
  .opts<{ db: string; out: string; threads: number; settledClock?: boolean }>();

/** CPU seconds of the process's live threads other than the main one (Linux's schedstat; NaN elsewhere). */
function otherThreadsCpuSeconds(): number {
  let seconds = 0;
  try {
    for (const tid of readdirSync("/proc/self/task"))
      if (Number(tid) !== process.pid) seconds += schedstatCpuSeconds(`/proc/self/task/${tid}/schedstat`) ?? Number.NaN;
  } catch {
    return Number.NaN;
  }
  return seconds;
}

const round = (x: number) => Number(x.toFixed(2));
const rounded = (share: Share): Share => ({ seconds: round(share.seconds), cpuSeconds: round(share.cpuSeconds) });
const store = await openStore(opts.db);
try {
  let enrollments = 0;
  let schools = 0;
  const shares = {
    read: { seconds: 0, cpuSeconds: 0 },
    validate: { seconds: 0, cpuSeconds: 0 },
    build: { seconds: 0, cpuSeconds: 0 },
    write: { seconds: 0, cpuSeconds: 0 },
  };
  const timedDirectory: typeof openRosterDirectory = async (dir, options, studentSchool) => {
    const directory = await timeShare(shares.write, () => openRosterDirectory(dir, options, studentSchool));
    return {
      addSchool: (school, roster) => timeShare(shares.write, () => directory.addSchool(school, roster)),
      addSchoolCsv: (csv) => timeShare(shares.write, () => directory.addSchoolCsv(csv)),
      close: (report) => timeShare(shares.write, () => directory.close(report)),
      destroy: directory.destroy,
    };
  };
  const exported = await exportLiveRoster(
    store,
    opts.out,
    { kind: "roster" },
    {
      openDirectory: timedDirectory,
      threads: opts.threads,
      settledClock: opts.settledClock,
      onSchool: (school) => {
        schools += 1;
        enrollments += school.enrollments;
        for (const share of ["read", "validate", "build"] as const) {
          shares[share].seconds += school.seconds[share].wall;
          shares[share].cpuSeconds += school.seconds[share].cpu ?? Number.NaN;
        }
      },
    },
  );
  const cpu = process.cpuUsage();
  const mainThread = threadCpuSeconds() ?? Number.NaN;
  const helpers = otherThreadsCpuSeconds();
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const figures: ExportFigures = {
    schools,
    enrollments,
    skipped: exported.skipped,
    cpuSeconds: round(cpuSeconds),
    mainThreadCpuSeconds: round(mainThread),
    helperThreadsCpuSeconds: round(helpers),
    poolThreadsCpuSeconds: round(cpuSeconds - mainThread - helpers),
    // maxRSS is in kilobytes: the process's peak over its whole life, every thread's heap included.
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    split: {
      threads: opts.threads,
      read: rounded(shares.read),
      validate: rounded(shares.validate),
      build: rounded(shares.build),
      write: rounded(shares.write),
    },
  };
  console.log(JSON.stringify(figures));
} finally {
  await closeStore(store);
}
