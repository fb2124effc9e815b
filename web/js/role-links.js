// @ts-check
/** The header's links to the views of the caller's role: District (district), Benchmarks (qa and district). */
import { h } from "./dom.js";

/** Puts the role's links in the header's navigation (none when signed out). */
export function showRoleLinks(/** @type {import("./app.js").Me | undefined} */ me) {
  const nav = document.querySelector(".top nav");
  if (!nav) return;
  let links = document.getElementById("role-links");
  if (!links) {
    links = h("span", { id: "role-links", class: "role-links" });
    nav.prepend(links);
  }
  const role = me?.role;
  links.replaceChildren(
    ...(role === "district" ? [h("a", { href: "#/district" }, "District")] : []),
    ...(role === "district" || role === "qa" ? [h("a", { href: "#/qa" }, "Benchmarks")] : []),
    ...(me ? [h("a", { href: "#/" }, "Schools")] : []),
  );
}
