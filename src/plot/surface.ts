/** Cost over two parameters: contour map or 3-D surface with a gradient-descent path, and its animation. */
import { ValueError } from "../core";
import { AnimationOptions, animatePath } from "./animation";
import { Figure, Trace, axis, checkRange, evenly, formatNumber } from "./figure";

/** A point in parameter space, e.g. `[w, b]`. */
export type ParamPoint = readonly [number, number];

/** Options of {@link costSurface} and {@link descentAnimation}. */
export interface SurfaceOptions {
  /** `"contour"` (default): a map seen from above; `"surface"`: a 3-D surface you can rotate. */
  kind?: "contour" | "surface";
  /** Names of the two parameters (axis titles), default `["w", "b"]`. */
  paramNames?: [string, string];
  /** Grid points per axis (default 41, so z holds 41×41 numbers: small in a saved notebook). */
  resolution?: number;
  title?: string;
  /** Draw log(cost) instead of cost (useful when the cost spans decades). */
  logCost?: boolean;
}

interface Grid {
  xs: number[];
  ys: number[];
  z: number[][];
}

function costGrid(
  op: string,
  cost: (p: number, q: number) => number,
  pRange: ParamPoint,
  qRange: ParamPoint,
  n: number,
  log: boolean,
): Grid {
  checkRange(op, "first parameter range", pRange);
  checkRange(op, "second parameter range", qRange);
  if (!(Number.isInteger(n) && n >= 2 && n <= 200))
    throw new ValueError(`${op}: resolution must be an integer in 2..200, got ${n}`);
  const xs = evenly(pRange[0], pRange[1], n);
  const ys = evenly(qRange[0], qRange[1], n);
  // Plotly's z is indexed z[row = y][column = x].
  // 5 significant digits: invisible in a colour map, and a 41×41 grid stays ~15 kB in the saved notebook.
  const z = ys.map((q) => xs.map((p) => Number(checkedCost(op, cost, p, q, log).toPrecision(5))));
  return { xs, ys, z };
}

function checkedCost(op: string, cost: (p: number, q: number) => number, p: number, q: number, log: boolean): number {
  const c = cost(p, q);
  if (!Number.isFinite(c) || (log && c <= 0)) {
    throw new ValueError(
      `${op}: cost(${formatNumber(p)}, ${formatNumber(q)}) is ${c}; it must be finite${log ? " and > 0 for logCost" : ""}`,
    );
  }
  return log ? Math.log(c) : c;
}

function pathTrace(
  op: string,
  cost: (p: number, q: number) => number,
  path: readonly ParamPoint[],
  kind: "contour" | "surface",
  log: boolean,
): Trace {
  path.forEach(([p, q], i) => {
    if (!Number.isFinite(p) || !Number.isFinite(q))
      throw new ValueError(`${op}: path[${i}] is [${p}, ${q}]; parameters must be finite`);
  });
  const x = path.map((pt) => pt[0]);
  const y = path.map((pt) => pt[1]);
  const line = { color: "#d62728", width: 3 };
  const marker = { color: "#d62728", size: kind === "surface" ? 3 : 5 };
  if (kind === "contour")
    return { type: "scatter", mode: "lines+markers", name: "gradient descent", x, y, line, marker };
  const z = path.map(([p, q]) => checkedCost(op, cost, p, q, log));
  return { type: "scatter3d", mode: "lines+markers", name: "gradient descent", x, y, z, line, marker };
}

function surfaceLayout(
  title: string,
  names: [string, string],
  kind: "contour" | "surface",
  log: boolean,
): Figure["layout"] {
  const zTitle = log ? "log cost" : "cost";
  if (kind === "contour") return { title: { text: title }, xaxis: axis(names[0]), yaxis: axis(names[1]), height: 450 };
  return {
    title: { text: title },
    height: 520,
    scene: {
      xaxis: axis(names[0]),
      yaxis: axis(names[1]),
      zaxis: axis(zTitle),
      camera: { eye: { x: 1.6, y: -1.6, z: 0.9 } },
    },
    margin: { l: 0, r: 0, t: 50, b: 0 },
  };
}

/**
 * The cost as a function of two parameters, as a contour map or a 3-D surface, optionally with the path
 * gradient descent took (one point per step, starting point first).
 * @param cost - the cost at parameters (p, q), e.g. `(w, b) => J(w, b)`.
 * @param pRange - range of the first parameter (x axis); `qRange` of the second (y axis).
 * @example show(costSurface((w, b) => J(w, b), [-2, 2], [-2, 2], { path: steps, kind: "surface" }))
 */
export function costSurface(
  cost: (p: number, q: number) => number,
  pRange: ParamPoint,
  qRange: ParamPoint,
  options: SurfaceOptions & { path?: readonly ParamPoint[] } = {},
): Figure {
  const op = "costSurface";
  const kind = options.kind ?? "contour";
  const log = options.logCost ?? false;
  const names = options.paramNames ?? ["w", "b"];
  const { xs, ys, z } = costGrid(op, cost, pRange, qRange, options.resolution ?? 41, log);
  const zTitle = log ? "log cost" : "cost";
  const data: Trace[] = [
    kind === "contour"
      ? {
          type: "contour",
          name: zTitle,
          x: xs,
          y: ys,
          z,
          colorscale: "Viridis",
          ncontours: 20,
          colorbar: { title: { text: zTitle } },
        }
      : {
          type: "surface",
          name: zTitle,
          x: xs,
          y: ys,
          z,
          colorscale: "Viridis",
          opacity: 0.9,
          colorbar: { title: { text: zTitle } },
        },
  ];
  if (options.path?.length) data.push(pathTrace(op, cost, options.path, kind, log));
  const title =
    options.title ??
    `Cost over (${names[0]}, ${names[1]})${options.path?.length ? `: ${options.path.length - 1} gradient-descent steps` : ""}`;
  return { data, layout: surfaceLayout(title, names, kind, log) };
}

/**
 * An animation of gradient descent on the contour map (or 3-D surface) of the cost: one frame per step,
 * with play/pause buttons and a slider. Long paths are thinned to at most `maxFrames` frames (default 60)
 * so the saved notebook stays small; the last step is always a frame. Each frame's title is the figure's
 * title (default "Gradient descent") with the step and its cost.
 */
export function descentAnimation(
  cost: (p: number, q: number) => number,
  path: readonly ParamPoint[],
  pRange: ParamPoint,
  qRange: ParamPoint,
  options: SurfaceOptions & AnimationOptions = {},
): Figure {
  const op = "descentAnimation";
  if (path.length < 2)
    throw new ValueError(`${op}: path needs at least 2 points (start and one step), got ${path.length}`);
  const kind = options.kind ?? "contour";
  const log = options.logCost ?? false;
  const base = costSurface(cost, pRange, qRange, { ...options, path: undefined });
  const full = pathTrace(op, cost, path, kind, log);
  const value = (k: number) =>
    kind === "surface" ? (full.z as number[])[k] : checkedCost(op, cost, path[k][0], path[k][1], log);
  const title = options.title ?? "Gradient descent";
  return animatePath(
    op,
    {
      base: { ...base, data: [base.data[0]] },
      path: full,
      caption: (k) => `${title}: step ${k}, cost ${formatNumber(log ? Math.exp(value(k)) : value(k))}`,
      redraw: kind === "surface",
    },
    options,
  );
}
