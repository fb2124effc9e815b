/**
 * The CLI's view of a district run's progress: a cli-progress bar on a terminal (schools done,
 * students placed, time left), and on anything else (a log file, CI) a plain line at each tenth.
 */
import { SingleBar } from "cli-progress";
import type { DistrictProgress } from "./district-progress.ts";

/** A duration for people: 45s, 3m 20s, 1h 05m. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return "?";
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

/** The one-line description of a progress state, as the bar and the log lines show it. */
export function describeProgress(p: DistrictProgress): string {
  const failed = p.schoolsFailed ? ` (${p.schoolsFailed} failed)` : "";
  return (
    `schools ${p.schoolsDone}/${p.schoolsTotal}${failed} | students placed ${p.studentsPlaced.toLocaleString("en-US")}/${p.studentsTotal.toLocaleString("en-US")} | ` +
    `elapsed ${formatDuration(p.elapsedMs)}, left ${p.schoolsDone >= p.schoolsTotal ? "0s" : formatDuration(p.remainingMs)}`
  );
}

export interface ProgressView {
  update(progress: DistrictProgress): void;
  stop(): void;
}

/** A progress view on `stream` (default stderr): a live bar on a terminal, else a line per tenth of the students. */
export function createProgressView(stream: NodeJS.WriteStream = process.stderr): ProgressView {
  if (!stream.isTTY) {
    let shownTenth = -1;
    return {
      update(p) {
        const tenth = p.studentsTotal ? Math.floor((10 * p.studentsDone) / p.studentsTotal) : 10;
        const finished = p.schoolsDone >= p.schoolsTotal;
        if (tenth > shownTenth || finished) stream.write(`${describeProgress(p)}\n`);
        shownTenth = finished ? Infinity : Math.max(shownTenth, tenth);
      },
      stop() {},
    };
  }
  const bar = new SingleBar({
    stream,
    format: "district [{bar}] {percentage}% | {line}",
    hideCursor: true,
    fps: 5,
    barsize: 30,
  });
  let started = false;
  return {
    update(p) {
      if (!started) bar.start(Math.max(1, p.studentsTotal), 0, { line: "" });
      started = true;
      bar.update(p.studentsDone, { line: describeProgress(p) });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
