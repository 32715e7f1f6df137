/**
 * The point budget of a shown figure. A figure is saved in the notebook (as Plotly JSON and again inside its HTML
 * fallback) and copied into the course-notes page, so a figure of a million points made a 75 MB notebook and a
 * 28.5 MB page. Above {@link MAX_FIGURE_POINTS}, `show()` prints one warning line and shows every k-th point,
 * saying so in the figure's title.
 */
import { PAGE_BUDGET_BYTES } from "../core";
import { printWarning } from "../learn";
import { Figure, Frame, Trace } from "./figure";

/**
 * Most points one shown figure keeps (over all traces and animation frames; a grid cell of a surface or contour
 * counts as a point), give or take the last point each thinned trace keeps. A point costs at most about 60 bytes of JSON (three full-precision coordinates), so a
 * figure stays within {@link FIGURE_BUDGET_BYTES}, a tenth of the notes' page budget.
 */
export const MAX_FIGURE_POINTS = 10_000;

/** The bytes of Plotly JSON one figure may add to a course-notes page: a tenth of `PAGE_BUDGET_BYTES`. */
export const FIGURE_BUDGET_BYTES = PAGE_BUDGET_BYTES / 10;

type AnyTrace = Partial<Trace>;

function isGrid(z: unknown): z is number[][] {
  return Array.isArray(z) && z.length > 0 && Array.isArray(z[0]);
}

/** The points of one trace: its longest coordinate array, or the cells of a 2-D `z`; an image counts as none. */
export function tracePoints(t: AnyTrace): number {
  if (t.type === "image") return 0;
  const z = t.z;
  const zCount = isGrid(z) ? z.reduce((n, row) => n + row.length, 0) : Array.isArray(z) ? z.length : 0;
  return Math.max(t.x?.length ?? 0, t.y?.length ?? 0, zCount);
}

/** The points of a figure: its traces' and its animation frames' traces'. */
export function figurePoints(fig: Figure): number {
  let n = 0;
  for (const t of fig.data) n += tracePoints(t);
  for (const f of fig.frames ?? []) for (const t of f.data) n += tracePoints(t);
  return n;
}

/** Every `stride`-th element, always with the last one (the end of a curve is what a reader looks at). */
function every<T>(values: readonly T[], stride: number): T[] {
  const out: T[] = [];
  for (let i = 0; i < values.length; i += stride) out.push(values[i]);
  if (values.length && (values.length - 1) % stride !== 0) out.push(values[values.length - 1]);
  return out;
}

/** The trace with every `stride`-th point (a grid: every `ceil(√stride)`-th row and column). */
function thinTrace<T extends AnyTrace>(t: T, stride: number): T {
  if (t.type === "image") return t;
  if (isGrid(t.z)) {
    const s = Math.ceil(Math.sqrt(stride));
    const z = every(t.z, s).map((row) => every(row, s));
    return { ...t, z, ...(t.x ? { x: every(t.x, s) } : {}), ...(t.y ? { y: every(t.y, s) } : {}) };
  }
  const n = tracePoints(t);
  const thin = (v: unknown) => (Array.isArray(v) && v.length === n ? every(v, stride) : v);
  const out: AnyTrace = {};
  for (const [key, value] of Object.entries(t)) {
    // per-point arrays nested one level down too (marker colours and sizes, hover text)
    out[key] =
      value && typeof value === "object" && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, thin(v)]))
        : thin(value);
  }
  return out as T;
}

function ordinal(k: number): string {
  const tens = k % 100;
  const suffix =
    tens >= 11 && tens <= 13 ? "th" : (({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[k % 10] ?? "th");
  return `${k}${suffix}`;
}

/**
 * The figure as it may be shown: unchanged within {@link MAX_FIGURE_POINTS}; above it, a copy with every k-th
 * point (k as small as fits), the title ending in "(every kth point shown)", after one `⚠` warning line.
 * @param op the caller's name for the warning, e.g. "show"
 */
export function fitPointBudget(fig: Figure, op: string): Figure {
  const points = figurePoints(fig);
  if (points <= MAX_FIGURE_POINTS) return fig;
  // the smallest stride that fits (the last point each trace keeps, and a grid's last row and column, may add a few)
  const stride = Math.ceil(points / MAX_FIGURE_POINTS);
  const grid = Math.ceil(Math.sqrt(stride));
  const thinned: Figure = {
    ...fig,
    data: fig.data.map((t) => thinTrace(t, stride)),
    ...(fig.frames
      ? { frames: fig.frames.map((f): Frame => ({ ...f, data: f.data.map((t) => thinTrace(t, stride)) })) }
      : {}),
  };
  // a grid loses whole rows and columns: its title names the row/column stride
  const shownStride = fig.data.some((t) => isGrid(t.z)) ? grid : stride;
  const note = `(every ${ordinal(shownStride)} point shown)`;
  const withNote = (title: { text: string } | undefined) => ({ text: title?.text ? `${title.text} ${note}` : note });
  thinned.layout = { ...fig.layout, title: withNote(fig.layout.title) };
  if (thinned.frames) {
    thinned.frames = thinned.frames.map((f) =>
      f.layout?.title ? { ...f, layout: { ...f.layout, title: withNote(f.layout.title) } } : f,
    );
  }
  printWarning(
    `${op}: the figure has ${points.toLocaleString("en-US")} points, more than the ${MAX_FIGURE_POINTS.toLocaleString("en-US")} a notebook page holds ` +
      `well; showing every ${ordinal(shownStride)} point (the title says so). Plot fewer points to see them all.`,
  );
  return thinned;
}
