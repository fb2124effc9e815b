// @ts-check
/** Enroll a late student, new to the school: their record and requests, seated at once (PUT .../students/:id), the seats they got shown after. */
import { api } from "../api.js";
import { announce, h, show } from "../dom.js";
import { schoolHash } from "./schools.js";
import { courseChooser, courseIds, failureView, placementView, selectedValues, studentPath } from "./student.js";

/** Enroll a late student: their record and requests, seated at once. */
export async function enrollPage(/** @type {import("../app.js").Me} */ me, /** @type {string} */ schoolId) {
  // As the API refuses qa every student write: said before a form qa could not send.
  if (me.role === "qa")
    throw new Error("a qa token may not do this: enrolling is for counselors and district operations");
  const courses = await courseIds(schoolId);
  const field = (
    /** @type {string} */ id,
    /** @type {string} */ label,
    /** @type {Record<string, unknown>} */ attrs = {},
  ) => {
    const input = h("input", { id, name: id, ...attrs });
    return { input, label: h("label", { for: id }, label, input) };
  };
  const id = field("enroll-id", "Student ID", { required: true, maxlength: 200, autocomplete: "off" });
  const given = field("enroll-given", "Given name", { maxlength: 200, autocomplete: "off" });
  const family = field("enroll-family", "Family name", { maxlength: 200, autocomplete: "off" });
  const grade = field("enroll-grade", "Grade", { type: "number", min: -1, max: 12, required: true });
  const iep = h("input", { id: "enroll-iep", type: "checkbox" });
  const chooser = courseChooser("enroll-courses", courses, new Set());
  const outcome = h("section", { class: "panel", "aria-live": "polite", "aria-label": "Outcome" });
  const value = (/** @type {HTMLElement} */ el) => /** @type {HTMLInputElement} */ (el).value;
  show(
    h("h1", {}, `Enroll a student at ${schoolId}`),
    h("p", {}, h("a", { href: schoolHash(schoolId) }, `School ${schoolId}`)),
    h(
      "form",
      {
        class: "panel",
        onsubmit: async (/** @type {SubmitEvent} */ e) => {
          e.preventDefault();
          const studentId = value(id.input).trim();
          outcome.replaceChildren(h("p", {}, "Enrolling and seating…"));
          try {
            const reply = await api("PUT", studentPath(schoolId, studentId), {
              grade: Number(value(grade.input)),
              ...(value(given.input) ? { givenName: value(given.input) } : {}),
              ...(value(family.input) ? { familyName: value(family.input) } : {}),
              iep: /** @type {HTMLInputElement} */ (iep).checked,
              requests: selectedValues(chooser).map((courseId) => ({ courseId, priority: 1 })),
            });
            const name =
              [reply.student.givenName, reply.student.familyName].filter(Boolean).join(" ") || reply.student.studentId;
            outcome.replaceChildren(
              ...placementView(
                reply.placement,
                reply.created ? `Enrolled ${name}` : `Changed ${name} (already enrolled)`,
              ),
              h(
                "p",
                {},
                h("a", { href: schoolHash(schoolId, `/student/${encodeURIComponent(studentId)}`) }, `${name}'s page`),
              ),
            );
            announce(`Enrolled ${name}: ${reply.placement.status}.`);
          } catch (err) {
            outcome.replaceChildren(h("div", { class: "error", role: "alert" }, ...failureView(err)));
          }
        },
      },
      id.label,
      given.label,
      family.label,
      grade.label,
      h("label", { for: "enroll-iep", class: "check" }, iep, "Has an IEP"),
      h("label", { for: "enroll-courses" }, "Courses requested (choose several)", chooser),
      h("button", { type: "submit" }, "Enroll and seat"),
    ),
    outcome,
  );
}
