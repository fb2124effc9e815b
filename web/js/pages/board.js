// @ts-check
/**
 * The master board of a scenario: periods across, teachers down, each section a card (course,
 * fill against capacity, IEP seats, setting, locked; singletons marked). Choose a card (click, Enter or drag), see each period's cost
 * (the conflict matrix: milliseconds), move it (a button per period, or drop it on a cell), and
 * the what-if of the scenario comes back with the edit. Promote makes it the live schedule.
 */
import { api, ApiFailure, schoolPath, waitForJob } from "../api.js";
import { announce, h, show, table } from "../dom.js";
import { schoolHash } from "./schools.js";

/** The scenarios of a school, or one scenario's board. */
export async function boardPage(
  /** @type {import("../app.js").Me} */ me,
  /** @type {string} */ schoolId,
  /** @type {number | undefined} */ scenarioId,
) {
  if (scenarioId === undefined) return scenarioListPage(schoolId);
  const base = schoolPath(schoolId, `/scenarios/${scenarioId}`);
  const [scenario, roster] = await Promise.all([
    api("GET", base),
    api("GET", schoolPath(schoolId, "/roster?allowInvalid=true")),
  ]);
  /** Live seats per section: the fill before any what-if. */
  const fill = new Map();
  for (const e of roster.enrollments) fill.set(e.sectionId, (fill.get(e.sectionId) ?? 0) + 1);
  const state = {
    me,
    schoolId,
    base,
    scenario,
    fill,
    /** @type {string | undefined} */ selected: undefined,
    /** @type {any} */ costs: undefined,
  };

  const grid = h("div", { class: "board" });
  const mover = h(
    "section",
    { class: "panel", "aria-label": "Move a section" },
    h("p", {}, "Choose a section (click it, or focus it and press Enter) to see where it could go."),
  );
  const whatIf = h("section", { class: "panel", "aria-live": "polite", "aria-label": "What-if" });
  const promote = promoteForm(state);
  const versionText = h("span", { id: "scenario-version" }, scenario.version);

  const render = () => {
    grid.replaceChildren(boardTable(state, { choose, drop }));
    paintCosts(grid, state);
  };
  /** @type {Promise<unknown> | undefined} */
  let costsLoading;

  /** Select a section: fetch each period's cost, mark its row (in place: a drag may be under way), list the moves. */
  async function choose(/** @type {string} */ sectionId) {
    state.selected = sectionId;
    costsLoading = api("GET", `${base}/sections/${encodeURIComponent(sectionId)}/periods`);
    state.costs = await costsLoading;
    paintCosts(grid, state);
    const section = state.scenario.sections.find((/** @type {any} */ s) => s.sectionId === sectionId);
    mover.replaceChildren(
      h("h2", {}, `Move ${section.courseId} (${sectionId})`),
      h(
        "ul",
        { class: "periods" },
        ...state.costs.periods.map((/** @type {any} */ p) =>
          h(
            "li",
            {},
            h(
              "button",
              {
                type: "button",
                disabled: !p.allowed || p.current,
                "data-period": p.period,
                onclick: () => void move(sectionId, p.period, p.roomId),
              },
              `Period ${p.period}: ${p.current ? "where it is" : p.allowed ? `${p.studentsInConflict} in conflict, ${p.studentsBlocked} blocked` : `not allowed (${p.conflicts.join("; ")})`}`,
            ),
          ),
        ),
        h(
          "li",
          {},
          h(
            "button",
            { type: "button", onclick: () => void lock(sectionId, !section.locked) },
            section.locked ? "Unlock" : "Lock",
          ),
        ),
        h("li", {}, h("button", { type: "button", onclick: () => cancel() }, "Cancel")),
      ),
    );
    announce(`Moving ${sectionId}: choose a period.`);
  }

  function cancel() {
    state.selected = undefined;
    state.costs = undefined;
    render();
    mover.replaceChildren(h("p", {}, "Choose a section to see where it could go."));
  }

  /** Dropped on a cell: move there if that period is allowed. */
  async function drop(/** @type {string} */ sectionId, /** @type {number} */ period) {
    await costsLoading;
    const cost = state.costs?.periods.find((/** @type {any} */ p) => p.period === period);
    if (cost && cost.allowed && !cost.current) void move(sectionId, period, cost.roomId);
    else announce(`Period ${period} is not allowed for ${sectionId}.`);
  }

  /** Move: the edit, then its what-if. */
  function move(
    /** @type {string} */ sectionId,
    /** @type {number} */ period,
    /** @type {string | undefined} */ roomId,
  ) {
    return apply(
      { kind: "move", sectionId, period, ...(roomId ? { roomId } : {}) },
      `Moved ${sectionId} to period ${period}.`,
    );
  }

  /** Lock or unlock: a rebuild keeps a locked section where it is. */
  function lock(/** @type {string} */ sectionId, /** @type {boolean} */ locked) {
    return apply({ kind: "lock", sectionId, locked }, `${locked ? "Locked" : "Unlocked"} ${sectionId}.`);
  }

  /** An edit on the scenario's version; the board and the what-if follow its reply. */
  async function apply(/** @type {Record<string, unknown>} */ edit, /** @type {string} */ done) {
    announce("Saving the edit…");
    whatIf.replaceChildren(h("p", {}, "Computing the what-if…"));
    try {
      const reply = await api("POST", `${base}/edits`, { version: state.scenario.version, edit });
      state.scenario.version = reply.version;
      versionText.textContent = String(reply.version);
      for (const changed of reply.changed) {
        const i = state.scenario.sections.findIndex((/** @type {any} */ s) => s.sectionId === changed.sectionId);
        if (i >= 0) state.scenario.sections[i] = changed;
      }
      for (const s of reply.whatIf.stable.sections) state.fill.set(s.sectionId, s.after);
      whatIf.replaceChildren(...whatIfView(reply.whatIf, schoolId));
      cancel();
      announce(done);
    } catch (e) {
      whatIf.replaceChildren(
        h("p", { class: "error", role: "alert" }, e instanceof ApiFailure ? e.message : String(e)),
      );
    }
  }

  render();
  show(
    h("h1", {}, `Scenario ${scenario.name}`),
    h(
      "p",
      {},
      h("a", { href: schoolHash(schoolId) }, `School ${schoolId}`),
      ` · version `,
      versionText,
      ` · ${scenario.status}`,
    ),
    mover,
    whatIf,
    promote,
    grid,
  );
}

