// @ts-check
/**
 * Charts in plain SVG, drawn here rather than by a library: three shapes (a line over runs, bars
 * by category, a histogram) are all the workspace needs, and a vendored chart library would be
 * tens of kilobytes for them. Every chart is a figure with a caption, an SVG that screen readers
 * hear as one image with a summary (role="img", aria-label), and its figures in a table under a
 * disclosure: the text alternative. Colours by CSS class (app.css), nothing inline, so the
 * Content-Security-Policy needs no exception.
 */
import { h, table } from "./dom.js";

const SVG = "http://www.w3.org/2000/svg";

/**
 * An SVG element with attributes and children.
 * @param {string} tag
 * @param {Record<string, string | number>} [attrs]
 * @param {...(Node | string)} children
 * @returns {SVGElement}
 */
function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  for (const child of children) el.append(child);
  return el;
}

/**
 * The figure around a chart: caption, the SVG as one image, and the figures as a table.
 * @param {string} caption
 * @param {string} summary what the chart shows, in words (the SVG's accessible name)
 * @param {SVGElement} svg
 * @param {string[]} head
 * @param {(string | number)[][]} rows
 */
function figure(caption, summary, svg, head, rows) {
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", summary);
  svg.setAttribute("class", "chart-svg");
  return h(
    "figure",
    { class: "chart" },
    h("figcaption", {}, caption),
    svg,
    h("details", {}, h("summary", {}, `${caption}: the figures`), table(caption, head, rows)),
  );
}

/** A percentage with one decimal. */
export const asPercent = (/** @type {number} */ share) => `${(100 * share).toFixed(1)}%`;

/** Milliseconds, seconds or minutes, whichever reads better. */
export const asDuration = (/** @type {number} */ ms) =>
  ms < 1000 ? `${Math.round(ms)} ms` : ms < 120_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 60_000).toFixed(1)} min`;

/**
 * A line over runs (oldest left): quality or time as runs go by.
 * @param {{ caption: string, points: { label: string, value: number }[], format: (v: number) => string, min?: number, max?: number }} spec
 */
export function lineChart({ caption, points, format, min, max }) {
  const width = 480;
  const height = 180;
  const pad = { left: 56, right: 12, top: 12, bottom: 28 };
  const values = points.map((p) => p.value);
  const lo = min ?? Math.min(...values, 0);
  let hi = max ?? Math.max(...values);
  if (hi <= lo) hi = lo + 1;
  const x = (/** @type {number} */ i) =>
    pad.left + (points.length < 2 ? 0.5 : i / (points.length - 1)) * (width - pad.left - pad.right);
  const y = (/** @type {number} */ v) => pad.top + (1 - (v - lo) / (hi - lo)) * (height - pad.top - pad.bottom);
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}` });
  if (points.length === 0) {
    svg.setAttribute("viewBox", `0 0 ${width} 24`);
    svg.append(s("text", { x: 4, y: 16 }, "nothing yet"));
    return figure(caption, `${caption}: nothing yet`, svg, ["When", "Value"], []);
  }
  for (const tick of [lo, (lo + hi) / 2, hi]) {
    svg.append(
      s("line", { class: "grid", x1: pad.left, x2: width - pad.right, y1: y(tick), y2: y(tick) }),
      s("text", { x: pad.left - 6, y: y(tick) + 4, "text-anchor": "end" }, format(tick)),
    );
  }
  if (points.length > 0) {
    svg.append(
      s("polyline", { class: "line", points: points.map((p, i) => `${x(i)},${y(p.value)}`).join(" ") }),
      s("text", { x: x(0), y: height - 8, "text-anchor": points.length < 2 ? "middle" : "start" }, points[0].label),
    );
    if (points.length > 1)
      svg.append(
        s("text", { x: x(points.length - 1), y: height - 8, "text-anchor": "end" }, points.at(-1)?.label ?? ""),
      );
    points.forEach((p, i) =>
      svg.append(
        s("circle", { class: "dot", cx: x(i), cy: y(p.value), r: 3 }, s("title", {}, `${p.label}: ${format(p.value)}`)),
      ),
    );
  }
  const summary =
    points.length === 0
      ? `${caption}: nothing yet`
      : `${caption}: ${points.length} point(s), from ${format(points[0].value)} (${points[0].label}) to ${format(values.at(-1) ?? 0)} (${points.at(-1)?.label}); lowest ${format(Math.min(...values))}, highest ${format(Math.max(...values))}`;
  return figure(
    caption,
    summary,
    svg,
    ["When", "Value"],
    points.map((p) => [p.label, format(p.value)]),
  );
}

