import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import type { SchoolRoster } from "../../../src/domain/roster.ts";
import { ONEROSTER_DIR } from "../../../src/io/oneroster/roster-layout.ts";

/** The OneRoster folder of a roster directory. */
export function oneRoster(dir: string): string {
  return join(dir, ONEROSTER_DIR);
}

/** Runs body with a fresh temporary directory, removed afterwards. */
export async function withTempDir<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "mse-roster-"));
  try {
    return await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The rows of dir/file as objects keyed by header. */
export async function csvRecords(dir: string, file: string): Promise<Record<string, string>[]> {
  return parse(await readFile(join(dir, file)), { columns: true, bom: true }) as Record<string, string>[];
}

/** The header row of dir/file. */
export async function csvHeader(dir: string, file: string): Promise<string[]> {
  const text = await readFile(join(dir, file), "utf8");
  return (parse(text, { to_line: 1 }) as string[][])[0];
}

/** A roster with every list sorted, so that two rosters compare order-insensitively. */
export function sortedRosters(rosters: SchoolRoster[]): SchoolRoster[] {
  const byText =
    <T>(key: (row: T) => string) =>
    (a: T, b: T) =>
      key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
  return [...rosters]
    .map((roster) => ({
      schoolId: roster.schoolId,
      sections: [...roster.sections].sort(byText((s) => s.sectionId)),
      enrollments: [...roster.enrollments].sort(byText((e) => `${e.studentId}\u0000${e.sectionId}`)),
      unscheduled: [...roster.unscheduled].sort(byText((u) => `${u.studentId}\u0000${u.courseId}`)),
    }))
    .sort(byText((r) => r.schoolId));
}
