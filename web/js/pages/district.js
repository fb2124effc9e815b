// @ts-check
/** The district view (district role): every school's quality and last run, the nightly run and the district runs' history, start a district run with its progress. */
import { api, waitForJob } from "../api.js";
import { asDuration, asPercent, barChart, histogram, lineChart } from "../charts.js";
import { announce, h, show } from "../dom.js";
import { schoolHash } from "./schools.js";

const share = (/** @type {number} */ part, /** @type {number} */ whole) => (whole === 0 ? 1 : part / whole);
const when = (/** @type {string | undefined} */ iso) => (iso ? new Date(iso).toLocaleString() : "–");

/** The district view. */
export async function districtPage() {
  // Drawn again after a district run: if the user went elsewhere meanwhile, that page stays.
  const drawnFor = location.hash;
  const [{ schools }, history] = await Promise.all([
    api("GET", "/v1/district/schools"),
    api("GET", "/v1/district/runs?limit=60"),
  ]);
  const live = schools.filter((/** @type {any} */ s) => s.quality);
  const total = (/** @type {(q: any) => number} */ pick) =>
    live.reduce((/** @type {number} */ acc, /** @type {any} */ s) => acc + pick(s.quality), 0);
  const requests = total((q) => q.primaryRequests);
  const met = total((q) => q.primaryMet);
  if (location.hash !== drawnFor) return;
  show(
    h("h1", {}, "District"),
    h(
      "ul",
      { class: "figures", "aria-label": "The district's live rosters" },
      h("li", {}, h("strong", {}, schools.length), `schools (${live.length} with a live roster)`),
      h("li", {}, h("strong", {}, asPercent(share(met, requests))), `requests met (${met} of ${requests})`),
      h(
        "li",
        {},
        h(
          "strong",
          {},
          total((q) => q.fullSchedules),
        ),
        `full schedules of ${total((q) => q.students)} students`,
      ),
      h(
        "li",
        {},
        h("strong", {}, live.filter((/** @type {any} */ s) => s.quality.provenOptimal).length),
        "schools proven optimal",
      ),
    ),
    districtRunForm(history.current),
    nightlySection(history.runs),
    historySection(history.runs),
    schoolsSection(schools),
  );
}

/** Start a district run, and follow it (or the one already going) to its end. */
function districtRunForm(/** @type {string | undefined} */ current) {
  const progress = /** @type {HTMLProgressElement} */ (h("progress", { id: "district-progress", max: 1, value: 0 }));
  const progressLabel = h("label", { for: "district-progress" }, "District run progress");
  const text = h("p", { role: "status", id: "district-run-status" });
  const quality = /** @type {HTMLSelectElement} */ (
    h(
      "select",
      { id: "district-quality" },
      h("option", { value: "quick" }, "quick (minutes)"),
      h("option", { value: "full" }, "full (the nightly pass)"),
    )
  );
  const publish = /** @type {HTMLInputElement} */ (
    h("input", { id: "district-publish", type: "checkbox", checked: true })
  );
  const button = /** @type {HTMLButtonElement} */ (h("button", { type: "submit" }, "Start a district run"));
  const box = h("div", { class: "progress", hidden: true }, progressLabel, progress);

  const follow = async (/** @type {{ jobId: string }} */ job) => {
    button.disabled = true;
    box.hidden = false;
    try {
      const done = await waitForJob(job, (j) => {
        const p = j.progress;
        if (!p) {
          text.textContent = `District run ${j.jobId}: ${j.status}…`;
          return;
        }
        progress.max = p.studentsTotal || 1;
        progress.value = p.studentsDone;
        text.textContent =
          `District run ${j.jobId}: ${p.schoolsDone} of ${p.schoolsTotal} schools` +
          (p.schoolsFailed ? ` (${p.schoolsFailed} failed)` : "") +
          `, ${p.studentsDone} of ${p.studentsTotal} students, ${asDuration(p.elapsedMs)}` +
          (p.remainingMs !== undefined ? `, about ${asDuration(p.remainingMs)} left` : "");
      });
      text.textContent =
        done.status === "succeeded"
          ? `District run ${done.jobId} finished: ${done.result?.schoolsSucceeded ?? 0} schools scheduled, ${done.result?.failures?.length ?? 0} failed.`
          : `District run ${done.jobId} failed: ${done.error?.message ?? ""}`;
      announce(text.textContent);
      if (done.status === "succeeded") await districtPage();
    } finally {
      button.disabled = false;
    }
  };
  if (current) void follow({ jobId: current }).catch((e) => (text.textContent = String(e)));

  return h(
    "form",
    {
      class: "panel",
      onsubmit: async (/** @type {SubmitEvent} */ event) => {
        event.preventDefault();
        try {
          const { job } = await api("POST", "/v1/district/runs", {
            quality: quality.value,
            publish: publish.checked,
          });
          await follow(job);
        } catch (e) {
          text.textContent = e instanceof Error ? e.message : String(e);
          announce(text.textContent);
        }
      },
    },
    h("h2", {}, "District run"),
    h("p", {}, "Every school on the server's worker pool, each published as it finishes."),
    h(
      "div",
      { class: "filters" },
      h("label", { for: "district-quality" }, "Quality", quality),
      h("label", { for: "district-publish", class: "check" }, publish, "Publish each school's roster"),
      button,
    ),
    box,
    text,
  );
}

