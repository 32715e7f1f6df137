/**
 * One fused pass over X per gradient-descent iteration of logistic regression.
 *
 * Batch gradient descent needs two products with the big matrix X (n features, m examples) per iteration:
 * `dw = X dZ^T / m` and, after updating w, `z = w^T X` for the next forward pass. Both can be done in ONE
 * pass over X, row by row: `dw_i = X[i,:]·dZ / m; w_i -= lr*dw_i; z_next[j] += w_i * X[i,j]`, while row i is
 * still in cache. Reading X once instead of twice halves the memory traffic, which is what bounds the
 * speed. The rows are cut into many small blocks that the main thread and the helper worker claim one at a
 * time; each block adds its rows' share of z into its own vector, and these are added in block order, so
 * the numbers never depend on the schedule (and a thread descheduled by a busy machine holds up one small
 * block, never half the pass).
 *
 * X is copied ONCE into the shared heap (the worker cannot read the caller's ordinary memory), which costs
 * one extra copy of X in memory. Streaming X instead through a small cache-sized buffer every iteration
 * (main thread copies chunk by chunk, worker computes) was measured at 2.9-15 ms per pass against
 * 0.6-2.0 ms for copy-once on the 2-core reference machine (12288 x 209): the per-iteration copy is as
 * costly as the pass itself. Only data allocated in the shared heap from the start avoids both: X made by
 * `preprocessImages` or put there once with `toKernelMemory` (memory.ts) is used in place, no copy.
 */
import { ShapeError, ValueError } from "../core";
import { rowsPerBlock, runRowBlocks } from "./row-blocks";
import { KernelRuntime, getRuntime } from "./runtime";

/** A training loop's view of X: the two products of one iteration, done together. See {@link createFusedLinearStep}. */
export interface FusedLinearStep {
  /** Number of features (rows of X, length of w). */
  readonly n: number;
  /** Number of examples (columns of X, length of z and dZ). */
  readonly m: number;
  /** `z = w^T X` for the current weights, as a fresh (m) array (computed on the first call, then kept up to date by `step`). */
  z(): Float64Array;
  /**
   * One gradient step: `dw = X dZ^T / m`, `w -= learningRate * dw`; returns the new `z = w^T X`.
   * `dZ` is `A - Y` of the current forward pass (length m). The result goes into `out` when given (length m,
   * e.g. the previous z: a training loop then allocates nothing per iteration, which keeps its memory
   * flat), else into a fresh array.
   */
  step(dZ: Float64Array, learningRate: number, out?: Float64Array): Float64Array;
  /** A copy of the current weights w (length n). */
  weights(): Float64Array;
  /** A copy of the gradient dw of the last `step` (length n; zeros before the first step). */
  gradient(): Float64Array;
  /** Frees the kernel's memory (a copy of X). Further calls throw. */
  dispose(): void;
}

/**
 * Creates the fused kernel for X of shape (n, m), row-major (`X[i*m + j]` is feature i of example j), and
 * initial weights w (length n; copied, not modified). X is copied once into the kernel's shared memory,
 * unless it already lives there. Results agree with plain loops to about 1e-15 relative (the dot
 * products are summed in a different order); they do not depend on whether the helper worker was used.
 * @throws ShapeError when `X.length !== n*m` or `w.length !== n`
 * @example
 * const k = createFusedLinearStep(X, n, m, w0);
 * let z = k.z();
 * for (let it = 0; it < 2000; it++) { const dZ = sigmoid(z + b) - Y; b -= lr * mean(dZ); z = k.step(dZ, lr); }
 * const w = k.weights(); k.dispose();
 */
export function createFusedLinearStep(X: Float64Array, n: number, m: number, w: Float64Array): FusedLinearStep {
  if (!Number.isInteger(n) || !Number.isInteger(m) || n < 1 || m < 1) {
    throw new ShapeError(`createFusedLinearStep: n and m must be positive integers, got n=${n}, m=${m}`);
  }
  if (X.length !== n * m)
    throw new ShapeError(`createFusedLinearStep: X has ${X.length} values, expected n*m = (${n},${m})`);
  if (w.length !== n) throw new ShapeError(`createFusedLinearStep: w has shape (${w.length},), expected (${n},)`);
  const rt = getRuntime();
  return rt ? new WasmFusedStep(rt, X, n, m, w) : new PlainFusedStep(X, n, m, w);
}

