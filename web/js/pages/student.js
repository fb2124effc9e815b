// @ts-check
/**
 * A student: their timetable, their requests, and why each unmet one is unmet; change their
 * requests or grade, or drop them (late enrollments: PUT and DELETE .../students/:id seat them at
 * once), with the seats they got shown after.
 */
import { api, ApiFailure, schoolPath } from "../api.js";
import { announce, h, show, table } from "../dom.js";
import { schoolHash } from "./schools.js";

export const studentPath = (/** @type {string} */ schoolId, /** @type {string} */ studentId) =>
  schoolPath(schoolId, `/students/${encodeURIComponent(studentId)}`);

/** An API failure as a counselor reads it: the message, and each field's issue. */
export function failureView(/** @type {unknown} */ e) {
  const issues = e instanceof ApiFailure ? e.issues : [];
  return [
    h("p", {}, e instanceof Error ? e.message : String(e)),
    issues.length > 0
      ? h("ul", {}, ...issues.map((/** @type {any} */ i) => h("li", {}, `${i.path}: ${i.message}`)))
      : undefined,
  ];
}

/** What a placement gave: its status, the seats and the requests left unmet. */
export function placementView(/** @type {any} */ placement, /** @type {string} */ what) {
  const status =
    placement.status === "placed"
      ? `${what}; run ${placement.runId} seated them.`
      : placement.status === "deferred"
        ? `${what}; the seats come with the next run (${placement.reason ?? "deferred"}).`
        : placement.status === "failed"
          ? `${what}, but the run to seat them failed: ${placement.message ?? ""}`
          : `${what}; not seated (place=false).`;
  return [
    h("p", {}, status),
    placement.sections
      ? table(
          "Seats they got",
          ["Period", "Course", "Section", "Terms"],
          [...placement.sections]
            .sort((a, b) => (a.period ?? 99) - (b.period ?? 99))
            .map((/** @type {any} */ x) => [x.period ?? "–", x.courseId, x.sectionId, x.terms.join(", ")]),
        )
      : undefined,
    placement.unmet && placement.unmet.length > 0
      ? table(
          "Requests still unmet",
          ["Course", "Priority", "Reason"],
          placement.unmet.map((/** @type {any} */ u) => [u.courseId, u.priority, u.reason]),
        )
      : undefined,
  ];
}

/** The school's course IDs, for the request choosers. */
export async function courseIds(/** @type {string} */ schoolId) {
  const matrix = await api("GET", schoolPath(schoolId, "/conflict-matrix"));
  return matrix.courses.map((/** @type {any} */ c) => c.courseId).sort();
}

/** A labelled multiple choice of courses, `chosen` selected. */
export function courseChooser(
  /** @type {string} */ id,
  /** @type {string[]} */ courses,
  /** @type {Set<string>} */ chosen,
) {
  return h(
    "select",
    { id, multiple: true, size: Math.min(12, Math.max(4, courses.length)) },
    ...courses.map((c) => h("option", { value: c, selected: chosen.has(c) }, c)),
  );
}

export const selectedValues = (/** @type {HTMLElement} */ select) =>
  [.../** @type {HTMLSelectElement} */ (select).selectedOptions].map((o) => o.value);