/** The latest nightly run, or how to set one up. */
function nightlySection(/** @type {any[]} */ runs) {
  const nightly = runs.find((r) => r.trigger === "nightly");
  return h(
    "section",
    { "aria-labelledby": "nightly-heading" },
    h("h2", { id: "nightly-heading" }, "The nightly run"),
    nightly
      ? h(
          "p",
          {},
          `${nightly.districtRunId}: started ${when(nightly.startedAt)}, ${nightly.succeeded} of ${nightly.schools} schools scheduled` +
            (nightly.failed ? `, ${nightly.failed} failed` : "") +
            (nightly.running ? `, ${nightly.running} still running` : "") +
            `, ${asPercent(share(nightly.primaryMet, nightly.primaryRequests))} of requests met.`,
        )
      : h("p", {}, "No nightly run in the store yet: set one with mse nightly set (needs mse worker)."),
  );
}

/** The district runs: charts of quality and time, unmet by reason, and the table, filterable by trigger. */
function historySection(/** @type {any[]} */ runs) {
  const trigger = /** @type {HTMLSelectElement} */ (
    h(
      "select",
      { id: "history-trigger", onchange: () => render() },
      h("option", { value: "" }, "every trigger"),
      ...["nightly", "api", "cli"].map((t) => h("option", { value: t }, t)),
    )
  );
  const holder = h("div");
  const render = () => {
    const shown = runs.filter((r) => trigger.value === "" || r.trigger === trigger.value);
    const oldestFirst = [...shown].reverse();
    const label = (/** @type {any} */ r) =>
      new Date(r.startedAt).toLocaleDateString() +
      " " +
      new Date(r.startedAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    // Reasons come with the newest district run only.
    const latest = runs[0];
    holder.replaceChildren(
      h(
        "div",
        { class: "charts" },
        lineChart({
          caption: "Requests met over district runs",
          points: oldestFirst.map((r) => ({ label: label(r), value: share(r.primaryMet, r.primaryRequests) })),
          format: asPercent,
          max: 1,
        }),
        lineChart({
          caption: "Time of each district run",
          points: oldestFirst
            .filter((r) => r.finishedAt)
            .map((r) => ({ label: label(r), value: Date.parse(r.finishedAt) - Date.parse(r.startedAt) })),
          format: asDuration,
        }),
        barChart({
          caption: latest ? `Unmet requests by reason, run ${latest.districtRunId}` : "Unmet requests by reason",
          bars: Object.entries(latest?.unscheduledByReason ?? {}).map(([reason, n]) => ({ label: reason, value: n })),
        }),
      ),
      h(
        "table",
        { id: "district-runs" },
        h("caption", {}, `${shown.length} district run(s), newest first`),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ...["Run", "Trigger", "Started", "Took", "Schools", "Failed", "Requests met", "Proven optimal"].map((t) =>
              h("th", { scope: "col" }, t),
            ),
          ),
        ),
        h(
          "tbody",
          {},
          ...shown.map((r) =>
            h(
              "tr",
              {},
              h("td", {}, r.districtRunId),
              h("td", {}, r.trigger),
              h("td", {}, when(r.startedAt)),
              h(
                "td",
                {},
                r.running
                  ? "running"
                  : r.finishedAt
                    ? asDuration(Date.parse(r.finishedAt) - Date.parse(r.startedAt))
                    : "–",
              ),
              h("td", {}, `${r.succeeded} of ${r.schools}`),
              h("td", {}, r.failed),
              h("td", {}, asPercent(share(r.primaryMet, r.primaryRequests))),
              h("td", {}, r.provenOptimal),
            ),
          ),
        ),
      ),
    );
  };
  render();
  return h(
    "section",
    { "aria-labelledby": "history-heading" },
    h("h2", { id: "history-heading" }, "District runs"),
    h("div", { class: "filters" }, h("label", { for: "history-trigger" }, "Trigger", trigger)),
    holder,
  );
}

