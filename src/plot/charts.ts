/** Line charts: cost curves, several series on one plot, functions of one variable, 2-D data with a boundary. */
import { ValueError } from "../core";
import { formatShape } from "../ndarray/shape";
import { sigmoidScalar } from "../core";
import {
  Axis,
  Figure,
  Numbers,
  Trace,
  axis,
  checkRange,
  evenly,
  formatNumber,
  isNumericArray,
  toNumbers,
} from "./figure";

/** Options of {@link costCurve}. */
export interface CostCurveOptions {
  /** Shown in the title ("Cost (learning rate = 0.005)"). */
  learningRate?: number;
  /** Iterations between two recorded costs (the course records every 100); the x axis is `i * recordEvery`. */
  recordEvery?: number;
  /** Replaces the default title. */
  title?: string;
  /** Logarithmic cost axis. */
  logY?: boolean;
}

/**
 * Cost against iteration, as the course plots `d["costs"]`: labelled axes and the learning rate in the title.
 * @param costs - costs recorded every `recordEvery` iterations, starting at iteration 0.
 * @example show(costCurve(d.costs, { learningRate: 0.005, recordEvery: 100 }))
 */
export function costCurve(costs: Numbers, options: CostCurveOptions = {}): Figure {
  const y = toNumbers("costCurve", "costs", costs);
  const every = options.recordEvery ?? 100;
  if (!(Number.isInteger(every) && every > 0))
    throw new ValueError(`costCurve: recordEvery must be a positive integer, got ${every}`);
  const lr = options.learningRate;
  const title = options.title ?? (lr === undefined ? "Cost" : `Cost (learning rate = ${formatNumber(lr)})`);
  return {
    data: [
      {
        type: "scatter",
        mode: y.length > 30 ? "lines" : "lines+markers",
        name: "cost",
        x: y.map((_, i) => i * every),
        y,
      },
    ],
    layout: {
      title: { text: title },
      xaxis: axis("iteration"),
      yaxis: axis("cost", options.logY ? logAxis([y]) : {}),
      height: 380,
    },
  };
}

/**
 * A logarithmic axis labelled with whole numbers. Plotly's default labels only the powers of 10 in full and
 * writes the ticks between them as lone digits (0.6 reads "6"); `tickformat` makes every label the number
 * itself, and over a few decades ticks at 1, 2, 5 × 10^k keep the labels apart.
 */
function logAxis(values: readonly (readonly number[])[]): Partial<Axis> {
  const positive = values.flat().filter((v) => v > 0 && Number.isFinite(v));
  const decades = positive.length > 0 ? Math.log10(Math.max(...positive) / Math.min(...positive)) : 0;
  return decades <= 4 ? { type: "log", tickformat: "~g", dtick: "D2" } : { type: "log", tickformat: "~g" };
}

/** One named series of {@link lineChart}. Without `x` the points are at 0, 1, 2, ... */
export interface Series {
  name: string;
  y: Numbers;
  x?: Numbers;
  /** Plotly's `line.dash`, e.g. `"dash"` for a test curve next to a solid train curve. */
  dash?: "solid" | "dash" | "dot" | "dashdot";
}

/** Titles of a chart. */
export interface ChartOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  logY?: boolean;
  height?: number;
}

/**
 * Several series on one plot, with a legend: e.g. train vs test accuracy, or costs for several learning rates.
 * @example show(lineChart([{ name: "train", y: trainAcc }, { name: "test", y: testAcc, dash: "dash" }], { yTitle: "accuracy" }))
 */
