/**
 * Gradient-descent animations: the Plotly frames / play-pause / slider plumbing shared by
 * {@link descentAnimation} (a path over two parameters) and {@link curveDescentAnimation} (steps on a cost
 * curve of one parameter).
 */
import { ValueError } from "../core";
import { functionPlot, ChartOptions } from "./charts";
import { Figure, Frame, Numbers, Trace, formatNumber, toNumbers } from "./figure";

/** Options every gradient-descent animation takes. */
export interface AnimationOptions {
  /** At most this many frames (default 60): long paths are thinned so the saved notebook stays small; the last step is always a frame. */
  maxFrames?: number;
  /** Milliseconds per frame when playing (default 150). */
  frameMs?: number;
  /**
   * The step the figure shows before anyone presses Play: `"first"` (default, the start point, with the whole path
   * drawn faintly behind it so a static view such as GitHub's or a PDF is never empty) or `"last"` (the whole path).
   */
  startAt?: "first" | "last";
}

/** What {@link animatePath} needs besides the options. */
export interface PathAnimation {
  /** The figure the path is drawn on (its traces stay; the path becomes the last trace). */
  base: Figure;
  /** The complete path as one trace (x, y and, for 3-D, z: one point per step, start first). */
  path: Trace;
  /** The title shown at step k (frames replace the figure's title). */
  caption: (k: number) => string;
  /** Whether each frame must redraw the whole plot (3-D scenes) or can move the trace only. */
  redraw: boolean;
}

/** Indices of the steps that get a frame: every `stride`-th, so at most `maxFrames`, and always the last. */
export function frameSteps(points: number, maxFrames: number): number[] {
  const frames = Math.max(2, Math.floor(maxFrames));
  const stride = Math.ceil((points - 1) / (frames - 1));
  const steps: number[] = [];
  for (let i = 0; i < points - 1; i += stride) steps.push(i);
  steps.push(points - 1);
  return steps;
}

/**
 * Turns a figure plus a path into an animation: one frame per (thinned) step growing the path trace, a
 * ▶ Play / ❚❚ Pause button pair and a slider with one stop per frame (Plotly's animation API).
 */
export function animatePath(op: string, anim: PathAnimation, options: AnimationOptions = {}): Figure {
  const { base, path, caption, redraw } = anim;
  const n = path.x?.length ?? 0;
  if (n < 2) throw new ValueError(`${op}: path needs at least 2 points (start and one step), got ${n}`);
  const frameMs = options.frameMs ?? 150;
  if (!(frameMs > 0)) throw new ValueError(`${op}: frameMs must be > 0, got ${frameMs}`);
  const upTo = (k: number): Partial<Trace> => {
    const t: Partial<Trace> = { x: path.x!.slice(0, k + 1), y: path.y!.slice(0, k + 1) };
    if (Array.isArray(path.z)) t.z = (path.z as number[]).slice(0, k + 1);
    return t;
  };
  const pathIndex = base.data.length;
  const steps = frameSteps(n, options.maxFrames ?? 60);
  const frames: Frame[] = steps.map((k) => ({
    name: `step ${k}`,
    data: [upTo(k)],
    traces: [pathIndex],
    layout: { title: { text: caption(k) } },
  }));
  const startFrame = options.startAt === "last" ? frames.length - 1 : 0;
  const startStep = steps[startFrame];
  const animate = (names: string[] | null, duration: number) => [
    names,
    { mode: "immediate", frame: { duration, redraw }, transition: { duration: 0 } },
  ];
  const layout = {
    ...base.layout,
    // Room under the plot for the buttons and the slider.
    margin: { ...(base.layout.margin as object | undefined), b: 150 },
    title: { text: caption(startStep) },
    height: (base.layout.height ?? 450) + 100,
    updatemenus: [
      {
        type: "buttons",
        direction: "left",
        x: 0.1,
        y: 0,
        xanchor: "right",
        yanchor: "top",
        pad: { t: 87, r: 10 },
        showactive: false,
        buttons: [
          // null = every frame in order, so Play always runs from step 0 to the end.
          { label: "▶ Play", method: "animate", args: animate(null, frameMs) },
          { label: "❚❚ Pause", method: "animate", args: animate([null as unknown as string], 0) },
        ],
      },
    ],
    sliders: [
      {
        active: startFrame,
        x: 0.1,
        len: 0.9,
        y: 0,
        yanchor: "top",
        pad: { t: 50, b: 10 },
        currentvalue: { prefix: "step " },
        steps: frames.map((f) => ({
          label: f.name.replace("step ", ""),
          method: "animate",
          args: animate([f.name], 0),
        })),
      },
    ],
  };
  const data: Trace[] = [...base.data, { ...path, ...upTo(startStep) }];
  // Before Play a static page would show only the start point: draw the whole path faintly under the steps.
  if (startStep < n - 1)
    data.push({ ...path, name: "whole path", opacity: 0.35, showlegend: false, hoverinfo: "skip" });
  return { data, layout, frames };
}

