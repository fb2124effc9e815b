/**
 * `MSE_PHASES=1 mse ...` prints on stderr, as each phase of the command ends, how long it took:
 * wall time and this process's CPU time (user + system), counted from the process's start. A
 * counselor's `mse schedule` is mostly start-up and input/output around its solve, so a slow start
 * must be told from a slow read, solve or write (benchmarks/start.ts reads these lines).
 */
const on = Boolean(process.env.MSE_PHASES) && process.env.MSE_PHASES !== "0";
let wallMs = 0;
let cpuMs = 0;
// What is left once the command's work is done, until the event loop has nothing more to run.
if (on) process.once("exit", () => phaseEnded("exit"));

/** Ends the phase `name` (it began where the previous one ended, the first at the process's start) and prints it when asked. */
export function phaseEnded(name: string): void {
  if (!on) return;
  const wall = performance.now();
  const { user, system } = process.cpuUsage();
  const cpu = (user + system) / 1000;
  process.stderr.write(`phase ${name}: ${Math.round(wall - wallMs)} ms wall, ${Math.round(cpu - cpuMs)} ms CPU\n`);
  wallMs = wall;
  cpuMs = cpu;
}