export function lineChart(series: readonly Series[], options: ChartOptions = {}): Figure {
  if (series.length === 0) throw new ValueError("lineChart: no series given");
  const data: Trace[] = series.map((s, k) => {
    const y = toNumbers("lineChart", `series[${k}] ("${s.name}") y`, s.y);
    const x = s.x === undefined ? y.map((_, i) => i) : toNumbers("lineChart", `series[${k}] ("${s.name}") x`, s.x);
    if (x.length !== y.length) {
      throw new ValueError(`lineChart: series "${s.name}" has ${x.length} x values but ${y.length} y values`);
    }
    return { type: "scatter", mode: "lines", name: s.name, x, y, line: { dash: s.dash ?? "solid" } };
  });
  return {
    data,
    layout: {
      title: { text: options.title ?? "" },
      xaxis: axis(options.xTitle ?? "x"),
      yaxis: axis(options.yTitle ?? "y", options.logY ? logAxis(data.map((t) => t.y as number[])) : {}),
      height: options.height ?? 380,
    },
  };
}

/** One training run for {@link compareCosts}. */
export interface CostRun {
  learningRate: number;
  costs: Numbers;
}

/**
 * Cost curves of several learning rates on one plot (the course's "choice of learning rate" figure).
 * @param recordEvery - iterations between recorded costs (default 100).
 */
export function compareCosts(runs: readonly CostRun[], recordEvery = 100): Figure {
  const fig = lineChart(
    runs.map((r) => {
      const y = toNumbers("compareCosts", `costs of learning rate ${r.learningRate}`, r.costs);
      return { name: `learning rate = ${formatNumber(r.learningRate)}`, y, x: y.map((_, i) => i * recordEvery) };
    }),
    { title: "Cost for several learning rates", xTitle: "iteration", yTitle: "cost" },
  );
  return fig;
}

/** A function of one variable to draw with {@link functionPlot}. */
export interface NamedFunction {
  name: string;
  f: (x: number) => number;
}

/**
 * One or more functions of one variable over `[lo, hi]` (sigmoid, its derivative, a loss against ŷ, ...).
 * @param samples - number of evenly spaced x values (default 201).
 * @throws ValueError when a function returns NaN or Infinity somewhere in the range (says where).
 * @example show(functionPlot({ name: "σ(z)", f: (z) => 1 / (1 + Math.exp(-z)) }, [-6, 6], { xTitle: "z" }))
 */
export function functionPlot(
  fns: NamedFunction | readonly NamedFunction[],
  range: readonly [number, number],
  options: ChartOptions & { samples?: number } = {},
): Figure {
  checkRange("functionPlot", "range", range);
  const list = Array.isArray(fns) ? (fns as readonly NamedFunction[]) : [fns as NamedFunction];
  const x = evenly(range[0], range[1], options.samples ?? 201);
  const series = list.map(({ name, f }) => {
    const y = x.map((v) => {
      const out = f(v);
      if (!Number.isFinite(out))
        throw new ValueError(`functionPlot: ${name}(${formatNumber(v)}) is ${out}; choose a range where it is finite`);
      return out;
    });
    return { name, x, y };
  });
  return lineChart(series, { title: options.title ?? list.map((s) => s.name).join(", "), ...withoutTitle(options) });
}

function withoutTitle(o: ChartOptions): ChartOptions {
  const { title: _ignored, ...rest } = o;
  return rest;
}

/** Options of {@link decisionBoundary}. */
export interface BoundaryOptions {
  title?: string;
  /** Legend names of label 0 and label 1. */
  classNames?: [string, string];
  xTitle?: string;
  yTitle?: string;
}

/**
 * 2-D data coloured by label with the decision boundary `w₁x₁ + w₂x₂ + b = 0` of a logistic-regression model,
 * and the predicted probability σ(w·x + b) shaded behind the points (blue towards 0, orange towards 1).
 * @param X - the features, shape (2, m) as the course stores them (one example per column).
 * @param Y - the labels 0/1, m values (e.g. a (1, m) row).
 * @param w - the two weights (a (2, 1) column or `[w1, w2]`); `b` the bias.
 */
