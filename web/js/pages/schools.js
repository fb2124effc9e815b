// @ts-check
/** The school list and a school's overview: requests met by priority, full schedules, the bound, unmet requests by reason, runs; run a pass. */
import { api, schoolPath, waitForJob } from "../api.js";
import { announce, h, show, table } from "../dom.js";
import { overviewCharts } from "../overview-charts.js";

/** `#/school/<id>...` */
export const schoolHash = (/** @type {string} */ schoolId, rest = "") =>
  `#/school/${encodeURIComponent(schoolId)}${rest}`;

/** Every school the token sees. */
export async function schoolListPage(/** @type {import("../app.js").Me} */ _me) {
  const { schools } = await api("GET", "/v1/schools");
  show(
    h("h1", {}, "Schools"),
    table(
      `${schools.length} school(s)`,
      ["School", "Live run", "Stale"],
      schools.map((/** @type {any} */ s) => [
        h("a", { href: schoolHash(s.schoolId) }, s.schoolId),
        s.liveRunId ?? "none yet",
        s.stale ? "yes" : "no",
      ]),
    ),
  );
}

const percent = (/** @type {number} */ part, /** @type {number} */ whole) =>
  whole === 0 ? "–" : `${((100 * part) / whole).toFixed(1)}%`;

/** A horizontal bar for a share (charts where people would rather look than read). */
const bar = (/** @type {number} */ share) =>
  h("span", { class: "bar", style: `width:${Math.round(share * 12)}rem`, "aria-hidden": "true" });

/** The school's overview. */
export async function schoolPage(/** @type {import("../app.js").Me} */ me, /** @type {string} */ schoolId) {
  const studentData = me.role !== "qa";
  // Drawn again after a pass: if the user went elsewhere meanwhile, that page stays.
  const drawnFor = location.hash;
  const report = await api("GET", schoolPath(schoolId, "/report")).catch((e) =>
    e.status === 404 ? undefined : Promise.reject(e),
  );
  const nodes = [h("h1", {}, `School ${schoolId}`)];
  nodes.push(
    h(
      "p",
      {},
      studentData ? h("a", { href: schoolHash(schoolId, "/board") }, "Master board and scenarios") : undefined,
      studentData ? " · " : undefined,
      h("a", { href: schoolHash(schoolId, "/conflicts") }, "Conflict matrix"),
      studentData ? " · " : undefined,
      studentData ? h("a", { href: schoolHash(schoolId, "/enroll") }, "Enroll a late student") : undefined,
    ),
  );
  if (!report) nodes.push(h("p", {}, "No live roster yet: run a pass."));
  else {
    const r = report.report;
    nodes.push(
      h(
        "p",
        {},
        `Live run ${report.runId}, finished ${new Date(report.finishedAt).toLocaleString()}${report.stale ? " (stale: the school changed since)" : ""}`,
      ),
      h(
        "ul",
        { class: "figures", "aria-label": "Quality" },
        h(
          "li",
          {},
          h("strong", {}, percent(r.primaryMet, r.primaryRequests)),
          `requests met (${r.primaryMet} of ${r.primaryRequests})`,
        ),
        h("li", {}, h("strong", {}, r.fullSchedules), `full schedules of ${r.students} students`),
        h("li", {}, h("strong", {}, r.studentsWithNothing), "students with nothing"),
        h(
          "li",
          {},
          h("strong", {}, r.gapToBound === undefined ? "–" : `${(100 * r.gapToBound).toFixed(2)}%`),
          "gap to the bound",
        ),
        h("li", {}, h("strong", {}, r.provenOptimal ? "yes" : "no"), "proven optimal"),
      ),
      table(
        "Requests met by priority",
        ["Priority", "Met", "Requested", "Share"],
        r.byPriority.map((/** @type {any} */ p) => [
          p.priority,
          p.met,
          p.requested,
          h("span", {}, bar(p.requested ? p.met / p.requested : 0), ` ${percent(p.met, p.requested)}`),
        ]),
      ),
      table(
        "Unmet requests by reason",
        ["Reason", "Requests"],
        Object.entries(r.unscheduledByReason).map(([reason, n]) => [reason, /** @type {number} */ (n)]),
      ),
    );
  }
  nodes.push(await runsTable(schoolId));
  nodes.push(await overviewCharts(schoolId, report));
  if (studentData) nodes.push(runForm(schoolId));
  if (studentData && report) nodes.push(await unmetTable(schoolId));
  if (location.hash === drawnFor) show(...nodes);
}