type HeapBlocks = { rt: KernelRuntime; blocks: number[] };
/** Frees the heap blocks of kernels that were dropped without dispose(). */
const heapCleanup = new FinalizationRegistry<HeapBlocks>(({ rt, blocks }) => {
  for (const b of blocks) rt.release(b);
});

function checkStep(
  name: string,
  dZ: Float64Array,
  m: number,
  learningRate: number,
  out: Float64Array | undefined,
): void {
  if (dZ.length !== m) throw new ShapeError(`${name}: dZ has shape (${dZ.length},), expected (${m},)`);
  if (out !== undefined && out.length !== m)
    throw new ShapeError(`${name}: out has shape (${out.length},), expected (${m},)`);
  if (!Number.isFinite(learningRate))
    throw new ValueError(`${name}: learning rate must be finite, got ${learningRate}`);
}

class WasmFusedStep implements FusedLinearStep {
  private readonly x: number;
  private readonly w: number;
  private readonly dw: number;
  private readonly dz: number;
  /**
   * The partial z of each block of rows, one after the other (`blockCount` vectors of length m). All zero
   * between passes: the kernel adds into them, and `addParts` zeroes them while it sums them into `zSum`.
   */
  private readonly zParts: number;
  /** z = w^T X for the current weights (valid when haveZ). */
  private readonly zSum: number;
  private readonly blockRows: number;
  private readonly blockCount: number;
  private readonly blocks: number[];
  /** True once zSum holds z for the current weights. */
  private haveZ = false;
  /** The pass's arguments, allocated once (only the learning rate changes between passes). */
  private readonly jobArgs: number[];
  private disposed = false;

  constructor(
    private readonly rt: KernelRuntime,
    X: Float64Array,
    readonly n: number,
    readonly m: number,
    w0: Float64Array,
  ) {
    const inHeap = rt.addressOf(X);
    this.blocks = [];
    const take = (count: number) => {
      const at = rt.alloc(count);
      this.blocks.push(at);
      return at;
    };
    this.blockRows = rowsPerBlock(n, m);
    this.blockCount = Math.ceil(n / this.blockRows);
    this.x = inHeap >= 0 ? inHeap : take(n * m);
    this.w = take(n);
    this.dw = take(n);
    this.dz = take(m);
    this.zParts = take(m * this.blockCount);
    this.zSum = take(m);
    const heap = rt.f64;
    if (inHeap < 0) heap.set(X, this.x / 8);
    heap.set(w0, this.w / 8);
    heap.fill(0, this.dw / 8, this.dw / 8 + n);
    heap.fill(0, this.zParts / 8, this.zParts / 8 + m * this.blockCount);
    // Rows [0, n) cut into blocks of blockRows; block b adds its rows' share of z into its own vector
    // zParts + b*m, so which thread ran which block never changes a number.
    this.jobArgs = [this.x, this.dz, this.w, this.dw, this.zParts, m, 0, n, 0];
    heapCleanup.register(this, { rt, blocks: this.blocks }, this);
  }

  z(): Float64Array {
    this.checkAlive("z");
    if (!this.haveZ) {
      // With dZ = 0 and a zero learning rate the pass leaves w as it is and only computes z.
      const saved = this.rt.f64.slice(this.dw / 8, this.dw / 8 + this.n);
      this.rt.f64.fill(0, this.dz / 8, this.dz / 8 + this.m);
      this.pass(0);
      this.rt.f64.set(saved, this.dw / 8);
    }
    return this.copyZ();
  }

  step(dZ: Float64Array, learningRate: number, out?: Float64Array): Float64Array {
    this.checkAlive("step");
    checkStep("FusedLinearStep.step", dZ, this.m, learningRate, out);
    this.rt.f64.set(dZ, this.dz / 8);
    this.pass(learningRate);
    // Every buffer of the pass is reused: with `out` a step allocates nothing. Per-step arrays would pile
    // up as garbage outside the JS heap (megabytes over a training) until a collection frees them.
    return this.copyZ(out);
  }