/** How a section's setting shows on its card (a general class says nothing). */
const SETTING_LABELS = /** @type {Record<string, string | undefined>} */ ({ sdc: "SDC", co_taught: "co-taught" });

/** The board: a row per teacher, a column per period; cards are buttons (keyboard) and draggable (mouse). */
function boardTable(
  /** @type {any} */ state,
  /** @type {{ choose: (id: string) => void, drop: (id: string, period: number) => Promise<void> }} */ act,
) {
  const sections = state.scenario.sections.filter((/** @type {any} */ s) => !s.closed);
  const periods = [
    ...new Set(sections.map((/** @type {any} */ s) => s.period).filter((/** @type {any} */ p) => p !== undefined)),
  ].sort((a, b) => a - b);
  const teachers = [...new Set(sections.map((/** @type {any} */ s) => s.teacherId ?? "(no teacher)"))].sort();
  const cell = new Map();
  for (const s of sections) {
    const key = `${s.teacherId ?? "(no teacher)"}|${s.period ?? "unplaced"}`;
    cell.set(key, [...(cell.get(key) ?? []), s]);
  }
  /** Open sections per course: a course with one is a singleton (its students have no other period). */
  const perCourse = new Map();
  for (const s of sections) perCourse.set(s.courseId, (perCourse.get(s.courseId) ?? 0) + 1);
  const card = (/** @type {any} */ s) => {
    const n = state.fill.get(s.sectionId) ?? 0;
    const singleton = perCourse.get(s.courseId) === 1;
    const setting = SETTING_LABELS[s.setting];
    return h(
      "button",
      {
        type: "button",
        class: `card${s.locked ? " locked" : ""}${n >= s.capacity ? " full" : ""}${singleton ? " singleton" : ""}${s.sectionId === state.selected ? " selected" : ""}`,
        draggable: "true",
        "data-section": s.sectionId,
        "aria-pressed": s.sectionId === state.selected ? "true" : "false",
        onclick: () => act.choose(s.sectionId),
        ondragstart: (/** @type {DragEvent} */ e) => {
          e.dataTransfer?.setData("text/plain", s.sectionId);
          if (state.selected !== s.sectionId) act.choose(s.sectionId);
        },
      },
      singleton
        ? h(
            "span",
            { class: "marker" },
            h("span", { "aria-hidden": "true", title: "Singleton: the only section of its course" }, "◆ "),
            h("span", { class: "sr-only" }, "Singleton (the only section of its course): "),
          )
        : undefined,
      `${s.courseId}`,
      h("span", { class: "sr-only" }, ` section ${s.sectionId}, `),
      h("br"),
      `${n}/${s.capacity}`,
      h("span", { class: "sr-only" }, " seats taken"),
      s.iepCapacity !== undefined ? h("span", { class: "iep" }, ` · IEP ${s.iepCapacity}`) : undefined,
      s.iepCapacity !== undefined ? h("span", { class: "sr-only" }, " IEP seats") : undefined,
      setting ? h("span", { class: "setting" }, ` · ${setting}`) : undefined,
      s.locked ? " locked" : undefined,
    );
  };
  return h(
    "table",
    {},
    h("caption", {}, `${sections.length} sections, ${teachers.length} teachers`),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, "Teacher"),
        ...periods.map((p) => h("th", { scope: "col" }, `Period ${p}`)),
      ),
    ),
    h(
      "tbody",
      {},
      ...teachers.map((t) =>
        h(
          "tr",
          {},
          h("th", { scope: "row" }, t),
          ...periods.map((p) =>
            h(
              "td",
              {
                "data-period": p,
                "data-teacher": t,
                ondragover: (/** @type {DragEvent} */ e) => e.preventDefault(),
                ondrop: (/** @type {DragEvent} */ e) => {
                  e.preventDefault();
                  const id = e.dataTransfer?.getData("text/plain");
                  if (id) void act.drop(id, p);
                },
              },
              ...(cell.get(`${t}|${p}`) ?? []).map(card),
            ),
          ),
        ),
      ),
    ),
  );
}

