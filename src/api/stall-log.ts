/**
 * A debugging aid for the server's one thread (`mse serve --log-stalls 50`): every time the
 * thread was held longer than the threshold, a log line says for how long and what held it,
 * read from V8's sampling profiler: the functions on the stack during the stall, by the
 * milliseconds they were seen there (inclusive), and the ones running themselves (self).
 * monitorEventLoopDelay says how long the longest stall was; this says what it was.
 *
 * How: a 10 ms timer notices a stall when it fires late (the window is from when it should
 * have fired until it did); the profiler runs all along and is read every few seconds, the
 * samples inside each window counted. Off by default: the profiler costs a few percent of
 * the thread, and reading it back holds the thread a few milliseconds itself (those windows
 * are not reported).
 *
 * Each stall also tells the thread's own CPU time in its window (cpuMs, from the scheduler's
 * statistics): on a shared machine most of a long stall can be the thread waiting for a core,
 * and the profiler's samples then charge that wait to whatever was on the stack. The CPU time
 * is what the server's own work held the thread for.
 */
import { Session } from "node:inspector/promises";
import type { ApiLog } from "./log.ts";
import { monotonicUs } from "./monotonic-clock.ts";
import { threadCpuSeconds } from "../run/thread-cpu.ts";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface StallLog {
  stop(): Promise<void>;
}

/** The timer that notices stalls fires this often. */
const TICK_MS = 10;
/** The profile is read (and restarted) this often when a stall is waiting to be told. */
const READ_EVERY_MS = 3000;
/** Frames named per stall. */
const FRAMES = 8;

/** A frame as a line of the log: function, file (from src/, solver/, node_modules/ on) and line. */
function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^.*\/(?=(?:src|solver|workers|node_modules|dist)\/)/, "").replace(/^file:\/\//, "");
  return `${functionName || "(anonymous)"}${file ? ` ${file}:${lineNumber + 1}` : ""}`;
}

/** Per window, the frames seen on the stack (inclusive) and on top (self), in ms, most first. */
function framesIn(profile: Profile, windows: { fromUs: number; toUs: number }[]) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const tallies = windows.map(() => ({ inclusive: new Map<string, number>(), self: new Map<string, number>() }));
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    t += dt;
    const w = windows.findIndex((x) => t >= x.fromUs && t <= x.toUs);
    if (w < 0) continue;
    const top = byId.get(profile.samples[i]!)!;
    const ms = dt / 1000;
    const tally = tallies[w]!;
    const self = frameName(top);
    tally.self.set(self, (tally.self.get(self) ?? 0) + ms);
    const seen = new Set<string>();
    for (let id: number | undefined = top.id; id !== undefined; id = parent.get(id)) {
      const node = byId.get(id)!;
      if (node.callFrame.url === "" || node.callFrame.url.startsWith("node:")) continue;
      const name = frameName(node);
      if (seen.has(name)) continue;
      seen.add(name);
      tally.inclusive.set(name, (tally.inclusive.get(name) ?? 0) + ms);
    }
  }
  const top = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, FRAMES)
      .map(([frame, ms]) => `${Math.round(ms)} ms ${frame}`);
  return tallies.map((x) => ({ self: top(x.self), inclusive: top(x.inclusive) }));
}

/** Starts logging each stall of the thread longer than `thresholdMs` to `log`, with what held it. */
export async function startStallLog(thresholdMs: number, log: ApiLog): Promise<StallLog> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 1000 });
  await session.post("Profiler.start");
  const stalls: { fromUs: number; toUs: number; cpuMs?: number }[] = [];
  let reading = false;
  let expected = monotonicUs() + TICK_MS * 1000;
  let cpuAtTick = threadCpuSeconds();
  const tick = setInterval(() => {
    const now = monotonicUs();
    const cpu = threadCpuSeconds();
    const lateMs = (now - expected) / 1000;
    if (lateMs >= thresholdMs && !reading) {
      const cpuMs = cpu === undefined || cpuAtTick === undefined ? undefined : Math.round((cpu - cpuAtTick) * 1000);
      stalls.push({ fromUs: expected - TICK_MS * 1000, toUs: now, ...(cpuMs === undefined ? {} : { cpuMs }) });
    }
    expected = now + TICK_MS * 1000;
    cpuAtTick = cpu;
  }, TICK_MS);
  tick.unref();
  const read = async () => {
    if (stalls.length === 0 || reading) return;
    reading = true;
    try {
      const { profile } = (await session.post("Profiler.stop")) as unknown as { profile: Profile };
      await session.post("Profiler.start");
      const windows = stalls.splice(0);
      const frames = framesIn(profile, windows);
      windows.forEach((w, i) =>
        log({
          level: "warn",
          message: "event loop stall",
          ms: Math.round((w.toUs - w.fromUs) / 1000),
          ...(w.cpuMs === undefined ? {} : { cpuMs: w.cpuMs }),
          at: new Date(Date.now() - (monotonicUs() - w.fromUs) / 1000).toISOString(),
          ...frames[i]!,
        }),
      );
    } finally {
      reading = false;
      // Reading the profile held the thread itself: the stall it makes is not one to report.
      expected = monotonicUs() + TICK_MS * 1000;
      cpuAtTick = threadCpuSeconds();
    }
  };
  const reader = setInterval(() => void read(), READ_EVERY_MS);
  reader.unref();
  return {
    async stop() {
      clearInterval(tick);
      clearInterval(reader);
      await read();
      await session.post("Profiler.stop");
      session.disconnect();
    },
  };
}
