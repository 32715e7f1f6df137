/**
 * Batch gradient descent for logistic regression (the course's `optimize`), with cost recording, a
 * per-step callback for live plots, and a divergence guard.
 *
 * Two interchangeable implementations of the same loop:
 * - "plain": the course's numpy code line by line with library array operations (reference).
 * - "fused": the heavy part (w^T X and X dZ^T, plus the w update) in one pass over X per iteration,
 *   through the kernel `createFusedLinearStep` from src/kernels (WebAssembly SIMD on two threads, or its
 *   plain-JS fallback); sigmoid, cost, dZ, db and the b update stay here. The default; both paths agree
 *   to rounding (about 1e-15 relative, tested to 1e-12).
 */
import { fromFloat64Array } from "../ndarray";
import type { Column, Matrix, Row } from "../ndarray";
import { createFusedLinearStep } from "../kernels";
import type { FusedLinearStep } from "../kernels";
import { Grads, Params, costAndDz, propagateUnchecked } from "./logistic";
import { DivergenceGuard, DivergenceRule, Divergence } from "./divergence";
import { Float32Matrix, float32StoreOf } from "./float32matrix";
import { requireInteger, requireLearningRate, requireProblem } from "./validate";

/** Which implementation of the training loop to run (see the module notes). */
export type OptimizeKernel = "auto" | "plain" | "fused";

/** Settings of {@link optimize}. */
export interface OptimizeOptions {
  /** Number of gradient-descent steps (a non-negative integer). */
  numIterations: number;
  /** Step size alpha in w := w - alpha dw (a finite number > 0). */
  learningRate: number;
  /** Record the cost every this many iterations, starting at iteration 0 (default 100, as the course). */
  recordEvery?: number;
  /**
   * Called once per iteration with the cost J(w, b) and the parameters (w, b) it was computed at,
   * BEFORE that iteration's update (so cost and params always belong together). Handy for live plots.
   * The params are a copy, yours to keep, when the function declares them (`(i, cost, params) => ...`); a
   * function of `(i, cost)` gets no copy of w per step (it could not see it), which keeps a live cost curve cheap.
   */
  onStep?: (iteration: number, cost: number, params: Params) => void;
  /** Print "Cost after iteration i: J" for every recorded cost, as the course does (default false). */
  printCost?: boolean;
  /** "auto" or "fused" (default: the fused kernel, one pass over X per iteration) or "plain" (the reference loop). */
  kernel?: OptimizeKernel;
  /** When to call a run diverged (see {@link DivergenceRule}); `false` turns the guard off. */
  divergence?: DivergenceRule | false;
  /**
   * Where the divergence warning goes. Default: {@link printWarning}, one visible line on stdout starting
   * with "⚠" (never stderr, which notebook runners and tslab treat as an error). Pass your own function
   * to collect the message instead (it gets the message without the "⚠ ").
   */
  onWarning?: (message: string) => void;
}

/** What {@link optimize} returns (the course's `params, grads, costs`, plus how the run went). */
export interface OptimizeResult {
  /** The trained parameters (after the last update; on divergence, the ones the last cost was computed at). */
  params: Params;
  /** The gradients of the last iteration (at the parameters before its update, as the course returns them). */
  grads: Grads;
  /** Costs at iterations 0, recordEvery, 2*recordEvery, ... */
  costs: number[];
  /** null when the run finished normally; otherwise where and why it was stopped (a warning was printed too). */
  diverged: Divergence | null;
  /** Number of completed update steps (numIterations unless the run diverged). */
  iterationsRun: number;
  /** Which implementation ran. */
  kernel: "plain" | "fused";
  /** The element type of X's products: "float32" when X was a Float32Matrix (`asFloat32`), else "float64". */
  dtype: "float64" | "float32";
}