/** Marks the chosen section's row: each period allowed or not, with its cost (students in conflict / blocked). */
function paintCosts(/** @type {HTMLElement} */ grid, /** @type {any} */ state) {
  for (const old of grid.querySelectorAll(".cost")) old.remove();
  for (const td of grid.querySelectorAll("td.allowed, td.refused")) td.classList.remove("allowed", "refused");
  const selected = state.scenario.sections.find((/** @type {any} */ s) => s.sectionId === state.selected);
  for (const card of grid.querySelectorAll("button.card")) {
    const chosen = /** @type {HTMLElement} */ (card).dataset.section === state.selected;
    card.classList.toggle("selected", chosen);
    card.setAttribute("aria-pressed", String(chosen));
  }
  if (!selected || !state.costs || state.costs.sectionId !== selected.sectionId) return;
  const teacher = selected.teacherId ?? "(no teacher)";
  for (const p of state.costs.periods) {
    const td = [...grid.querySelectorAll("td")].find(
      (c) => c.dataset.teacher === teacher && c.dataset.period === String(p.period),
    );
    if (!td || p.current) continue;
    td.classList.add(p.allowed ? "allowed" : "refused");
    td.append(
      h("span", { class: "cost" }, p.allowed ? `cost ${p.studentsInConflict}/${p.studentsBlocked}` : "not allowed"),
    );
  }
}