  weights(): Float64Array {
    this.checkAlive("weights");
    return this.rt.f64.slice(this.w / 8, this.w / 8 + this.n);
  }

  gradient(): Float64Array {
    this.checkAlive("gradient");
    return this.rt.f64.slice(this.dw / 8, this.dw / 8 + this.n);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    heapCleanup.unregister(this);
    for (const b of this.blocks) this.rt.release(b);
  }

  private checkAlive(what: string): void {
    if (this.disposed) throw new Error(`FusedLinearStep.${what}: used after dispose()`);
  }

  /**
   * One pass over X with the dZ already in the heap: updates w and dw, and sets zSum to the new z (the blocks'
   * partial sums added in block order, the same sum whichever thread ran which block).
   */
  private pass(learningRate: number): void {
    const { rt, n, m, blockRows, blockCount } = this;
    this.haveZ = false;
    this.jobArgs[8] = learningRate;
    try {
      // Both threads claim blocks until none is left, or this thread runs them all (row-blocks.ts).
      runRowBlocks(rt, n * m, "fusedRows", this.jobArgs, 6, 4, blockRows, m * 8);
    } catch (err) {
      // a pass cut short leaves partial sums behind: the next one must start from zeros
      rt.f64.fill(0, this.zParts / 8, this.zParts / 8 + m * blockCount);
      throw err;
    }
    // In WebAssembly: summing the 40-odd partial vectors in JS, and zeroing them for the next pass, took
    // about as long as the sigmoid and cost of a step, while the helper thread waited.
    rt.kernels.addParts(this.zParts, blockCount, m, this.zSum);
    this.haveZ = true;
  }

  /** z from the heap into `out` (or a fresh array). */
  private copyZ(out?: Float64Array): Float64Array {
    const heap = this.rt.f64,
      first = this.zSum / 8,
      m = this.m;
    const z = out ?? new Float64Array(m);
    for (let j = 0; j < m; j++) z[j] = heap[first + j]; // a loop, not set(subarray): no view object per step
    return z;
  }
}

/** Plain-JS version used when the WebAssembly runtime is unavailable (same API, single thread). */
class PlainFusedStep implements FusedLinearStep {
  private readonly X: Float64Array;
  private readonly w: Float64Array;
  private readonly dw: Float64Array;
  private current: Float64Array | null = null;
  private disposed = false;

  constructor(
    X: Float64Array,
    readonly n: number,
    readonly m: number,
    w0: Float64Array,
  ) {
    this.X = X.slice();
    this.w = w0.slice();
    this.dw = new Float64Array(n);
  }

  z(): Float64Array {
    this.checkAlive("z");
    if (!this.current) {
      const { X, w, n, m } = this;
      const z = new Float64Array(m);
      for (let i = 0; i < n; i++) for (let j = 0, r = i * m; j < m; j++) z[j] += w[i] * X[r + j];
      this.current = z;
    }
    return this.current.slice();
  }

  step(dZ: Float64Array, learningRate: number, out?: Float64Array): Float64Array {
    this.checkAlive("step");
    checkStep("FusedLinearStep.step", dZ, this.m, learningRate, out);
    const { X, w, dw, n, m } = this;
    const z = new Float64Array(m);
    for (let i = 0; i < n; i++) {
      const r = i * m;
      let s = 0;
      for (let j = 0; j < m; j++) s += X[r + j] * dZ[j];
      dw[i] = s / m;
      w[i] -= learningRate * dw[i];
      const wi = w[i];
      for (let j = 0; j < m; j++) z[j] += wi * X[r + j];
    }
    this.current = z;
    if (!out) return z.slice();
    out.set(z);
    return out;
  }

  weights(): Float64Array {
    this.checkAlive("weights");
    return this.w.slice();
  }

  gradient(): Float64Array {
    this.checkAlive("gradient");
    return this.dw.slice();
  }

  dispose(): void {
    this.disposed = true;
  }

  private checkAlive(what: string): void {
    if (this.disposed) throw new Error(`FusedLinearStep.${what}: used after dispose()`);
  }
}
