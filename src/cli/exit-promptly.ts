/**
 * Ending a one-shot command at once instead of letting the event loop run dry. Node's natural
 * exit tears the whole heap down first: after `mse schedule` of the high-school preset that was
 * about 2% of the process's samples (perf, Heap::TearDown), spent after the
 * counselor's roster was written: from the 'exit' event to the process's end, a median of 196 ms
 * against 85 ms with process.exit, which skips it (8 alternating runs each at load 20 on the
 * 2-core machine; far less on an idle one). Only commands whose work is over when
 * their action returns ask for it (never `serve` or `worker`, whose action starts the work).
 */
let promptly = false;

/** Marks the running command as done once its action returns: main.ts then exits at once. */
export function exitPromptlyWhenDone(): void {
  promptly = true;
}

/** Exits now with process.exitCode if the command asked for it, once stdout and stderr took everything written. */
export async function exitIfDone(): Promise<void> {
  if (!promptly) return;
  // Writes to a pipe may be asynchronous (macOS): an empty write's callback comes after them.
  await Promise.all([process.stdout, process.stderr].map((s) => new Promise((resolve) => s.write("", resolve))));
  process.exit();
}