/**
 * Batch gradient descent: for i = 0 .. numIterations-1,
 *   (dw, db), J = propagate(w, b, X, Y)
 *   w := w - learningRate * dw
 *   b := b - learningRate * db
 * recording J every `recordEvery` iterations (iteration 0 included).
 *
 * Divergence: when the cost becomes NaN/Infinity, rises for many consecutive steps, or stays above
 * the starting cost for many steps (rule and defaults in {@link DivergenceRule}), the loop stops,
 * prints a warning line ("⚠ optimize: training diverged ...", on stdout), and returns `diverged: { iteration, cost, reason }` instead of NaN plots.
 *
 * X may be a {@link Float32Matrix} (`asFloat32(X)`): the products with X then run in float32, about twice
 * as fast; the costs stay within 1e-5 of float64 training (see asFloat32). With `kernel: "plain"` the
 * float32 products run one after the other (two passes over X per step) instead of fused.
 *
 * Inputs are checked once, before the loop. With numIterations = 0, `grads` are those at the
 * starting parameters and `costs` is empty. The caller's w is never modified.
 *
 * @example optimize(column([1, 2]), 2, array([[1, 2], [3, 4]]), row([1, 0]), { numIterations: 100, learningRate: 0.009 })
 *   // params.w = [[0.1124579], [0.23106775]], params.b = 1.55930492
 * @throws the errors of propagate, and ValueError for a bad learningRate, numIterations or recordEvery.
 */
export function optimize(
  w: Column,
  b: number,
  X: Matrix | Float32Matrix,
  Y: Row,
  options: OptimizeOptions,
): OptimizeResult {
  const op = "optimize";
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`${op}: options { numIterations, learningRate } are required`);
  }
  const { numIterations, learningRate, recordEvery = 100, printCost = false, kernel = "auto" } = options;
  requireProblem(op, w, b, X, Y);
  requireInteger(op, "numIterations", numIterations, 0);
  requireLearningRate(op, learningRate);
  requireInteger(op, "recordEvery", recordEvery, 1);
  if (!["auto", "plain", "fused"].includes(kernel))
    throw new TypeError(`${op}: kernel must be "auto", "plain" or "fused", got ${String(kernel)}`);
  if (options.onStep !== undefined && typeof options.onStep !== "function")
    throw new TypeError(`${op}: onStep must be a function`);
  if (options.onWarning !== undefined && typeof options.onWarning !== "function")
    throw new TypeError(`${op}: onWarning must be a function`);

  const useFused = kernel !== "plain";
  const monitor = new Monitor(options, learningRate, recordEvery, printCost);
  const run = useFused
    ? fusedLoop(w, b, X, Y, numIterations, learningRate, monitor)
    : plainLoop(w, b, X, Y, numIterations, learningRate, monitor);
  const dtype = X instanceof Float32Matrix ? "float32" : "float64";
  return { ...run, costs: monitor.costs, diverged: monitor.diverged, kernel: useFused ? "fused" : "plain", dtype };
}

type LoopResult = { params: Params; grads: Grads; iterationsRun: number };

/** The reference loop: the course's numpy code with array operations. */
function plainLoop(
  w: Column,
  b: number,
  X: Matrix | Float32Matrix,
  Y: Row,
  numIterations: number,
  learningRate: number,
  monitor: Monitor,
): LoopResult {
  let grads: Grads | null = null;
  let i = 0;
  for (; i < numIterations; i++) {
    const step = propagateUnchecked(w, b, X, Y);
    grads = step.grads;
    const params = { w, b };
    if (monitor.stop(i, step.cost, () => params)) break;
    w = w.sub(grads.dw.mul(learningRate)) as Column;
    b = b - learningRate * grads.db;
  }
  if (numIterations === 0) w = w.copy(); // never hand back the caller's own array
  return { params: { w, b }, grads: grads ?? propagateUnchecked(w, b, X, Y).grads, iterationsRun: i };
}

/** The same loop with the w^T X / X dZ^T / w-update part in the fused kernel. */
function fusedLoop(
  w0: Column,
  b: number,
  X: Matrix | Float32Matrix,
  Y: Row,
  numIterations: number,
  learningRate: number,
  monitor: Monitor,
): LoopResult {
  const [n, m] = X.shape;
  const y = Y.toFloat64Array();
  const kernel: FusedLinearStep =
    X instanceof Float32Matrix
      ? float32StoreOf("optimize", "X", X).fusedStep(w0.toFloat64Array().slice())
      : createFusedLinearStep(X.toFloat64Array(), n, m, w0.copy().toFloat64Array());
  try {
    const dZ = new Float64Array(m);
    let z = kernel.z();
    let db = 0;
    let i = 0;
    for (; i < numIterations; i++) {
      // Forward pass and cost from z = w^T X; then dZ = A - Y and db, as in propagate.
      let cost: number;
      ({ cost, db } = costAndDz(z, b, y, dZ));
      const bNow = b;
      if (monitor.stop(i, cost, () => ({ w: column(kernel.weights()), b: bNow }))) break;
      z = kernel.step(dZ, learningRate, z); // reuse z's buffer: no garbage per iteration
      b = b - learningRate * db;
    }
    const w = column(kernel.weights());
    if (i < numIterations || numIterations === 0) {
      // Stopped early (divergence) or no step at all: the gradients at the returned parameters, as the
      // plain loop returns them (one extra pass over X).
      return { params: { w, b }, grads: propagateUnchecked(w, b, X, Y).grads, iterationsRun: i };
    }
    const dw = column(kernel.gradient()); // dw of the last step, as the course returns it
    return { params: { w, b }, grads: { dw, db }, iterationsRun: i };
  } finally {
    kernel.dispose();
  }
}

