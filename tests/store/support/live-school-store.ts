/** A store holding one school with a live run: where the late-change specs start. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { joinSchools } from "../../../src/domain/join-schools.ts";
import type { SchoolProblem } from "../../../src/domain/problem.ts";
import { runSchool } from "../../../src/run/run-school.ts";
import { closeStore, importProblem, openStore, type Store } from "../../../src/store/index.ts";

/**
 * A SQLite store in a fresh temporary folder (named from `prefix`) with `school` imported and
 * run once (seed 1, quick, the real solver), its roster live; `url` opens another connection to it,
 * `close` closes it and removes the folder.
 */
export async function storeWithLiveSchool(
  school: SchoolProblem,
  prefix: string,
): Promise<{ store: Store; url: string; close: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const url = `file:${path.join(dir, "mse.db")}`;
  const store = await openStore(url);
  await importProblem(store, joinSchools([school]));
  await runSchool(store, school.school.schoolId, { schedule: { seed: 1, quality: "quick", loader: "solver" } });
  return {
    store,
    url,
    close: async () => {
      await closeStore(store);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
