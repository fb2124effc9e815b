// @ts-check
/** The workspace: sign-in, then pages by the URL's hash (#/district, #/qa, #/school/<id>, #/school/<id>/board/<scenario>, #/school/<id>/conflicts, #/school/<id>/student/<id>). */
import { api, ApiFailure } from "./api.js";
import { announce, h, show } from "./dom.js";
import { boardPage } from "./pages/board.js";
import { enrollPage } from "./pages/enroll.js";
import { conflictsPage } from "./pages/conflicts.js";
import { districtPage } from "./pages/district.js";
import { qaPage } from "./pages/qa.js";
import { schoolListPage, schoolPage } from "./pages/schools.js";
import { studentPage } from "./pages/student.js";
import { showRoleLinks } from "./role-links.js";

/** @typedef {{ tokenId: number, name: string, role: "counselor" | "district" | "qa", schools: string[] }} Me */

/** @type {Me | undefined} */
let me;

function signInPage(/** @type {string} */ message = "") {
  const token = h("input", { id: "token", name: "token", type: "password", autocomplete: "off", required: true });
  const error = h("p", { class: "error", role: "alert" }, message);
  const form = h(
    "form",
    {
      class: "inline",
      onsubmit: async (/** @type {SubmitEvent} */ event) => {
        event.preventDefault();
        try {
          me = await api("POST", "/v1/session", { token: /** @type {HTMLInputElement} */ (token).value });
          /** @type {HTMLInputElement} */ (token).value = "";
          if (location.hash === "" || location.hash === "#/") await route();
          else location.hash = "#/";
        } catch (e) {
          error.textContent =
            e instanceof ApiFailure && e.status === 401 ? "That token is unknown or revoked." : String(e);
        }
      },
    },
    h("label", { for: "token" }, "Token", token),
    h("button", { type: "submit" }, "Sign in"),
  );
  show(h("h1", {}, "Sign in"), h("p", {}, "Paste the API token you were given (mse token create)."), form, error);
}

function header() {
  const who = /** @type {HTMLElement} */ (document.getElementById("who"));
  const out = /** @type {HTMLButtonElement} */ (document.getElementById("sign-out"));
  who.textContent = me ? `${me.name} (${me.role})` : "";
  out.hidden = !me;
  showRoleLinks(me);
}

async function signOut() {
  await api("DELETE", "/v1/session");
  me = undefined;
  header();
  location.hash = "#/";
  signInPage("Signed out.");
}

/** Shows the page the hash names. */
async function route() {
  if (!me) {
    try {
      me = await api("GET", "/v1/me");
    } catch (e) {
      if (e instanceof ApiFailure && e.status === 401) {
        header();
        return signInPage();
      }
      throw e;
    }
  }
  header();
  const parts = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
  const [kind, schoolId, sub, id] = parts;
  const user = /** @type {Me} */ (me);
  try {
    if (kind === "district") return await districtPage();
    if (kind === "qa") return await qaPage();
    if (kind === "school" && schoolId && sub === "board")
      return await boardPage(user, schoolId, id ? Number(id) : undefined);
    if (kind === "school" && schoolId && sub === "conflicts") return await conflictsPage(schoolId);
    if (kind === "school" && schoolId && sub === "student" && id) return await studentPage(user, schoolId, id);
    if (kind === "school" && schoolId && sub === "enroll") return await enrollPage(user, schoolId);
    if (kind === "school" && schoolId) return await schoolPage(user, schoolId);
    return await schoolListPage(user);
  } catch (e) {
    if (e instanceof ApiFailure && e.status === 401) {
      me = undefined;
      header();
      return signInPage("Your session is over: sign in again.");
    }
    show(
      h("h1", {}, "Something went wrong"),
      h("p", { class: "error", role: "alert" }, e instanceof Error ? e.message : String(e)),
    );
  }
}

document.getElementById("sign-out")?.addEventListener("click", () => void signOut().catch((e) => announce(String(e))));
window.addEventListener("hashchange", () => void route());
void route();