/** A column (n, 1) around a fresh array (the kernel's weights() and gradient() return copies). */
function column(values: Float64Array): Column {
  return fromFloat64Array(values, [values.length, 1]) as Column;
}

/**
 * How the library warns in notebooks: one visible line on stdout starting with "⚠". Not stderr: tslab shows
 * stderr like an error and the project's notebook runner fails a cell that writes to it.
 * @example printWarning("optimize: training diverged at iteration 200 ...") // prints "⚠ optimize: training diverged ..."
 */
export function printWarning(message: string): void {
  console.log(`⚠ ${message}`);
}

/** Records costs, prints them, calls onStep and runs the divergence guard: the loop-independent part. */
class Monitor {
  readonly costs: number[] = [];
  diverged: Divergence | null = null;
  private readonly guard: DivergenceGuard | null;
  private readonly onStep?: OptimizeOptions["onStep"];
  private readonly paramsOnDemand: boolean;
  private readonly warn: (message: string) => void;

  constructor(
    options: OptimizeOptions,
    private readonly learningRate: number,
    private readonly recordEvery: number,
    private readonly printCost: boolean,
  ) {
    this.guard = options.divergence === false ? null : new DivergenceGuard(options.divergence ?? {});
    this.onStep = options.onStep;
    // `(i, cost) => ...` cannot see the params: they are then made only if read (see ParamsOnDemand). A
    // function of no declared parameters may be `(...args) => ...`, so it gets them made, as one of three.
    const declared = options.onStep?.length ?? 0;
    this.paramsOnDemand = declared === 1 || declared === 2;
    this.warn = options.onWarning ?? printWarning;
  }

  /** Handles the cost of iteration i; returns true when training must stop (divergence). */
  stop(i: number, cost: number, params: () => Params): boolean {
    if (Number.isFinite(cost) && i % this.recordEvery === 0) {
      this.costs.push(cost);
      if (this.printCost) console.log(`Cost after iteration ${i}: ${cost.toFixed(6)}`);
    }
    // A non-finite cost is never handed to a plot, unless the caller turned the guard off.
    if (this.onStep && (Number.isFinite(cost) || !this.guard)) {
      if (this.paramsOnDemand) {
        const onDemand = new ParamsOnDemand(params);
        try {
          this.onStep(i, cost, onDemand);
        } finally {
          onDemand.expire();
        }
      } else {
        this.onStep(i, cost, params());
      }
    }
    const verdict = this.guard?.check(i, cost) ?? null;
    if (!verdict) return false;
    this.diverged = verdict;
    this.warn(
      `optimize: training diverged at iteration ${i} (learning rate ${this.learningRate}): ${verdict.reason}. Stopped; try a smaller learning rate.`,
    );
    return true;
  }
}

/**
 * The params handed to an `onStep` that declares fewer than three parameters (`(i, cost) => ...`, as for a live
 * cost curve): w is copied out of the kernel only if read, which saves a copy of every weight per step (15-30 µs
 * for the course's 12288 weights, and 98 KB of garbage). Read during the call, they are exactly what a
 * three-parameter onStep gets; read after it returned (through `arguments`, the only way such a function can
 * reach them), they would be of a later step, so that throws instead.
 */
class ParamsOnDemand implements Params {
  private made: Params | null = null;
  private live = true;

  constructor(private readonly make: () => Params) {}

  get w(): Column {
    return this.get().w;
  }

  get b(): number {
    return this.get().b;
  }

  /** Called when onStep returns. */
  expire(): void {
    this.live = false;
  }

  private get(): Params {
    if (this.made) return this.made;
    if (!this.live)
      throw new Error(
        "optimize: onStep's params were read after the call returned; declare them (onStep: (i, cost, params) => ...) to keep them",
      );
    return (this.made = this.make());
  }
}