/** A student's page; `result` is what the last change gave (shown on top). */
export async function studentPage(
  /** @type {import("../app.js").Me} */ me,
  /** @type {string} */ schoolId,
  /** @type {string} */ studentId,
  /** @type {Node[] | undefined} */ result = undefined,
) {
  const [s, courses] = await Promise.all([api("GET", studentPath(schoolId, studentId)), courseIds(schoolId)]);
  const name = [s.student.givenName, s.student.familyName].filter(Boolean).join(" ") || s.student.studentId;
  const seats = [...s.sections].sort(
    (/** @type {any} */ a, /** @type {any} */ b) => (a.period ?? 99) - (b.period ?? 99),
  );
  const unmet = new Map(s.unmet.map((/** @type {any} */ u) => [u.courseId, u.reason]));
  const seated = new Set(s.sections.map((/** @type {any} */ x) => x.courseId));
  const outcome = h("section", { class: "panel", "aria-live": "polite", "aria-label": "Outcome" }, ...(result ?? []));

  const chooser = courseChooser(
    "student-courses",
    courses,
    new Set(s.requests.map((/** @type {any} */ r) => r.courseId)),
  );
  const grade = h("input", { id: "student-grade", type: "number", min: -1, max: 12, value: s.student.grade });
  const change = h(
    "form",
    {
      class: "panel",
      "aria-label": "Change requests",
      onsubmit: async (/** @type {SubmitEvent} */ e) => {
        e.preventDefault();
        outcome.replaceChildren(h("p", {}, "Saving and seating…"));
        const kept = new Map(s.requests.map((/** @type {any} */ r) => [r.courseId, r]));
        const chosen = new Set(selectedValues(chooser));
        const requests = [...chosen].map((courseId) => {
          const old = kept.get(courseId);
          if (!old) return { courseId, priority: 1 };
          // An alternate for a course no longer requested would be refused: it becomes a request of its own.
          const { alternateFor, ...rest } = old;
          return alternateFor && !chosen.has(alternateFor) ? rest : old;
        });
        try {
          const reply = await api("PUT", studentPath(schoolId, studentId), {
            ...studentBody(s.student),
            grade: Number(/** @type {HTMLInputElement} */ (grade).value),
            requests,
          });
          announce(`Changed ${name}: ${reply.placement.status}.`);
          await studentPage(me, schoolId, studentId, placementView(reply.placement, `Changed ${name}`));
        } catch (err) {
          outcome.replaceChildren(h("div", { class: "error", role: "alert" }, ...failureView(err)));
        }
      },
    },
    h("h2", {}, "Change"),
    h("label", { for: "student-grade" }, "Grade", grade),
    h("label", { for: "student-courses" }, "Courses requested (choose several)", chooser),
    h("button", { type: "submit" }, "Save changes and seat"),
  );

  const confirm = h(
    "button",
    {
      type: "button",
      hidden: true,
      onclick: async () => {
        outcome.replaceChildren(h("p", {}, "Dropping…"));
        try {
          const reply = await api("DELETE", studentPath(schoolId, studentId));
          announce(`Dropped ${name}.`);
          show(
            h("h1", {}, `${name} dropped`),
            h("p", {}, h("a", { href: schoolHash(schoolId) }, `School ${schoolId}`)),
            h(
              "section",
              { class: "panel", "aria-label": "Outcome" },
              h(
                "p",
                {},
                reply.placement.status === "placed"
                  ? `Dropped ${name}: their seats are free (run ${reply.placement.runId}).`
                  : `Dropped ${name}: their seats are freed by the next run (${reply.placement.status}).`,
              ),
            ),
          );
        } catch (err) {
          outcome.replaceChildren(h("div", { class: "error", role: "alert" }, ...failureView(err)));
        }
      },
    },
    `Confirm: drop ${name}`,
  );
  const drop = h(
    "section",
    { class: "panel", "aria-label": "Drop" },
    h("h2", {}, "Drop"),
    h("p", {}, "The student left: remove them and free their seats."),
    h(
      "button",
      {
        type: "button",
        onclick: () => {
          confirm.hidden = false;
          confirm.focus();
        },
      },
      "Drop this student",
    ),
    " ",
    confirm,
  );

  show(
    h("h1", {}, name),
    h(
      "p",
      {},
      h("a", { href: schoolHash(schoolId) }, `School ${schoolId}`),
      ` · student ${s.student.studentId} · grade ${s.student.grade}${s.student.iep ? " · IEP" : ""}`,
    ),
    outcome,
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
    change,
    drop,
  );
  if (result) outcome.focus();
}

/** The record fields a PUT sends back unchanged (the API replaces the record with exactly these). */
function studentBody(/** @type {any} */ st) {
  /** @type {Record<string, unknown>} */
  const body = { grade: st.grade, iep: st.iep };
  for (const key of ["givenName", "familyName", "gender", "email", "teamId"])
    if (st[key] !== undefined) body[key] = st[key];
  return body;
}
