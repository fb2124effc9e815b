import type { ExactComparison } from "./compare-with-exact.ts";
import { formatExactTable } from "./exact-table.ts";

/** The figures of a district benchmark result that its Markdown table shows. */
export interface DistrictResultForTable {
  name: string;
  date: string;
  machine: { cpus: number; cpuModel?: string; memoryGiB: number; node: string };
  size: { schools: number; students: number; requests: number; sections: number };
  phasesMs: Record<string, number>;
  /** CPU time of every thread over the solve phase, and the 1-minute load average when it started. */
  solveCpuMs?: number;
  loadAverage?: number;
  studentsPerSecond: number;
  peakRssMiB: number;
  solver: {
    totals: {
      primaryRequests: number;
      primaryMet: number;
      fullSchedules: number;
      students: number;
      byPriority: { priority: number; requested: number; met: number }[];
      bounds?: { best: number };
      gapToBound?: number;
    };
    violations: number;
  };
  baseline?: { solveMs: number; primaryMet: number; fullSchedules: number; violations: number };
  exact: ExactComparison[];
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const pct = (n: number, d: number) => (d === 0 ? "-" : `${((100 * n) / d).toFixed(2)}%`);

/** Renders a district benchmark result as the Markdown table the README quotes. */
export function formatDistrictTable(r: DistrictResultForTable): string {
  const t = r.solver.totals;
  const lines = [
    `## ${r.name} (${r.date.slice(0, 10)})`,
    "",
    `${r.size.schools} schools, ${r.size.students} students, ${r.size.requests} requests, ${r.size.sections} sections; ` +
      `${r.machine.cpus} cores (${r.machine.cpuModel ?? "?"}), ${r.machine.memoryGiB} GiB, Node ${r.machine.node}.`,
    "",
    "| phase | wall time |",
    "|---|---|",
    ...Object.entries(r.phasesMs).map(([phase, ms]) => `| ${phase} | ${s(ms)} |`),
    "",
    "| figure | solver | first-fit baseline |",
    "|---|---|---|",
    `| primary requests met | ${t.primaryMet} / ${t.primaryRequests} (${pct(t.primaryMet, t.primaryRequests)}) | ${r.baseline ? `${r.baseline.primaryMet} (${pct(r.baseline.primaryMet, t.primaryRequests)})` : "-"} |`,
    ...t.byPriority.map(
      (p) => `| priority ${p.priority} met | ${p.met} / ${p.requested} (${pct(p.met, p.requested)}) | |`,
    ),
    `| students with a full schedule | ${t.fullSchedules} / ${t.students} (${pct(t.fullSchedules, t.students)}) | ${r.baseline ? `${r.baseline.fullSchedules} (${pct(r.baseline.fullSchedules, t.students)})` : "-"} |`,
    `| upper bound on primary met | ${t.bounds?.best ?? "-"} | |`,
    `| gap to the bound | ${t.gapToBound === undefined ? "-" : `${(100 * t.gapToBound).toFixed(3)}%`} | ${r.baseline && t.bounds ? pct(t.bounds.best - r.baseline.primaryMet, t.bounds.best) : "-"} |`,
    `| solve wall time | ${s(r.phasesMs.solve)} | ${r.baseline ? s(r.baseline.solveMs) : "-"} |`,
    ...(r.solveCpuMs === undefined
      ? []
      : [`| solve CPU time (all threads; load ${r.loadAverage?.toFixed(1) ?? "?"} at start) | ${s(r.solveCpuMs)} | |`]),
    `| students per second | ${Math.round(r.studentsPerSecond)} | |`,
    `| hard-constraint violations | ${r.solver.violations} | ${r.baseline?.violations ?? "-"} |`,
    `| peak memory (RSS) | ${r.peakRssMiB} MiB | |`,
  ];
  if (r.exact.length > 0) {
    lines.push("", formatExactTable(r.exact).trimEnd());
  }
  return `${lines.join("\n")}\n`;
}
