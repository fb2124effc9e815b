/** Starts `mse worker` (src/cli/main.ts worker) as a Node process of its own, and follows what it prints. */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export interface WorkerProcess {
  process: ChildProcess;
  /** Every line printed so far (stdout and stderr). */
  lines: string[];
  /** Resolves with the first line that matches, printed before or after the call. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns a worker process with the given `mse worker` options. */
export function spawnWorker(args: string[]): WorkerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "worker", ...args], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const take = (stream: NodeJS.ReadableStream) => {
    let buffered = "";
    stream.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      for (let newline = buffered.indexOf("\n"); newline >= 0; newline = buffered.indexOf("\n")) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        lines.push(line);
        for (const waiter of waiters.filter((w) => w.pattern.test(line))) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    });
  };
  take(child.stdout!);
  take(child.stderr!);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return {
    process: child,
    lines,
    exited,
    waitFor(pattern, timeoutMs = 60_000) {
      const seen = lines.find((line) => pattern.test(line));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(`no line matching ${pattern} within ${timeoutMs} ms; printed:\n${lines.slice(-30).join("\n")}`),
            ),
          timeoutMs,
        );
        waiters.push({ pattern, resolve: (line) => (clearTimeout(timer), resolve(line)) });
        exited.then(({ code, signal }) =>
          reject(
            new Error(`worker exited (${code ?? signal}) before printing ${pattern}:\n${lines.slice(-30).join("\n")}`),
          ),
        );
      });
    },
  };
}

/** Stops a worker: SIGTERM (it finishes its jobs in hand), SIGKILL if it has not exited after `graceMs`. */
export async function stopWorker(worker: WorkerProcess, graceMs = 10_000): Promise<void> {
  if (worker.process.exitCode !== null || worker.process.signalCode !== null) return;
  worker.process.kill("SIGTERM");
  const timer = setTimeout(() => worker.process.kill("SIGKILL"), graceMs);
  await worker.exited;
  clearTimeout(timer);
}
