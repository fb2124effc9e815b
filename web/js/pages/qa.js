// @ts-check
/** The QA view: run a benchmark (a generated school, figures only) and see the benchmarks' history, with charts. No student data: the API gives qa none. */
import { api } from "../api.js";
import { asDuration, asPercent, barChart, lineChart } from "../charts.js";
import { announce, h, show, table } from "../dom.js";

const share = (/** @type {number} */ part, /** @type {number} */ whole) => (whole === 0 ? 1 : part / whole);

/** The QA view. */
export async function qaPage() {
  // Drawn again after a benchmark: if the user went elsewhere meanwhile, that page stays.
  const drawnFor = location.hash;
  const { benchmarks } = await api("GET", "/v1/benchmarks?limit=200");
  const presets = [...new Set(benchmarks.map((/** @type {any} */ b) => b.preset))].sort();
  const filter = /** @type {HTMLSelectElement} */ (
    h(
      "select",
      { id: "bench-filter", onchange: () => render() },
      h("option", { value: "" }, "every preset"),
      ...presets.map((p) => h("option", { value: String(p) }, String(p))),
    )
  );
  const holder = h("div");
  const render = () => {
    const shown = benchmarks.filter((/** @type {any} */ b) => filter.value === "" || b.preset === filter.value);
    const oldestFirst = [...shown].reverse();
    const label = (/** @type {any} */ b) => `#${b.id} ${b.preset}`;
    const latest = shown[0];
    holder.replaceChildren(
      h(
        "div",
        { class: "charts" },
        lineChart({
          caption: "Requests met over benchmarks",
          points: oldestFirst.map((b) => ({
            label: label(b),
            value: share(b.report.primaryMet, b.report.primaryRequests),
          })),
          format: asPercent,
          max: 1,
        }),
        lineChart({
          caption: "Solve time over benchmarks",
          points: oldestFirst.map((b) => ({ label: label(b), value: b.wallMs })),
          format: asDuration,
        }),
        barChart({
          caption: latest ? `Unmet requests by reason, benchmark #${latest.id}` : "Unmet requests by reason",
          bars: Object.entries(latest?.report.unscheduledByReason ?? {}).map(([reason, n]) => ({
            label: reason,
            value: /** @type {number} */ (n),
          })),
        }),
      ),
      table(
        `${shown.length} benchmark(s), newest first`,
        [
          "#",
          "When",
          "Preset",
          "Seed",
          "Quality",
          "Requests met",
          "Full schedules",
          "Gap to the bound",
          "Proven optimal",
          "Solve time",
          "Violations",
        ],
        shown.map((/** @type {any} */ b) => [
          b.id,
          new Date(b.startedAt).toLocaleString(),
          b.preset,
          b.seed,
          b.quality,
          `${asPercent(share(b.report.primaryMet, b.report.primaryRequests))} (${b.report.primaryMet} of ${b.report.primaryRequests})`,
          `${b.report.fullSchedules} of ${b.report.students}`,
          b.report.gapToBound === undefined ? "–" : `${(100 * b.report.gapToBound).toFixed(2)}%`,
          b.report.provenOptimal ? "yes" : "no",
          asDuration(b.wallMs),
          b.violations,
        ]),
      ),
    );
  };
  render();
  if (location.hash !== drawnFor) return;
  show(
    h("h1", {}, "Benchmarks"),
    benchmarkForm(),
    h(
      "section",
      { "aria-labelledby": "bench-history" },
      h("h2", { id: "bench-history" }, "History"),
      h("div", { class: "filters" }, h("label", { for: "bench-filter" }, "Preset", filter)),
      holder,
    ),
  );
}

/** Run a benchmark: solved on the server's pool, checked by the validator; the page then shows it in the history. */
function benchmarkForm() {
  const preset = /** @type {HTMLSelectElement} */ (
    h(
      "select",
      { id: "bench-preset" },
      h("option", { value: "tiny" }, "tiny (60 students)"),
      h("option", { value: "high-school" }, "high-school (3,000 students)"),
    )
  );
  const seed = /** @type {HTMLInputElement} */ (
    h("input", { id: "bench-seed", type: "number", min: 0, value: 1, required: true })
  );
  const quality = /** @type {HTMLSelectElement} */ (
    h(
      "select",
      { id: "bench-quality" },
      h("option", { value: "quick" }, "quick"),
      h("option", { value: "full" }, "full"),
    )
  );
  const button = /** @type {HTMLButtonElement} */ (h("button", { type: "submit" }, "Run the benchmark"));
  const status = h("p", { role: "status" });
  return h(
    "form",
    {
      class: "panel",
      onsubmit: async (/** @type {SubmitEvent} */ event) => {
        event.preventDefault();
        button.disabled = true;
        status.textContent = `Solving ${preset.value}…`;
        try {
          const done = await api("POST", "/v1/benchmarks", {
            preset: preset.value,
            seed: Number(seed.value),
            quality: quality.value,
          });
          announce(
            `Benchmark done: ${asPercent(share(done.report.primaryMet, done.report.primaryRequests))} of requests met, ${done.violations} violations.`,
          );
          await qaPage();
        } catch (e) {
          status.textContent = e instanceof Error ? e.message : String(e);
        } finally {
          button.disabled = false;
        }
      },
    },
    h("h2", {}, "Run a benchmark"),
    h("p", {}, "A generated school solved in memory on the server; only its figures are kept."),
    h(
      "div",
      { class: "filters" },
      h("label", { for: "bench-preset" }, "Preset", preset),
      h("label", { for: "bench-seed" }, "Seed", seed),
      h("label", { for: "bench-quality" }, "Quality", quality),
      button,
    ),
    status,
  );
}