/** 4 significant digits: enough to follow the steps in a title. */
function short(v: number): string {
  return formatNumber(Number(v.toPrecision(4)));
}

/** Options of {@link curveDescentAnimation}. */
export interface CurveAnimationOptions extends AnimationOptions, Omit<ChartOptions, "logY"> {
  /** Name of the parameter (x axis title and in the captions), default `"w"`. */
  paramName?: string;
  /** Legend name of the curve, default `"J(w)"` (with the parameter name). */
  curveName?: string;
  /** Points on the curve (default 201). */
  samples?: number;
}

/**
 * Gradient descent on a cost of one parameter, animated: the curve `f` over `[lo, hi]` and the steps taken
 * (`path[k]` = the parameter after k steps, start first), one frame per step, with play/pause and a slider.
 * Each frame's title says the step, the parameter and the cost there.
 * @param f - the cost as a function of the parameter, e.g. `(w) => J(w, 0)`.
 * @param path - the parameter after 0, 1, 2, ... steps (number[] or a 1-D NDArray); every point must lie in the range.
 * @param range - `[lo, hi]`, the part of the curve to draw.
 * @example show(curveDescentAnimation((w) => J(w, 0), [-3, -1.2, -0.5, -0.2], [-4, 4], { title: "α = 0.6" }))
 */
export function curveDescentAnimation(
  f: (x: number) => number,
  path: Numbers,
  range: readonly [number, number],
  options: CurveAnimationOptions = {},
): Figure {
  const op = "curveDescentAnimation";
  const xs = toNumbers(op, "path", path);
  if (xs.length < 2) throw new ValueError(`${op}: path needs at least 2 points (start and one step), got ${xs.length}`);
  const [lo, hi] = range;
  xs.forEach((x, i) => {
    if (x < lo || x > hi)
      throw new ValueError(
        `${op}: path[${i}] = ${formatNumber(x)} is outside the range [${formatNumber(lo)}, ${formatNumber(hi)}]; widen the range`,
      );
  });
  const ys = xs.map((x, i) => {
    const y = f(x);
    if (!Number.isFinite(y))
      throw new ValueError(`${op}: f(path[${i}] = ${formatNumber(x)}) is ${y}; the cost must be finite`);
    return y;
  });
  const name = options.paramName ?? "w";
  const base = functionPlot({ name: options.curveName ?? `J(${name})`, f }, range, {
    xTitle: name,
    yTitle: options.yTitle ?? "cost",
    title: options.title,
    height: options.height ?? 400,
    samples: options.samples,
  });
  const red = { color: "#d62728" };
  const pathTrace: Trace = {
    type: "scatter",
    mode: "lines+markers",
    name: "gradient descent",
    x: xs,
    y: ys,
    line: red,
    marker: { ...red, size: 8 },
  };
  const title = options.title ?? "Gradient descent";
  return animatePath(
    op,
    {
      base,
      path: pathTrace,
      caption: (k) => `${title}: step ${k}, ${name} = ${short(xs[k])}, cost ${short(ys[k])}`,
      redraw: false,
    },
    options,
  );
}
