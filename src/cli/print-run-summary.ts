import type { RunReport } from "../report/run-report.ts";

const percent = (x: number) => `${(100 * x).toFixed(2)}%`;

/** Prints the few figures a person looks at first after a run. */
export function printRunSummary(report: RunReport): void {
  const t = report.totals;
  console.log(`schools ${t.schools}, students ${t.students}, sections ${t.sections} (${t.sectionsUnplaced} unplaced)`);
  console.log(
    `primary requests met ${t.primaryMet}/${t.primaryRequests} (${percent(t.primaryRequests ? t.primaryMet / t.primaryRequests : 1)})` +
      (t.bounds ? `, upper bound ${t.bounds.best}, gap ${percent(t.gapToBound ?? 0)}` : ""),
  );
  for (const p of t.byPriority) console.log(`  priority ${p.priority}: ${p.met}/${p.requested}`);
  console.log(
    `full schedules ${t.fullSchedules}/${t.students}, alternates used ${t.alternatesUsed}, section fill ${percent(t.sectionFill)}`,
  );
  const reasons = Object.entries(t.unscheduledByReason)
    .map(([r, n]) => `${r} ${n}`)
    .join(", ");
  if (reasons) console.log(`unscheduled: ${reasons}`);
}
