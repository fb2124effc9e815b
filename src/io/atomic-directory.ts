import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";

/**
 * Fills a directory so that readers see either the old one or the complete new one, never
 * a half-written one: `fill` writes into a sibling temporary directory, which then replaces
 * `dir` by rename. If `fill` throws, `dir` is left exactly as it was.
 */
export async function writeDirectoryAtomically(dir: string, fill: (tmpDir: string) => Promise<void>): Promise<void> {
  const target = path.resolve(dir);
  const tmp = `${target}.partial-${process.pid}-${Date.now()}`;
  const old = `${target}.old-${process.pid}-${Date.now()}`;
  await mkdir(tmp, { recursive: true });
  try {
    await fill(tmp);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
  let hadOld = true;
  try {
    await rename(target, old);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    hadOld = false;
  }
  await rename(tmp, target);
  if (hadOld) await rm(old, { recursive: true, force: true });
}
