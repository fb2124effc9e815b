// @ts-check
/** Small DOM helpers: every text goes in as text (names with apostrophes or any Unicode stay exact, never HTML). */

/**
 * An element with attributes and children (strings become text nodes).
 * @param {string} tag
 * @param {Record<string, unknown>} [attrs] on* functions become listeners; false/undefined are left out
 * @param {...(Node | string | number | false | null | undefined)} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false || value === null) continue;
    if (key.startsWith("on") && typeof value === "function")
      el.addEventListener(key.slice(2), /** @type {EventListener} */ (value));
    else if (key === "dataset") Object.assign(el.dataset, value);
    // Through the CSSOM, which a Content-Security-Policy without 'unsafe-inline' still allows.
    else if (key === "style") el.style.cssText = String(value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue;
    el.append(typeof child === "object" ? child : String(child));
  }
  return el;
}

/** Replaces the main area's content and moves focus to its heading (screen readers hear the new page). */
export function show(/** @type {Node[]} */ ...nodes) {
  const main = /** @type {HTMLElement} */ (document.getElementById("main"));
  main.replaceChildren(...nodes);
  const heading = main.querySelector("h1");
  if (heading) {
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  }
}

/** Says something in the polite live region. */
export function announce(/** @type {string} */ text) {
  const status = document.getElementById("status");
  if (status) status.textContent = text;
}

/**
 * A table with a caption.
 * @param {string} caption
 * @param {string[]} head
 * @param {(Node | string | number | undefined)[][]} rows
 */
export function table(caption, head, rows) {
  return h(
    "table",
    {},
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, ...head.map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, ...rows.map((r) => h("tr", {}, ...r.map((c) => h("td", {}, c ?? ""))))),
  );
}