/**
 * Bars by category, largest first, one a row (unmet requests by reason).
 * @param {{ caption: string, bars: { label: string, value: number }[], format?: (v: number) => string }} spec
 */
export function barChart({ caption, bars, format = String }) {
  const sorted = [...bars].sort((a, b) => b.value - a.value);
  const row = 22;
  const width = 480;
  const labelWidth = 170;
  const valueWidth = 60;
  const height = Math.max(row, sorted.length * row) + 4;
  const hi = Math.max(1, ...sorted.map((b) => b.value));
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}` });
  sorted.forEach((b, i) => {
    const top = i * row + 2;
    const long = Math.max(1, ((width - labelWidth - valueWidth) * b.value) / hi);
    svg.append(
      s(
        "text",
        { x: labelWidth - 6, y: top + 14, "text-anchor": "end" },
        b.label.length > 26 ? `${b.label.slice(0, 25)}…` : b.label,
      ),
      s(
        "rect",
        { class: "bar-rect", x: labelWidth, y: top + 2, width: long, height: row - 6 },
        s("title", {}, `${b.label}: ${format(b.value)}`),
      ),
      s("text", { x: labelWidth + long + 4, y: top + 14 }, format(b.value)),
    );
  });
  if (sorted.length === 0) svg.append(s("text", { x: 4, y: 16 }, "none"));
  const summary =
    sorted.length === 0
      ? `${caption}: none`
      : `${caption}: ${sorted.map((b) => `${b.label} ${format(b.value)}`).join(", ")}`;
  return figure(
    caption,
    summary,
    svg,
    ["What", "How many"],
    sorted.map((b) => [b.label, format(b.value)]),
  );
}

/**
 * A histogram of shares (0 to 1, more than 1 counted in the last bin): section fill, schools' fill.
 * @param {{ caption: string, values: number[], bins?: number, unit: string }} spec
 */
export function histogram({ caption, values, bins = 10, unit }) {
  const counts = new Array(bins + 1).fill(0);
  for (const v of values) counts[Math.min(bins, Math.max(0, Math.floor(v * bins)))] += 1;
  // The last bin holds exactly 100% (and over): a full section is the news, not a rounding.
  const labels = counts.map((_, i) =>
    i === bins ? "100%+" : `${Math.round((100 * i) / bins)}–${Math.round((100 * (i + 1)) / bins)}%`,
  );
  const width = 480;
  const height = 170;
  const pad = { left: 36, right: 8, top: 16, bottom: 28 };
  const hi = Math.max(1, ...counts);
  const slot = (width - pad.left - pad.right) / counts.length;
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}` });
  svg.append(
    s("line", { class: "grid", x1: pad.left, x2: width - pad.right, y1: height - pad.bottom, y2: height - pad.bottom }),
    s("text", { x: pad.left - 4, y: pad.top + 4, "text-anchor": "end" }, String(hi)),
    s("text", { x: pad.left - 4, y: height - pad.bottom, "text-anchor": "end" }, "0"),
  );
  counts.forEach((n, i) => {
    const tall = ((height - pad.top - pad.bottom) * n) / hi;
    svg.append(
      s(
        "rect",
        { class: "bar-rect", x: pad.left + i * slot + 2, y: height - pad.bottom - tall, width: slot - 4, height: tall },
        s("title", {}, `${labels[i]}: ${n} ${unit}`),
      ),
    );
    if (i % 2 === 0 || i === bins)
      svg.append(
        s(
          "text",
          { x: pad.left + i * slot + slot / 2, y: height - 10, "text-anchor": "middle" },
          labels[i].replace(/–.*/, "%"),
        ),
      );
  });
  const busiest = counts.indexOf(hi);
  const summary = `${caption}: ${values.length} ${unit}; most (${hi}) at ${labels[busiest]}; ${counts[bins]} at 100% or more`;
  return figure(
    caption,
    summary,
    svg,
    ["Fill", unit],
    counts.map((n, i) => [labels[i], n]),
  );
}
