/**
 * The Plotly figure types the helpers return, and input conversion shared by all helpers.
 *
 * A figure is plain JSON (Plotly's own schema: `data`, `layout`, `frames`), so it can be sent to any
 * front end as `application/vnd.plotly.v1+json`, saved in a notebook and re-rendered later. Only the
 * attributes the helpers use are typed; anything else Plotly accepts can still be set through the index
 * signatures (e.g. `fig.layout.width = 500`).
 */
import { ValueError, formatNumber } from "../core";

/**
 * What the helpers need of an NDArray (any shape, read row-major). Structural, so every `NDArray<S>`
 * fits whatever its shape type.
 */
export interface NumericArray {
  readonly shape: readonly number[];
  toFloat64Array(): Float64Array;
}

/** Numbers a helper accepts: a plain array, a typed array or an NDArray of any shape (read row-major). */
export type Numbers = readonly number[] | Float64Array | NumericArray;

/** True for an NDArray (or anything shaped like one). */
export function isNumericArray(v: unknown): v is NumericArray {
  return typeof v === "object" && v !== null && typeof (v as NumericArray).toFloat64Array === "function";
}

/** A Plotly axis title / axis. */
export interface Axis {
  title?: { text: string };
  type?: "linear" | "log";
  range?: [number, number];
  [key: string]: unknown;
}

/** One Plotly trace. `type` selects Plotly's trace type. */
export interface Trace {
  type: "scatter" | "scatter3d" | "contour" | "surface" | "heatmap" | "image";
  name?: string;
  x?: number[];
  y?: number[];
  z?: number[] | number[][];
  mode?: string;
  /** For `image` traces: a `data:image/png;base64,...` URI (no huge pixel arrays in the notebook). */
  source?: string;
  xaxis?: string;
  yaxis?: string;
  [key: string]: unknown;
}

/** The figure layout (title, axes, size, animation controls, ...). */
export interface Layout {
  title?: { text: string };
  xaxis?: Axis;
  yaxis?: Axis;
  height?: number;
  [key: string]: unknown;
}

/** One animation frame: the traces (by index) that change at this step. */
export interface Frame {
  name: string;
  data: Partial<Trace>[];
  traces?: number[];
  layout?: Partial<Layout>;
}

/** A complete Plotly figure, as `Plotly.newPlot(el, fig.data, fig.layout)` and the Plotly mime type expect it. */
export interface Figure {
  data: Trace[];
  layout: Layout;
  frames?: Frame[];
  /** Plotly's plot options (not part of the saved figure JSON that JupyterLab renders). */
  config?: { [key: string]: unknown };
}

/**
 * Reads numbers from an array, typed array or NDArray (row-major) into a plain array, refusing NaN or
 * Infinity: a plot of a diverged run should fail loudly, not show an empty or clipped line.
 * @param op - the helper's name, used in the error message.
 * @param what - which argument, e.g. `"costs"`.
 */
export function toNumbers(op: string, what: string, values: Numbers): number[] {
  const flat = isNumericArray(values) ? Array.from(values.toFloat64Array()) : Array.from(values as ArrayLike<number>);
  for (let i = 0; i < flat.length; i++) {
    const v = flat[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new ValueError(`${op}: ${what}[${i}] is ${v}; every value must be a finite number`);
    }
  }
  return flat;
}

/** An axis with a title (what every helper sets). */
export function axis(title: string, extra: Partial<Axis> = {}): Axis {
  return { title: { text: title }, ...extra };
}

export { formatNumber };

/** `n` evenly spaced values from `lo` to `hi` inclusive (numpy's linspace). */
export function evenly(lo: number, hi: number, n: number): number[] {
  if (n < 2) return [lo];
  // 12 significant digits: drops float noise like 0.30000000000000004 from the saved JSON.
  return Array.from({ length: n }, (_, i) => Number((lo + ((hi - lo) * i) / (n - 1)).toPrecision(12)));
}

/** Checks a `[lo, hi]` range argument. */
export function checkRange(op: string, what: string, range: readonly [number, number]): void {
  const [lo, hi] = range;
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(lo < hi)) {
    throw new ValueError(`${op}: ${what} must be [lo, hi] with finite lo < hi, got [${lo}, ${hi}]`);
  }
}
