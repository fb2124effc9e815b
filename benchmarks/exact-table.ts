import type { ExactComparison } from "./compare-with-exact.ts";

const byLevel = (levels: number[], priorities: number[]) => priorities.map((p, l) => `p${p} ${levels[l]}`).join(", ");
const alternates = (levels: number[]) => -levels[levels.length - 1];
const mark = (versus: number, proven: boolean) =>
  !proven ? "" : versus === 0 ? " =" : versus < 0 ? " **below**" : " above?";

/** Per school: the exact optimum next to the quick and full solves, level by level (Markdown). */
export function formatExactTable(rows: readonly ExactComparison[]): string {
  const lines = [
    "| school | kind | students | exact MIP | optimum (primary met by priority; alternates) | quick | full | quick vs optimum | quick CPU |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  for (const r of rows) {
    const proven = r.exact.status === "optimal";
    const status = proven ? "optimal" : `${r.exact.status} (${r.exact.provenStages}/${r.exact.stages} levels proven)`;
    const cell = (f: { primaryByLevel: number[]; levels: number[] }) =>
      `${byLevel(f.primaryByLevel, r.priorities)}; alt ${alternates(f.levels)}`;
    const quickShare =
      r.exact.primaryMet === 0
        ? "-"
        : `${((100 * (r.quick.primaryMet - r.exact.primaryMet)) / r.exact.primaryMet).toFixed(2)}%`;
    lines.push(
      `| ${r.schoolId} | ${r.kind} | ${r.students} | ${status}, ${(r.exact.ms / 1000).toFixed(1)} s | ${cell(r.exact)} | ` +
        `${cell(r.quick)}${mark(r.quick.versusOptimum, proven)} | ${cell(r.full)}${mark(r.full.versusOptimum, proven)} | ${quickShare} | ${r.quick.cpuMs === undefined ? "-" : `${Math.round(r.quick.cpuMs)} ms`} |`,
    );
  }
  return `${lines.join("\n")}\n`;
}
