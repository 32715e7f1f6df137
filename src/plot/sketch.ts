/**
 * A static picture of a line chart (an SVG string): what a live curve shows while it is still growing.
 *
 * Why a picture and not the Plotly figure: JupyterLab 4 / Notebook 7 keep the renderer of an output when an
 * update has the same preferred MIME type, and jupyterlab-plotly's renderer ignores every model after its first
 * drawing ("We already have a graph, don't overwrite it"), so Plotly JSON updated in place never moves. An
 * `<img>` in HTML is redrawn on every update in every front end, needs no script, no trust and no plotly.js, and
 * when the final update switches to Plotly JSON, JupyterLab makes a new renderer that draws the complete figure
 * (docs/live-curves.md has the details and the sources).
 *
 * Each trace is one `<polyline data-trace="name">` with one `x,y` pair per point (at most
 * {@link MAX_SKETCH_POINTS}), the title is the `<text data-role="title">`: tests read what is drawn from them.
 */
import { escapeMarkup, formatNumber, utf8Base64 } from "../core";
import { Figure, Trace } from "./figure";

/** Most points a trace's polyline gets (a picture ~700 px wide shows no more; longer traces are thinned). */
export const MAX_SKETCH_POINTS = 1000;

const FONT = "Helvetica, Arial, 'DejaVu Sans', 'Liberation Sans', sans-serif";
// Plotly's default trace colours and margins, so the picture looks like the plot that replaces it.
const COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"];
const MARGIN = { left: 80, right: 30, top: 60, bottom: 60 };
const WIDTH = 700;

/** About five round tick values covering [lo, hi]. */
function ticks(lo: number, hi: number): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/** Every `stride`-th index of `n` points so that at most `max` remain, always with the last one. */
export function thinnedIndices(n: number, max: number): number[] {
  const stride = Math.max(1, Math.ceil(n / max));
  const idx: number[] = [];
  for (let i = 0; i < n; i += stride) idx.push(i);
  if (n > 0 && idx[idx.length - 1] !== n - 1) idx.push(n - 1);
  return idx;
}

function extent(values: number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(lo <= hi)) return [0, 1];
  if (lo === hi) return [lo - 0.5, hi + 0.5];
  const pad = (hi - lo) * 0.04;
  return [lo - pad, hi + pad];
}

const n2 = (v: number) => (Math.round(v * 10) / 10).toString();

/**
 * The scatter traces of `fig` drawn as a static SVG line chart with its title and axis titles (other trace
 * types are left out). White background of its own, so it reads in dark themes too.
 */
export function sketchFigure(fig: Figure): string {
  const lines = fig.data.filter((t): t is Trace & { y: number[] } => t.type === "scatter" && Array.isArray(t.y));
  const height = typeof fig.layout.height === "number" ? fig.layout.height : 380;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const xOf = (t: Trace, i: number) => (Array.isArray(t.x) ? t.x[i] : i);
  const [x0, x1] = extent(lines.flatMap((t) => t.y.map((_, i) => xOf(t, i))));
  const [y0, y1] = extent(lines.flatMap((t) => t.y));
  const px = (x: number) => MARGIN.left + ((x - x0) / (x1 - x0)) * plotW;
  const py = (y: number) => MARGIN.top + plotH - ((y - y0) / (y1 - y0)) * plotH;
  const title = fig.layout.title?.text ?? "";
  const xTitle = fig.layout.xaxis?.title?.text ?? "";
  const yTitle = fig.layout.yaxis?.title?.text ?? "";

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeMarkup(title)}" font-family="${escapeMarkup(FONT)}" font-size="12" fill="#444">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="#e5ecf6"/>`,
  ];
  if (lines.some((t) => t.y.length > 0)) {
    for (const v of ticks(x0, x1)) {
      parts.push(
        `<line x1="${n2(px(v))}" x2="${n2(px(v))}" y1="${MARGIN.top}" y2="${MARGIN.top + plotH}" stroke="#fff"/>`,
      );
      parts.push(
        `<text x="${n2(px(v))}" y="${MARGIN.top + plotH + 18}" text-anchor="middle">${escapeMarkup(formatNumber(v))}</text>`,
      );
    }
    for (const v of ticks(y0, y1)) {
      parts.push(
        `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${n2(py(v))}" y2="${n2(py(v))}" stroke="#fff"/>`,
      );
      parts.push(
        `<text x="${MARGIN.left - 6}" y="${n2(py(v) + 4)}" text-anchor="end">${escapeMarkup(formatNumber(v))}</text>`,
      );
    }
  }
  lines.forEach((t, k) => {
    const points = thinnedIndices(t.y.length, MAX_SKETCH_POINTS).map((i) => `${n2(px(xOf(t, i)))},${n2(py(t.y[i]))}`);
    const color = COLORS[k % COLORS.length];
    parts.push(
      `<polyline data-trace="${escapeMarkup(t.name ?? `trace ${k}`)}" points="${points.join(" ")}" fill="none" stroke="${color}" stroke-width="2"/>`,
    );
  });
  parts.push(
    `<text data-role="title" x="${MARGIN.left}" y="32" font-size="17" fill="#2a3f5f">${escapeMarkup(title)}</text>`,
  );
  parts.push(
    `<text x="${MARGIN.left + plotW / 2}" y="${height - 14}" text-anchor="middle" font-size="14">${escapeMarkup(xTitle)}</text>`,
  );
  parts.push(
    `<text transform="translate(22 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle" font-size="14">${escapeMarkup(yTitle)}</text>`,
  );
  parts.push(`</svg>`);
  return parts.join("");
}

/** The SVG as an HTML `<img>` (a data: URI): what a sanitizer keeps and every front end redraws on update. */
export function sketchHtml(fig: Figure, svg = sketchFigure(fig)): string {
  const label = escapeMarkup(fig.layout.title?.text ?? "plot");
  return `<img src="data:image/svg+xml;base64,${utf8Base64(svg)}" alt="${label}" style="max-width:100%">`;
}
