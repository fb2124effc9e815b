// @ts-check
/**
 * The master board of a scenario (board-grid.js draws it). Choose a card (click, Enter or drag):
 * each period's cost is painted (the conflict matrix: milliseconds). Choose a period (its button,
 * or drop the card on a cell): the edit's what-if is previewed (POST .../preview, nothing saved),
 * then Commit makes the edit or Cancel forgets it. Lock and unlock, undo, rebuild, teachers or
 * rooms down, compare with the live roster or another scenario, promote.
 */
import { api, ApiFailure, schoolPath, waitForJob } from "../api.js";
import { announce, h, show, table } from "../dom.js";
import { boardMarks, boardTable, paintCosts, updateBoard } from "./board-grid.js";
import { comparePanel } from "./compare.js";
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
  // Not waited for: the board is usable first, the conflict marks and the other scenarios follow.
  const matrix = { pairs: [] };
  const matrixLoaded = api("GET", schoolPath(schoolId, "/conflict-matrix"));
  const others = api("GET", schoolPath(schoolId, "/scenarios")).then((l) => l.scenarios);
  // The scenario's own stable load, made now: the first preview then loads only its side.
  void api("GET", `${base}/what-if?whatIf=stable`).catch(() => undefined);
  /** Live seats per section: the fill before any what-if. */
  const fill = new Map();
  for (const e of roster.enrollments) fill.set(e.sectionId, (fill.get(e.sectionId) ?? 0) + 1);
  const state = {
    me,
    schoolId,
    base,
    scenario,
    fill,
    /** @type {"teachers" | "rooms"} */ layout: "teachers",
    marks: boardMarks(
      scenario.sections.filter((/** @type {any} */ s) => !s.closed),
      matrix.pairs,
    ),
    /** @type {string | undefined} */ selected: undefined,
    /** @type {any} */ costs: undefined,
    /** @type {{ period: number, edit: any, version: number } | undefined} */ preview: undefined,
  };

  const grid = h("div", { class: "board" });
  const mover = h(
    "section",
    { class: "panel", "aria-label": "Move a section" },
    h("p", {}, "Choose a section (click it, or focus it and press Enter) to see where it could go."),
  );
  const whatIf = h("section", { class: "panel", "aria-live": "polite", "aria-label": "What-if" });
  const versionText = h("span", { id: "scenario-version" }, scenario.version);

  /** Draws the board: anew, or (`changed`) only the cards that changed. */
  const render = (changed = false) => {
    state.marks = boardMarks(
      state.scenario.sections.filter((/** @type {any} */ s) => !s.closed),
      matrix.pairs,
    );
    if (!changed || !updateBoard(grid, state, { choose })) {
      grid.replaceChildren(boardTable(state, { choose, drop }));
      grid.dataset.layout = state.layout;
    }
    paintCosts(grid, state);
  };
  /** @type {Promise<unknown> | undefined} */
  let costsLoading;

  /** Select a section: fetch each period's cost, mark its row (in place: a drag may be under way), list the moves. */
  async function choose(/** @type {string} */ sectionId) {
    state.selected = sectionId;
    state.preview = undefined;
    paintCosts(grid, state);
    costsLoading = api("GET", `${base}/sections/${encodeURIComponent(sectionId)}/periods`);
    state.costs = await costsLoading;
    if (state.selected !== sectionId) return;
    paintCosts(grid, state);
    const section = state.scenario.sections.find((/** @type {any} */ s) => s.sectionId === sectionId);
    mover.replaceChildren(
      h("h2", {}, `Move ${section.courseId} (${sectionId})`),
      h("p", {}, "Choose a period to preview the move's what-if; nothing changes until you commit it."),
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
                onclick: () => void preview(sectionId, p.period, p.roomId),
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
    state.preview = undefined;
    paintCosts(grid, state);
    mover.replaceChildren(h("p", {}, "Choose a section to see where it could go."));
  }

  /** Dropped on a cell: preview the move there if that period is allowed. */
  async function drop(/** @type {string} */ sectionId, /** @type {number} */ period) {
    await costsLoading;
    const cost = state.costs?.periods.find((/** @type {any} */ p) => p.period === period);
    if (cost && cost.allowed && !cost.current) void preview(sectionId, period, cost.roomId);
    else announce(`Period ${period} is not allowed for ${sectionId}.`);
  }

  /** The move's what-if before it is made: Commit or Cancel. */
  async function preview(
    /** @type {string} */ sectionId,
    /** @type {number} */ period,
    /** @type {string | undefined} */ roomId,
  ) {
    const edit = { kind: "move", sectionId, period, ...(roomId ? { roomId } : {}) };
    const version = state.scenario.version;
    state.preview = { period, edit, version };
    paintCosts(grid, state);
    whatIf.replaceChildren(
      h("h2", {}, "Preview"),
      h("p", {}, `Computing the what-if of ${sectionId} in period ${period}…`),
    );
    try {
      const reply = await api("POST", `${base}/preview`, { version, edit });
      if (state.preview?.edit !== edit) return; // another choice meanwhile
      const commit = h(
        "button",
        { type: "button", class: "primary", onclick: () => void commitPreview() },
        "Commit move",
      );
      whatIf.replaceChildren(
        h("h2", {}, "Preview"),
        h(
          "p",
          {},
          `${sectionId} to period ${period}${roomId ? ` (room ${roomId})` : ""}: against the scenario as it is.`,
        ),
        ...whatIfFigures(reply.stable, schoolId, "What this move would leave unmet"),
        h(
          "p",
          { class: "actions" },
          commit,
          " ",
          h("button", { type: "button", onclick: () => cancelPreview() }, "Cancel move"),
        ),
      );
      commit.focus();
      announce(`Preview of ${sectionId} in period ${period}: commit or cancel.`);
    } catch (e) {
      state.preview = undefined;
      whatIf.replaceChildren(h("p", { class: "error", role: "alert" }, failure(e)));
    }
  }

  function cancelPreview() {
    state.preview = undefined;
    whatIf.replaceChildren(h("p", {}, "Move cancelled: nothing changed."));
    paintCosts(grid, state);
    announce("Move cancelled.");
  }

  function commitPreview() {
    const p = state.preview;
    if (!p) return;
    return change(
      `${base}/edits?whatIf=stable`,
      { version: p.version, edit: p.edit },
      `Moved ${p.edit.sectionId} to period ${p.period}.`,
    );
  }

  /** Lock or unlock: a rebuild keeps a locked section where it is. */
  function lock(/** @type {string} */ sectionId, /** @type {boolean} */ locked) {
    return change(
      `${base}/edits?whatIf=stable`,
      { version: state.scenario.version, edit: { kind: "lock", sectionId, locked } },
      `${locked ? "Locked" : "Unlocked"} ${sectionId}.`,
    );
  }

  /** A change on the scenario's version (edit, undo, rebuild); the board and the what-if follow its reply. */
  async function change(/** @type {string} */ path, /** @type {unknown} */ body, /** @type {string} */ done) {
    announce("Saving…");
    whatIf.replaceChildren(h("p", {}, "Saving and computing the what-if…"));
    try {
      const reply = await api("POST", path, body);
      state.scenario.version = reply.version;
      versionText.textContent = String(reply.version);
      const sections = state.scenario.sections;
      for (const changed of reply.changed) {
        const i = sections.findIndex((/** @type {any} */ s) => s.sectionId === changed.sectionId);
        if (i >= 0) sections[i] = changed;
        else sections.push(changed);
      }
      if (reply.removed)
        state.scenario.sections = sections.filter((/** @type {any} */ s) => !reply.removed.includes(s.sectionId));
      for (const s of reply.whatIf.stable.sections) state.fill.set(s.sectionId, s.after);
      const extra =
        reply.undid !== undefined
          ? `Undid version ${reply.undid}. `
          : reply.moved !== undefined
            ? `Rebuilt: ${reply.moved} section(s) moved${reply.unplaced?.length ? `, ${reply.unplaced.length} not placed` : ""}. `
            : "";
      state.selected = undefined;
      state.costs = undefined;
      state.preview = undefined;
      render(true);
      mover.replaceChildren(h("p", {}, "Choose a section to see where it could go."));
      whatIf.replaceChildren(
        h("h2", {}, "What-if"),
        h("p", {}, `${extra}${done} The scenario against its start:`),
        ...whatIfFigures(reply.whatIf.stable, schoolId, "Requests the scenario would leave unmet"),
      );
      announce(`${extra}${done}`);
    } catch (e) {
      whatIf.replaceChildren(h("p", { class: "error", role: "alert" }, failure(e)));
    }
  }

  const layoutChoice = h(
    "select",
    {
      id: "board-layout",
      onchange: (/** @type {Event} */ e) => {
        state.layout = /** @type {any} */ (/** @type {HTMLSelectElement} */ (e.target).value);
        render();
        announce(`${state.layout === "rooms" ? "Rooms" : "Teachers"} down.`);
      },
    },
    h("option", { value: "teachers" }, "Teachers down"),
    h("option", { value: "rooms" }, "Rooms down"),
  );
  const toolbar = h(
    "div",
    { class: "filters", role: "group", "aria-label": "Scenario" },
    h("label", { for: "board-layout" }, "Rows", layoutChoice),
    h(
      "button",
      {
        type: "button",
        onclick: () =>
          void change(`${base}/undo?whatIf=stable`, { version: state.scenario.version }, "The latest edit is undone."),
      },
      "Undo",
    ),
    h(
      "button",
      {
        type: "button",
        onclick: () =>
          void change(
            `${base}/rebuild?whatIf=stable`,
            { version: state.scenario.version },
            "Every section not locked was placed again.",
          ),
      },
      "Rebuild",
    ),
  );

  render();
  void matrixLoaded.then(
    (m) => {
      matrix.pairs = m.pairs;
      render(true);
      grid.dataset.marks = "conflicts";
    },
    (e) => announce(`The conflict marks could not be loaded: ${failure(e)}`),
  );
  show(
    h("h1", {}, `Scenario ${scenario.name}`),
    h(
      "p",
      {},
      h("a", { href: schoolHash(schoolId) }, `School ${schoolId}`),
      " · ",
      h("a", { href: schoolHash(schoolId, "/board") }, "all scenarios"),
      ` · version `,
      versionText,
      ` · ${scenario.status}`,
    ),
    toolbar,
    h(
      "p",
      { class: "legend" },
      "◆ singleton (the only section of its course) · ✖ clash (a teacher or room twice in a period) · ⚠ conflict (students request two courses that meet only in the same period)",
    ),
    mover,
    whatIf,
    comparePanel(state, others),
    promoteForm(state),
    grid,
  );
}

const failure = (/** @type {unknown} */ e) =>
  e instanceof ApiFailure ? `${e.message}${e.code ? ` (${e.code})` : ""}` : String(e);

/** A what-if's figures and the requests it would leave unmet (the stable what-if: who it moves). */
function whatIfFigures(/** @type {any} */ w, /** @type {string} */ schoolId, /** @type {string} */ caption) {
  const d = w.delta;
  const signed = (/** @type {number} */ n) =>
    h("span", { class: n > 0 ? "delta-good" : n < 0 ? "delta-bad" : "" }, n > 0 ? `+${n}` : String(n));
  return [
    h(
      "ul",
      { class: "figures", "aria-label": "What-if figures" },
      h("li", {}, h("strong", {}, w.now.primaryMet), "requests met (", signed(d.primaryMet), ")"),
      h("li", {}, h("strong", {}, w.now.fullSchedules), "full schedules (", signed(d.fullSchedules), ")"),
      h("li", {}, h("strong", {}, w.changedStudents.count), "students whose schedule changes"),
    ),
    table(
      `${caption}: ${w.newlyUnmet.length}`,
      ["Student", "Course", "Priority", "Reason"],
      w.newlyUnmet
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
