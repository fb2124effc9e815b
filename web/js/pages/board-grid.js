// @ts-check
/**
 * The master board's grid: periods across, teachers (or rooms) down, each section a card
 * (course, fill against capacity, IEP seats, setting, locked). Marked on the cards: singletons
 * (a course's only open section), clashes (a teacher or room twice in one period) and conflicts
 * (two courses requested together that each meet only in this period: their students cannot
 * have both, as the conflict matrix counts them). The chosen section's row shows each period's
 * cost (paintCosts).
 */
import { h } from "../dom.js";

/** How a section's setting shows on its card (a general class says nothing). */
const SETTING_LABELS = /** @type {Record<string, string | undefined>} */ ({ sdc: "SDC", co_taught: "co-taught" });

/** Rows by teacher or by room: the row a section sits in. */
export const rowOf = (/** @type {any} */ s, /** @type {"teachers" | "rooms"} */ layout) =>
  (layout === "rooms" ? s.roomId : s.teacherId) ?? (layout === "rooms" ? "(no room)" : "(no teacher)");

/**
 * What to mark on each open placed section: clashes (teacher or room twice in its period) and
 * conflicts (another course its students request too, both meeting only in that period).
 * @param {any[]} sections open sections
 * @param {{ courseA: string, courseB: string, students: number }[]} pairs the conflict matrix's pairs
 * @returns {Map<string, { clashes: string[], conflicts: { courseId: string, students: number }[] }>}
 */
export function boardMarks(sections, pairs) {
  /** @type {Map<string, { clashes: string[], conflicts: { courseId: string, students: number }[] }>} */
  const marks = new Map();
  const mark = (/** @type {string} */ id) => {
    let m = marks.get(id);
    if (!m) marks.set(id, (m = { clashes: [], conflicts: [] }));
    return m;
  };
  const placed = sections.filter((s) => s.period !== undefined);
  for (const [field, what] of [
    ["teacherId", "teacher"],
    ["roomId", "room"],
  ]) {
    const at = new Map();
    for (const s of placed) {
      if (s[field] === undefined) continue;
      const key = `${s[field]}|${s.period}`;
      at.set(key, [...(at.get(key) ?? []), s]);
    }
    for (const group of at.values())
      if (group.length > 1)
        for (const s of group) mark(s.sectionId).clashes.push(`${what} ${s[field]} has ${group.length} sections then`);
  }
  /** The one period every open placed section of a course meets in (undefined: more than one, or none). */
  const only = new Map();
  const byCourse = new Map();
  for (const s of placed) byCourse.set(s.courseId, [...(byCourse.get(s.courseId) ?? []), s]);
  for (const [courseId, list] of byCourse) {
    const periods = new Set(list.map((/** @type {any} */ s) => s.period));
    if (periods.size === 1) only.set(courseId, list[0].period);
  }
  for (const { courseA, courseB, students } of pairs) {
    if (students <= 0 || courseA === courseB) continue;
    const p = only.get(courseA);
    if (p === undefined || only.get(courseB) !== p) continue;
    for (const s of byCourse.get(courseA)) mark(s.sectionId).conflicts.push({ courseId: courseB, students });
    for (const s of byCourse.get(courseB)) mark(s.sectionId).conflicts.push({ courseId: courseA, students });
  }
  return marks;
}

/**
 * A section's card.
 * @param {any} state the page's
 * @param {any} s the section
 * @param {Map<string, number>} perCourse open sections per course
 * @param {{ choose: (id: string) => void }} act
 */
