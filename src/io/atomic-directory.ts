import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { checkOutputFolder, OUTPUT_MARKER, outputMarker, type OutputFolderOptions } from "./output-folder.ts";

/** Our temporary siblings of a target: `<name>.partial-<pid>-<ms>` (being written), `<name>.old-<pid>-<ms>` (being removed). */
const LEFTOVER = /^(.*)\.(partial|old)-(\d+)-\d+$/;

/** Whether process `pid` is still running (EPERM: it runs, as another user). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes what an earlier write of `target` left beside it when its process was killed
 * (a partial folder can hold a whole roster); a sibling of a process still running is its own.
 */
export async function sweepLeftovers(target: string): Promise<string[]> {
  const parent = path.dirname(target);
  const name = path.basename(target);
  const swept: string[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync(parent);
  } catch {
    // No parent yet: nothing was left in it.
  }
  for (const entry of entries) {
    const match = LEFTOVER.exec(entry);
    if (match === null || match[1] !== name || Number(match[3]) === process.pid || isRunning(Number(match[3])))
      continue;
    await rm(path.join(parent, entry), { recursive: true, force: true });
    swept.push(entry);
  }
  return swept;
}

/**
 * Fills a directory so that readers see either the old one or the complete new one, never
 * a half-written one: `fill` writes into a sibling temporary directory, which then replaces
 * `dir` by rename. If `fill` throws, `dir` is left exactly as it was. `dir` must be one that
 * `options` allows replacing (see checkOutputFolder); the new one is marked as `options.kind`.
 * Its own calls on the file system (a few, on names) are synchronous, like checkOutputFolder's;
 * `fill` writes as it likes.
 */
export async function writeDirectoryAtomically(
  dir: string,
  fill: (tmpDir: string) => Promise<void>,
  options: OutputFolderOptions,
): Promise<void> {
  const target = path.resolve(dir);
  await checkOutputFolder(dir, options);
  await sweepLeftovers(target);
  const tmp = `${target}.partial-${process.pid}-${Date.now()}`;
  const old = `${target}.old-${process.pid}-${Date.now()}`;
  mkdirSync(tmp, { recursive: true });
  try {
    await fill(tmp);
    writeFileSync(path.join(tmp, OUTPUT_MARKER), outputMarker(options.kind));
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
  let hadOld = true;
  try {
    renameSync(target, old);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    hadOld = false;
  }
  renameSync(tmp, target);
  if (hadOld) rmSync(old, { recursive: true, force: true });
}