/** The what-if: the scenario against its start, and the students it would move. */
function whatIfView(/** @type {any} */ w, /** @type {string} */ schoolId) {
  const d = w.stable.delta;
  const signed = (/** @type {number} */ n) =>
    h("span", { class: n > 0 ? "delta-good" : n < 0 ? "delta-bad" : "" }, n > 0 ? `+${n}` : String(n));
  return [
    h("h2", {}, "What-if"),
    h(
      "ul",
      { class: "figures", "aria-label": "What-if figures" },
      h("li", {}, h("strong", {}, w.stable.now.primaryMet), "requests met (", signed(d.primaryMet), ")"),
      h("li", {}, h("strong", {}, w.stable.now.fullSchedules), "full schedules (", signed(d.fullSchedules), ")"),
      h("li", {}, h("strong", {}, w.stable.changedStudents.count), "students whose schedule changes"),
    ),
    table(
      "Requests this would leave unmet",
      ["Student", "Course", "Priority", "Reason"],
      w.stable.newlyUnmet
        .slice(0, 50)
        .map((/** @type {any} */ u) => [
          h("a", { href: schoolHash(schoolId, `/student/${encodeURIComponent(u.studentId)}`) }, u.studentId),
          u.courseId,
          u.priority,
          u.reason,
        ]),
    ),
  ];
}

/** Promote: the scenario becomes the school's schedule; a full run, published. */
function promoteForm(/** @type {any} */ state) {
  const progress = h("p", { role: "status" });
  return h(
    "form",
    {
      class: "panel",
      onsubmit: async (/** @type {SubmitEvent} */ e) => {
        e.preventDefault();
        try {
          const { job } = await api("POST", `${state.base}/promote`, { version: state.scenario.version });
          const done = await waitForJob(job, (j) => (progress.textContent = `Promoting: ${j.status}…`));
          progress.textContent =
            done.status === "succeeded"
              ? `Promoted: run ${done.runId} is live.`
              : `Promotion failed: ${done.error?.message ?? ""}`;
        } catch (err) {
          progress.textContent = err instanceof Error ? err.message : String(err);
        }
      },
    },
    h("h2", {}, "Promote"),
    h("p", {}, "Make this scenario the school's master schedule: a full run, published."),
    h("button", { type: "submit" }, "Promote this scenario"),
    progress,
  );
}

/** The school's scenarios, and a form to make one from the live master schedule. */
async function scenarioListPage(/** @type {string} */ schoolId) {
  const { scenarios } = await api("GET", schoolPath(schoolId, "/scenarios"));
  const name = h("input", { id: "scenario-name", name: "name", required: true, maxlength: 200 });
  const error = h("p", { class: "error", role: "alert" });
  show(
    h("h1", {}, `Scenarios of ${schoolId}`),
    h("p", {}, h("a", { href: schoolHash(schoolId) }, `School ${schoolId}`)),
    table(
      `${scenarios.length} scenario(s)`,
      ["Name", "Author", "Version", "Status"],
      scenarios.map((/** @type {any} */ s) => [
        h("a", { href: schoolHash(schoolId, `/board/${s.scenarioId}`) }, s.name),
        s.author,
        s.version,
        s.status,
      ]),
    ),
    h(
      "form",
      {
        class: "inline",
        onsubmit: async (/** @type {SubmitEvent} */ e) => {
          e.preventDefault();
          try {
            const made = await api("POST", schoolPath(schoolId, "/scenarios"), {
              name: /** @type {HTMLInputElement} */ (name).value,
            });
            location.hash = schoolHash(schoolId, `/board/${made.scenarioId}`);
          } catch (err) {
            error.textContent = err instanceof Error ? err.message : String(err);
          }
        },
      },
      h("label", { for: "scenario-name" }, "Scenario name", name),
      h("button", { type: "submit" }, "New scenario"),
    ),
    error,
  );
}
