// @ts-check
/** Compare a scenario with the live roster or another scenario of its school: both sides' figures, the sections placed differently, the students whose schedules differ. */
import { api } from "../api.js";
import { announce, h, table } from "../dom.js";

/** Where a section is on one side: "period 3, T-12, R-4" (or "not there", "closed"). */
const placement = (/** @type {any} */ p) =>
  !p
    ? "not there"
    : p.closed
      ? "closed"
      : [p.period === undefined ? "not placed" : `period ${p.period}`, p.teacherId, p.roomId, `${p.capacity} seats`]
          .filter(Boolean)
          .join(", ");

/**
 * The compare panel of a board: choose the other side, then Compare.
 * @param {any} state the board's (base, scenario)
 * @param {Promise<any[]>} scenarios the school's scenarios (the choice lists them once they come)
 */
export function comparePanel(state, scenarios) {
  const against = h("select", { id: "compare-against" }, h("option", { value: "live" }, "the live roster"));
  void scenarios.then(
    (list) =>
      against.append(
        ...list
          .filter((s) => s.scenarioId !== state.scenario.scenarioId)
          .map((s) => h("option", { value: String(s.scenarioId) }, `scenario ${s.name} (version ${s.version})`)),
      ),
    () => undefined,
  );
  const out = h("div", { "aria-live": "polite" });
  return h(
    "form",
    {
      class: "panel",
      "aria-label": "Compare",
      onsubmit: async (/** @type {SubmitEvent} */ e) => {
        e.preventDefault();
        out.replaceChildren(h("p", {}, "Comparing…"));
        try {
          const c = await api(
            "GET",
            `${state.base}/diff?against=${encodeURIComponent(/** @type {HTMLSelectElement} */ (against).value)}`,
          );
          const figures = /** @type {const} */ ([
            ["Primary requests met", "primaryMet"],
            ["Full schedules", "fullSchedules"],
            ["Students with nothing", "studentsWithNothing"],
            ["Sections full", "sectionsFull"],
            ["Sections under half full", "sectionsUnderHalf"],
          ]);
          out.replaceChildren(
            table(
              "Side by side",
              ["Figure", c.a.label, c.b.label],
              figures.map(([label, key]) => [label, c.a.summary[key], c.b.summary[key]]),
            ),
            table(
              `Sections placed differently: ${c.sections.length}`,
              ["Section", c.a.label, c.b.label],
              c.sections.slice(0, 200).map((/** @type {any} */ s) => [s.sectionId, placement(s.a), placement(s.b)]),
            ),
            h("p", {}, `${c.changedStudents.count} students have a different schedule.`),
          );
          announce(`Compared: ${c.sections.length} sections placed differently.`);
        } catch (err) {
          out.replaceChildren(
            h("p", { class: "error", role: "alert" }, err instanceof Error ? err.message : String(err)),
          );
        }
      },
    },
    h("h2", {}, "Compare"),
    h(
      "div",
      { class: "filters" },
      h("label", { for: "compare-against" }, "Compare with", against),
      h("button", { type: "submit" }, "Compare"),
    ),
    out,
  );
}
