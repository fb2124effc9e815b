// @ts-check
/** The school overview's charts, where people would rather look than read: requests met and time over the school's runs, unmet requests by reason. */
import { api, schoolPath } from "./api.js";
import { asDuration, asPercent, barChart, lineChart } from "./charts.js";
import { h } from "./dom.js";

/**
 * The charts of a school's overview.
 * @param {string} schoolId
 * @param {any} [report] the live run's report, when there is one
 */
export async function overviewCharts(schoolId, report) {
  const { runs } = await api("GET", schoolPath(schoolId, "/runs?limit=50"));
  const finished = runs.filter((/** @type {any} */ r) => r.status === "succeeded" && r.metrics).reverse();
  const label = (/** @type {any} */ r) => `run ${r.runId}`;
  return h(
    "section",
    { "aria-labelledby": "overview-charts" },
    h("h2", { id: "overview-charts" }, "Charts"),
    h(
      "div",
      { class: "charts" },
      lineChart({
        caption: "Requests met over runs",
        points: finished.map((/** @type {any} */ r) => ({
          label: label(r),
          value: r.metrics.primaryRequests ? r.metrics.primaryMet / r.metrics.primaryRequests : 1,
        })),
        format: asPercent,
        max: 1,
      }),
      lineChart({
        caption: "Time of each run",
        points: finished
          .filter((/** @type {any} */ r) => r.finishedAt)
          .map((/** @type {any} */ r) => ({
            label: label(r),
            value: Date.parse(r.finishedAt) - Date.parse(r.startedAt),
          })),
        format: asDuration,
      }),
      report &&
        barChart({
          caption: "Unmet requests by reason",
          bars: Object.entries(report.unscheduledByReason).map(([reason, n]) => ({
            label: reason,
            value: /** @type {number} */ (n),
          })),
        }),
    ),
  );
}
