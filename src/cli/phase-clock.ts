/**
 * `MSE_PHASES=1 mse ...` prints on stderr, as each phase of the command ends, how long it took:
 * wall time and this process's CPU time (user + system), counted from the process's start. A
 * counselor's `mse schedule` is mostly start-up and input/output around its solve, so a slow start
 * must be told from a slow read, solve or write (benchmarks/start.ts reads these lines).
 *
 * On Linux the line also gives the main thread's own CPU time. The process's CPU counts V8's
 * background threads too (optimizing compilation, garbage collection), which on the high-school
 * preset took nearly half of it, on the second core: the main thread's time is what the phase
 * costs the command's wall time on an idle machine.
 */
import { threadCpuSeconds } from "../run/thread-cpu.ts";

const on = Boolean(process.env.MSE_PHASES) && process.env.MSE_PHASES !== "0";
/** The main thread's CPU milliseconds since it started, where the system tells them (phases end on the main thread). */
function mainThreadCpuMs(): number | undefined {
  const seconds = threadCpuSeconds();
  return seconds === undefined ? undefined : seconds * 1000;
}

let wallMs = 0;
let cpuMs = 0;
let mainMs = 0;
// What is left once the command's work is done, until the event loop has nothing more to run.
if (on) process.once("exit", () => phaseEnded("exit"));

/** Ends the phase `name` (it began where the previous one ended, the first at the process's start) and prints it when asked. */
export function phaseEnded(name: string): void {
  if (!on) return;
  const wall = performance.now();
  const { user, system } = process.cpuUsage();
  const cpu = (user + system) / 1000;
  const main = mainThreadCpuMs();
  const mainPart = main === undefined ? "" : `, ${Math.round(main - mainMs)} ms main thread`;
  process.stderr.write(
    `phase ${name}: ${Math.round(wall - wallMs)} ms wall, ${Math.round(cpu - cpuMs)} ms CPU${mainPart}\n`,
  );
  wallMs = wall;
  cpuMs = cpu;
  mainMs = main ?? 0;
}