export function cardOf(state, s, perCourse, act) {
  const layout = state.layout;
  const n = state.fill.get(s.sectionId) ?? 0;
  const singleton = perCourse.get(s.courseId) === 1;
  const setting = SETTING_LABELS[s.setting];
  const marks = state.marks.get(s.sectionId);
  const clash = marks && marks.clashes.length > 0;
  const conflict = marks && marks.conflicts.length > 0;
  const conflictText =
    conflict &&
    marks.conflicts
      .slice(0, 3)
      .map((/** @type {any} */ c) => `${c.students} with ${c.courseId}`)
      .join(", ");
  return h(
    "button",
    {
      type: "button",
      class: `card${s.locked ? " locked" : ""}${n >= s.capacity ? " full" : ""}${singleton ? " singleton" : ""}${clash ? " clash" : ""}${conflict ? " conflict" : ""}${s.sectionId === state.selected ? " selected" : ""}`,
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
    clash
      ? h(
          "span",
          { class: "marker clash-marker" },
          h("span", { "aria-hidden": "true", title: marks.clashes.join("; ") }, " ✖"),
          h("span", { class: "sr-only" }, `Clash (${marks.clashes.join("; ")}): `),
        )
      : undefined,
    conflict
      ? h(
          "span",
          { class: "marker conflict-marker" },
          h("span", { "aria-hidden": "true", title: `Conflict: students request ${conflictText}` }, " ⚠"),
          h("span", { class: "sr-only" }, `Conflict (students requesting ${conflictText}, only then): `),
        )
      : undefined,
    h("br"),
    `${n}/${s.capacity}`,
    h("span", { class: "sr-only" }, " seats taken"),
    s.iepCapacity !== undefined ? h("span", { class: "iep" }, ` · IEP ${s.iepCapacity}`) : undefined,
    s.iepCapacity !== undefined ? h("span", { class: "sr-only" }, " IEP seats") : undefined,
    setting ? h("span", { class: "setting" }, ` · ${setting}`) : undefined,
    layout === "rooms" && s.teacherId ? h("span", { class: "who" }, ` · ${s.teacherId}`) : undefined,
    layout === "teachers" && s.roomId ? h("span", { class: "who" }, ` · ${s.roomId}`) : undefined,
    s.locked ? " locked" : undefined,
  );
}

/**
 * The board's table: a row per teacher (or room), a column per period; cards are buttons (keyboard) and draggable (mouse).
 * @param {any} state the page's: scenario, fill, selected, layout, marks
 * @param {{ choose: (id: string) => void, drop: (id: string, period: number) => Promise<void> }} act
 */
export function boardTable(state, act) {
  /** @type {"teachers" | "rooms"} */
  const layout = state.layout;
  const sections = state.scenario.sections.filter((/** @type {any} */ s) => !s.closed);
  const periods = [
    ...new Set(sections.map((/** @type {any} */ s) => s.period).filter((/** @type {any} */ p) => p !== undefined)),
  ].sort((a, b) => a - b);
  const rows = [...new Set(sections.map((/** @type {any} */ s) => rowOf(s, layout)))].sort();
  const cell = new Map();
  for (const s of sections) {
    const key = `${rowOf(s, layout)}|${s.period ?? "unplaced"}`;
    cell.set(key, [...(cell.get(key) ?? []), s]);
  }
  /** Open sections per course: a course with one is a singleton (its students have no other period). */
  const perCourse = new Map();
  for (const s of sections) perCourse.set(s.courseId, (perCourse.get(s.courseId) ?? 0) + 1);
  state.cardKeys = new Map();
  const card = (/** @type {any} */ s) => {
    state.cardKeys.set(s.sectionId, cardKey(state, s, perCourse));
    return cardOf(state, s, perCourse, act);
  };
  const head = layout === "rooms" ? "Room" : "Teacher";
  return h(
    "table",
    {},
    h("caption", {}, `${sections.length} sections, ${rows.length} ${layout === "rooms" ? "rooms" : "teachers"}`),
    h(
      "thead",
      {},
      h("tr", {}, h("th", { scope: "col" }, head), ...periods.map((p) => h("th", { scope: "col" }, `Period ${p}`))),
    ),
    h(
      "tbody",
      {},
      ...rows.map((r) =>
        h(
          "tr",
          {},
          h("th", { scope: "row" }, r),
          ...periods.map((p) =>
            h(
              "td",
              {
                "data-period": p,
                "data-row": r,
                ondragover: (/** @type {DragEvent} */ e) => e.preventDefault(),
                ondrop: (/** @type {DragEvent} */ e) => {
                  e.preventDefault();
                  const id = e.dataTransfer?.getData("text/plain");
                  if (id) void act.drop(id, p);
                },
              },
              ...(cell.get(`${r}|${p}`) ?? []).map(card),
            ),
          ),
        ),
      ),
    ),
  );
}

/** What a card shows: while it is the same, the card stays as it is. */
const cardKey = (/** @type {any} */ state, /** @type {any} */ s, /** @type {Map<string, number>} */ perCourse) =>
  JSON.stringify([s, state.fill.get(s.sectionId) ?? 0, perCourse.get(s.courseId) === 1, state.marks.get(s.sectionId)]);

/**
 * After a change: only the cards whose section, fill or marks changed are drawn again (930
 * cards drawn anew cost the page a second of style and layout on the high-school preset).
 * False when the board needs drawing anew (a new row or period, another layout).
 * @param {HTMLElement} grid
 * @param {any} state
 * @param {{ choose: (id: string) => void }} act
 */
export function updateBoard(grid, state, act) {
  const keys = state.cardKeys;
  if (!keys || grid.dataset.layout !== state.layout) return false;
  const sections = state.scenario.sections.filter((/** @type {any} */ s) => !s.closed);
  const perCourse = new Map();
  for (const s of sections) perCourse.set(s.courseId, (perCourse.get(s.courseId) ?? 0) + 1);
  const cells = new Map();
  for (const td of grid.querySelectorAll("td")) {
    const c = /** @type {HTMLElement} */ (td);
    cells.set(`${c.dataset.row}|${c.dataset.period}`, c);
  }
  const cardIn = (/** @type {string} */ id) => grid.querySelector(`button.card[data-section="${CSS.escape(id)}"]`);
  const seen = new Set();
  for (const s of sections) {
    seen.add(s.sectionId);
    const key = cardKey(state, s, perCourse);
    if (keys.get(s.sectionId) === key) continue;
    const cell = s.period === undefined ? undefined : cells.get(`${rowOf(s, state.layout)}|${s.period}`);
    if (!cell && s.period !== undefined) return false;
    const old = cardIn(s.sectionId);
    // A keyboard user keeps their place: the new card takes the focus the old one had.
    const focused = old !== null && old === document.activeElement;
    old?.remove();
    if (cell) {
      const card = cardOf(state, s, perCourse, act);
      cell.append(card);
      if (focused) card.focus();
    }
    keys.set(s.sectionId, key);
  }
  for (const id of [...keys.keys()])
    if (!seen.has(id)) {
      cardIn(id)?.remove();
      keys.delete(id);
    }
  return true;
}

/** Marks the chosen section's row: each period allowed or not, with its cost (students in conflict / blocked). */
export function paintCosts(/** @type {HTMLElement} */ grid, /** @type {any} */ state) {
  for (const old of grid.querySelectorAll(".cost")) old.remove();
  for (const td of grid.querySelectorAll("td.allowed, td.refused, td.previewed"))
    td.classList.remove("allowed", "refused", "previewed");
  const selected = state.scenario.sections.find((/** @type {any} */ s) => s.sectionId === state.selected);
  for (const card of grid.querySelectorAll("button.card.selected, button.card[aria-pressed=true]")) {
    card.classList.remove("selected");
    card.setAttribute("aria-pressed", "false");
  }
  if (!selected) return;
  const chosen = grid.querySelector(`button.card[data-section="${CSS.escape(selected.sectionId)}"]`);
  chosen?.classList.add("selected");
  chosen?.setAttribute("aria-pressed", "true");
  if (!state.costs || state.costs.sectionId !== selected.sectionId) return;
  const row = rowOf(selected, state.layout);
  const cells = new Map();
  for (const td of grid.querySelectorAll("td")) {
    const c = /** @type {HTMLElement} */ (td);
    if (c.dataset.row === row) cells.set(c.dataset.period, c);
  }
  for (const p of state.costs.periods) {
    const td = cells.get(String(p.period));
    if (!td || p.current) continue;
    td.classList.add(p.allowed ? "allowed" : "refused");
    if (state.preview?.period === p.period) td.classList.add("previewed");
    td.append(
      h("span", { class: "cost" }, p.allowed ? `cost ${p.studentsInConflict}/${p.studentsBlocked}` : "not allowed"),
    );
  }
}
