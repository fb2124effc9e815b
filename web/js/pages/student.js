// @ts-check
/** A student: their timetable, their requests, and why each unmet one is unmet. */
import { api, schoolPath } from "../api.js";
import { h, show, table } from "../dom.js";
import { schoolHash } from "./schools.js";

export async function studentPage(
  /** @type {import("../app.js").Me} */ _me,
  /** @type {string} */ schoolId,
  /** @type {string} */ studentId,
) {
  const s = await api("GET", schoolPath(schoolId, `/students/${encodeURIComponent(studentId)}`));
  const name = [s.student.givenName, s.student.familyName].filter(Boolean).join(" ") || s.student.studentId;
  const seats = [...s.sections].sort(
    (/** @type {any} */ a, /** @type {any} */ b) => (a.period ?? 99) - (b.period ?? 99),
  );
  const unmet = new Map(s.unmet.map((/** @type {any} */ u) => [u.courseId, u.reason]));
  const seated = new Set(s.sections.map((/** @type {any} */ x) => x.courseId));
  show(
    h("h1", {}, name),
    h(
      "p",
      {},
      h("a", { href: schoolHash(schoolId) }, `School ${schoolId}`),
      ` · student ${s.student.studentId} · grade ${s.student.grade}${s.student.iep ? " · IEP" : ""}`,
    ),
    table(
      "Timetable",
      ["Period", "Course", "Section", "Terms"],
      seats.map((/** @type {any} */ x) => [x.period ?? "–", x.courseId, x.sectionId, x.terms.join(", ")]),
    ),
    table(
      "Requests",
      ["Course", "Priority", "Alternate for", "Outcome"],
      s.requests.map((/** @type {any} */ r) => [
        r.courseId,
        r.priority,
        r.alternateFor ?? "",
        seated.has(r.courseId) ? "seated" : unmet.has(r.courseId) ? `unmet: ${unmet.get(r.courseId)}` : "not needed",
      ]),
    ),
  );
}
