// @ts-check
/** The school overview's charts, where people would rather look than read: requests met and time over the school's runs, unmet requests by reason, section fill. */
import { api, schoolPath } from "./api.js";
import { asDuration, asPercent, barChart, histogram, lineChart } from "./charts.js";
import { h } from "./dom.js";

/**
 * The charts of a school's overview.
 * @param {string} schoolId
 * @param {any} [live] GET /report's answer, when the school has a live roster
 */
export async function overviewCharts(schoolId, live) {
  const report = live?.report;
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
      live?.sectionFills &&
        histogram({ caption: "Section fill (seats taken over capacity)", values: live.sectionFills, unit: "sections" }),
    ),
  );
}