export function decisionBoundary(X: Numbers, Y: Numbers, w: Numbers, b: number, options: BoundaryOptions = {}): Figure {
  const op = "decisionBoundary";
  const flat = toNumbers(op, "X", X);
  const labels = toNumbers(op, "Y", Y);
  const weights = toNumbers(op, "w", w);
  const shapeOf = (a: Numbers) => (isNumericArray(a) ? formatShape(a.shape) : `(${a.length},)`);
  if (weights.length !== 2) throw new ValueError(`${op}: w must hold 2 weights, got shape ${shapeOf(w)}`);
  const [w1, w2] = weights;
  if (!Number.isFinite(b)) throw new ValueError(`${op}: b is ${b}; it must be a finite number`);
  const m = labels.length;
  if (flat.length !== 2 * m)
    throw new ValueError(`${op}: X must have shape (2, m) with m = ${m} labels, got shape ${shapeOf(X)}`);
  const x1 = flat.slice(0, m);
  const x2 = flat.slice(m);
  labels.forEach((v, i) => {
    if (v !== 0 && v !== 1) throw new ValueError(`${op}: Y[${i}] is ${v}; labels must be 0 or 1`);
  });
  const pad = (v: number[]) => {
    const lo = Math.min(...v),
      hi = Math.max(...v);
    const d = (hi - lo || 1) * 0.1;
    return [lo - d, hi + d] as [number, number];
  };
  const [xlo, xhi] = pad(x1);
  const [ylo, yhi] = pad(x2);
  const gx = evenly(xlo, xhi, 50);
  const gy = evenly(ylo, yhi, 50);
  // 3 significant digits are plenty for a shading and keep the saved notebook small.
  const prob = gy.map((v2) => gx.map((v1) => Number(sigmoidScalar(w1 * v1 + w2 * v2 + b).toPrecision(3))));
  const names = options.classNames ?? ["y = 0", "y = 1"];
  const data: Trace[] = [
    {
      type: "contour",
      name: "σ(w·x + b)",
      x: gx,
      y: gy,
      z: prob,
      zmin: 0,
      zmax: 1,
      showscale: false,
      colorscale: [
        [0, "#c6dbef"],
        [0.5, "#ffffff"],
        [1, "#fdd0a2"],
      ],
      contours: { start: 0.5, end: 0.5, size: 1, coloring: "heatmap" },
      hoverinfo: "skip",
      opacity: 0.6,
    },
  ];
  for (const label of [0, 1]) {
    const idx = labels.map((v, i) => (v === label ? i : -1)).filter((i) => i >= 0);
    data.push({
      type: "scatter",
      mode: "markers",
      name: names[label],
      x: idx.map((i) => x1[i]),
      y: idx.map((i) => x2[i]),
      marker: { color: label ? "#e6550d" : "#3182bd", size: 7, line: { width: 0.5, color: "#333" } },
    });
  }
  const line = boundaryLine(w1, w2, b, [xlo, xhi], [ylo, yhi]);
  if (line)
    data.push({
      type: "scatter",
      mode: "lines",
      name: "decision boundary",
      x: line[0],
      y: line[1],
      line: { color: "black", width: 2 },
    });
  return {
    data,
    layout: {
      title: {
        text:
          options.title ?? `Decision boundary (w = [${formatNumber(w1)}, ${formatNumber(w2)}], b = ${formatNumber(b)})`,
      },
      xaxis: axis(options.xTitle ?? "x₁", { range: [xlo, xhi] }),
      yaxis: axis(options.yTitle ?? "x₂", { range: [ylo, yhi] }),
      height: 420,
    },
  };
}

/** The segment of w1·x + w2·y + b = 0 inside the box, or undefined when it misses it (or w = 0). */
function boundaryLine(
  w1: number,
  w2: number,
  b: number,
  [xlo, xhi]: [number, number],
  [ylo, yhi]: [number, number],
): [number[], number[]] | undefined {
  if (w1 === 0 && w2 === 0) return undefined;
  if (Math.abs(w2) >= Math.abs(w1)) {
    const ys = [xlo, xhi].map((x) => -(w1 * x + b) / w2);
    return [[xlo, xhi], ys];
  }
  const xs = [ylo, yhi].map((y) => -(w2 * y + b) / w1);
  return [xs, [ylo, yhi]];
}
