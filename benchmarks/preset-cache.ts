/** A generated preset kept under benchmarks/cache/<preset>-<seed>, written once and reused by every benchmark. */
import { existsSync } from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { PresetName } from "../fixtures/generate.ts";
import { writePreset } from "../fixtures/write-preset.ts";

const here = path.dirname(new URL(import.meta.url).pathname);

/** The directory of the preset as interchange CSV, generated first if it is not cached yet. */
export async function cachedPreset(preset: PresetName, seed: number): Promise<string> {
  const cacheDir = path.join(here, "cache", `${preset}-${seed}`);
  if (existsSync(path.join(cacheDir, ".complete"))) return cacheDir;
  const tmp = `${cacheDir}.partial`;
  await rm(tmp, { recursive: true, force: true });
  await writePreset(preset, seed, tmp);
  await writeFile(path.join(tmp, ".complete"), new Date().toISOString());
  await rm(cacheDir, { recursive: true, force: true });
  await rename(tmp, cacheDir);
  return cacheDir;
}
