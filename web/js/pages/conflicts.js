// @ts-check
/**
 * A school's conflict matrix: courses by courses, each cell the students requesting both (the
 * diagonal: the course alone). Singletons and doubletons come first: their students have the
 * fewest periods to choose from, so their conflicts are the ones a master schedule must avoid.
 */
import { api, schoolPath } from "../api.js";
import { h, show } from "../dom.js";
import { schoolHash } from "./schools.js";

/** At most this many courses each way (the biggest schools have hundreds; the rarest sections come first). */
const MAX_COURSES = 60;

/** Fewest sections first; a course with none (requested, not offered) last. */
const rank = (/** @type {{ sections: number }} */ c) => (c.sections === 0 ? Infinity : c.sections);

export async function conflictsPage(/** @type {string} */ schoolId) {
  const matrix = await api("GET", schoolPath(schoolId, "/conflict-matrix"));
  const courses = [...matrix.courses].sort(
    (/** @type {any} */ a, /** @type {any} */ b) =>
      rank(a) - rank(b) || b.students - a.students || a.courseId.localeCompare(b.courseId),
  );
  const shown = courses.slice(0, MAX_COURSES);
  /** @type {Map<string, number>} */
  const together = new Map();
  for (const p of matrix.pairs) {
    together.set(`${p.courseA}\u0000${p.courseB}`, p.students);
    together.set(`${p.courseB}\u0000${p.courseA}`, p.students);
  }
  const kind = (/** @type {number} */ n) => (n === 1 ? "singleton" : n === 2 ? "doubleton" : "");
  const label = (/** @type {any} */ c) => {
    const k = kind(c.sections);
    return [
      c.courseId,
      h("span", { class: "sections" }, ` (${c.sections} section${c.sections === 1 ? "" : "s"}${k ? `, ${k}` : ""})`),
    ];
  };
  show(
    h("h1", {}, `Conflict matrix of ${schoolId}`),
    h("p", {}, h("a", { href: schoolHash(schoolId) }, `School ${schoolId}`)),
    h(
      "p",
      {},
      "Each cell: the students requesting both courses; on the diagonal, the students requesting the course. Singletons and doubletons first.",
    ),
    h(
      "div",
      // Scrollable, so focusable: the keyboard scrolls it too.
      { class: "matrix", tabindex: "0", role: "region", "aria-label": "Conflict matrix" },
      h(
        "table",
        {},
        h(
          "caption",
          {},
          `${courses.length} courses${shown.length < courses.length ? `, the first ${shown.length} shown` : ""}`,
        ),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("td", {}),
            ...shown.map((c) => h("th", { scope: "col", class: kind(c.sections) || undefined }, ...label(c))),
          ),
        ),
        h(
          "tbody",
          {},
          ...shown.map((row) =>
            h(
              "tr",
              {},
              h("th", { scope: "row", class: kind(row.sections) || undefined }, ...label(row)),
              ...shown.map((col) => {
                const n =
                  row.courseId === col.courseId ? row.students : together.get(`${row.courseId}\u0000${col.courseId}`);
                return h("td", { class: row.courseId === col.courseId ? "diagonal" : undefined }, n ?? "");
              }),
            ),
          ),
        ),
      ),
    ),
  );
}