/** A school's row values, by column key (what sorting compares). */
const COLUMNS = [
  { key: "school", label: "School", value: (/** @type {any} */ s) => s.schoolId },
  { key: "name", label: "Name", value: (/** @type {any} */ s) => s.name },
  {
    key: "met",
    label: "Requests met",
    value: (/** @type {any} */ s) => (s.quality ? share(s.quality.primaryMet, s.quality.primaryRequests) : -1),
  },
  {
    key: "full",
    label: "Full schedules",
    value: (/** @type {any} */ s) => (s.quality ? share(s.quality.fullSchedules, s.quality.students) : -1),
  },
  { key: "gap", label: "Gap to the bound", value: (/** @type {any} */ s) => s.quality?.gapToBound ?? Infinity },
  { key: "optimal", label: "Proven optimal", value: (/** @type {any} */ s) => (s.quality?.provenOptimal ? 1 : 0) },
  { key: "last", label: "Last run", value: (/** @type {any} */ s) => s.lastRun?.startedAt ?? "" },
];

/** Every school: sortable by any column (buttons in the headers), filterable by text and by state. */
function schoolsSection(/** @type {any[]} */ schools) {
  let sortKey = "school";
  let ascending = true;
  const search = /** @type {HTMLInputElement} */ (
    h("input", { id: "school-search", type: "search", oninput: () => render() })
  );
  const state = /** @type {HTMLSelectElement} */ (
    h(
      "select",
      { id: "school-state", onchange: () => render() },
      h("option", { value: "" }, "every school"),
      h("option", { value: "not-optimal" }, "not proven optimal"),
      h("option", { value: "no-live" }, "no live roster"),
      h("option", { value: "stale" }, "stale"),
      h("option", { value: "failed" }, "last run failed"),
    )
  );
  const keep = {
    "": () => true,
    "not-optimal": (/** @type {any} */ s) => s.quality && !s.quality.provenOptimal,
    "no-live": (/** @type {any} */ s) => !s.quality,
    stale: (/** @type {any} */ s) => s.stale,
    failed: (/** @type {any} */ s) => s.lastRun && (s.lastRun.status === "failed" || s.lastRun.status === "abandoned"),
  };
  const holder = h("div");
  const render = () => {
    const needle = search.value.trim().toLowerCase();
    const column = COLUMNS.find((c) => c.key === sortKey) ?? COLUMNS[0];
    const shown = schools
      .filter((s) => keep[/** @type {keyof typeof keep} */ (state.value)](s))
      .filter((s) => !needle || s.schoolId.toLowerCase().includes(needle) || s.name.toLowerCase().includes(needle))
      .sort((a, b) => {
        const x = column.value(a);
        const y = column.value(b);
        const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
        return ascending ? order : -order;
      });
    holder.replaceChildren(
      h(
        "table",
        { id: "district-schools" },
        h(
          "caption",
          {},
          `${shown.length} of ${schools.length} schools, by ${column.label.toLowerCase()} ${ascending ? "ascending" : "descending"}`,
        ),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ...COLUMNS.map((c) =>
              h(
                "th",
                { scope: "col", "aria-sort": c.key === sortKey ? (ascending ? "ascending" : "descending") : "none" },
                h(
                  "button",
                  {
                    type: "button",
                    class: "sort",
                    onclick: () => {
                      ascending = c.key === sortKey ? !ascending : true;
                      sortKey = c.key;
                      render();
                      /** @type {HTMLElement | null} */ (
                        holder.querySelector(`th[aria-sort="${ascending ? "ascending" : "descending"}"] button`)
                      )?.focus();
                    },
                  },
                  c.label,
                ),
              ),
            ),
          ),
        ),
        h(
          "tbody",
          {},
          ...shown.map((s) => {
            const q = s.quality;
            return h(
              "tr",
              {},
              h("td", {}, h("a", { href: schoolHash(s.schoolId) }, s.schoolId)),
              h("td", {}, s.name),
              h(
                "td",
                {},
                q
                  ? `${asPercent(share(q.primaryMet, q.primaryRequests))} (${q.primaryMet} of ${q.primaryRequests})`
                  : "no live roster",
              ),
              h("td", {}, q ? `${q.fullSchedules} of ${q.students}` : "–"),
              h("td", {}, q?.gapToBound === undefined ? "–" : `${(100 * q.gapToBound).toFixed(2)}%`),
              h("td", {}, q ? (q.provenOptimal ? "yes" : "no") : "–"),
              h(
                "td",
                {},
                s.lastRun
                  ? `${s.lastRun.status}, ${when(s.lastRun.finishedAt ?? s.lastRun.startedAt)}${s.stale ? " (stale)" : ""}`
                  : "never run",
              ),
            );
          }),
        ),
      ),
    );
  };
  render();
  return h(
    "section",
    { "aria-labelledby": "schools-heading" },
    h("h2", { id: "schools-heading" }, "Schools"),
    histogram({
      caption: "Section fill by school (seats taken over seats offered)",
      values: schools.filter((s) => s.quality).map((s) => s.quality.sectionFill),
      unit: "schools",
    }),
    h(
      "div",
      { class: "filters", role: "group", "aria-label": "Filter schools" },
      h("label", { for: "school-search" }, "School or name contains", search),
      h("label", { for: "school-state" }, "Show", state),
    ),
    holder,
  );
}