/** Run a pass: a full run, published, with its progress. */
function runForm(/** @type {string} */ schoolId) {
  const progress = h("p", { role: "status" });
  const button = /** @type {HTMLButtonElement} */ (h("button", { type: "submit" }, "Run a pass"));
  return h(
    "form",
    {
      class: "panel",
      onsubmit: async (/** @type {SubmitEvent} */ event) => {
        event.preventDefault();
        button.disabled = true;
        const started = Date.now();
        try {
          const { job } = await api("POST", schoolPath(schoolId, "/runs"), {
            kind: "full",
            quality: "quick",
            publish: true,
          });
          const done = await waitForJob(
            job,
            (j) => (progress.textContent = `Run ${j.status}… ${((Date.now() - started) / 1000).toFixed(1)} s`),
          );
          progress.textContent =
            done.status === "succeeded"
              ? `Run ${done.runId} published.`
              : `The run failed: ${done.error?.message ?? ""}`;
          announce(progress.textContent);
          if (done.status === "succeeded") await schoolPage(await api("GET", "/v1/me"), schoolId);
        } finally {
          button.disabled = false;
        }
      },
    },
    h("h2", {}, "Run a pass"),
    h("p", {}, "A full run of the school, published when it finishes."),
    button,
    progress,
  );
}

/** Unmet requests, filtered by reason, course, grade and priority, each linked to its student. */
async function unmetTable(/** @type {string} */ schoolId) {
  const { unscheduled } = await api("GET", schoolPath(schoolId, "/unscheduled?allowInvalid=true"));
  const distinct = (/** @type {(u: any) => string | number | undefined} */ of) =>
    [...new Set(unscheduled.map(of).filter((/** @type {unknown} */ v) => v !== undefined))].sort((a, b) =>
      typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b)),
    );
  /** The filters: a select each; "" is every value. */
  const filters = [
    { key: "reason", label: "Reason", every: "every reason", values: distinct((u) => u.reason) },
    { key: "courseId", label: "Course", every: "every course", values: distinct((u) => u.courseId) },
    { key: "grade", label: "Grade", every: "every grade", values: distinct((u) => u.grade) },
    { key: "priority", label: "Priority", every: "every priority", values: distinct((u) => u.priority) },
  ].map((f) => ({
    ...f,
    select: /** @type {HTMLSelectElement} */ (
      h(
        "select",
        { id: `unmet-${f.label.toLowerCase()}`, onchange: () => render() },
        h("option", { value: "" }, f.every),
        ...f.values.map((v) => h("option", { value: String(v) }, String(v))),
      )
    ),
  }));
  const holder = h("div");
  const render = () => {
    const chosen = filters.filter((f) => f.select.value !== "");
    const all = unscheduled.filter((/** @type {any} */ u) => chosen.every((f) => String(u[f.key]) === f.select.value));
    const rows = all.slice(0, 500);
    const what = chosen.map((f) => `${f.label.toLowerCase()} ${f.select.value}`).join(", ");
    holder.replaceChildren(
      table(
        `Unmet requests${what ? ` (${what})` : ""}: ${all.length}${rows.length < all.length ? `, the first ${rows.length} shown` : ""}`,
        ["Student", "Grade", "Course", "Priority", "Reason"],
        rows.map((/** @type {any} */ u) => [
          h(
            "a",
            { href: schoolHash(schoolId, `/student/${encodeURIComponent(u.studentId)}`) },
            [u.givenName, u.familyName].filter(Boolean).join(" ") || u.studentId,
          ),
          u.grade ?? "–",
          u.courseId,
          u.priority,
          u.reason,
        ]),
      ),
    );
  };
  render();
  return h(
    "section",
    {},
    h("h2", {}, "Unmet requests"),
    h(
      "div",
      { class: "filters", role: "group", "aria-label": "Filter unmet requests" },
      ...filters.map((f) => h("label", { for: f.select.id }, f.label, f.select)),
    ),
    holder,
  );
}

/** The school's runs over time, newest first, with the share of requests met as a bar. */
async function runsTable(/** @type {string} */ schoolId) {
  const { runs } = await api("GET", schoolPath(schoolId, "/runs?limit=20"));
  return table(
    "Runs over time",
    ["Run", "Started", "Status", "Requests met", "Full schedules", "Live"],
    runs.map((/** @type {any} */ r) => [
      r.runId,
      new Date(r.startedAt).toLocaleString(),
      r.status,
      r.metrics
        ? h(
            "span",
            {},
            bar(r.metrics.primaryRequests ? r.metrics.primaryMet / r.metrics.primaryRequests : 0),
            ` ${percent(r.metrics.primaryMet, r.metrics.primaryRequests)}`,
          )
        : "–",
      r.metrics?.fullSchedules ?? "–",
      r.live ? "live" : "",
    ]),
  );
}
