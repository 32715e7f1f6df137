/**
 * The opt-in float32 path: X (n features, m examples) held once as float32 in the kernels' shared memory,
 * and the products of logistic regression with it in f32x4 SIMD (the `float32` section of kernels.wat).
 *
 * Why: the kernels are bound by arithmetic, and an f32x4 vector holds four values where an f64x2 holds
 * two; X also takes half the bytes. What stays float64: w, dw, b, the cost, the horizontal sums of the dot
 * products (`X dZ^T`) and the sum of the per-block partial sums of `z = w^T X`. What is float32: X, dZ
 * as the kernels read it, w as the kernels multiply by it, the four lanes of a dot product, and the partial
 * sum of z over one block of rows. Measured on the course's data: costs of 2000 training iterations agree
 * with the float64 path to better than 1e-5 (see tests/learn.float32.test.ts and docs/library.md).
 *
 * Layout (see the float32 section of kernels.wat): rows padded with zeros to s = m rounded up to a multiple
 * of 4, n padded with zero rows to a multiple of 4, and each group of four rows interleaved by column quads,
 * so that the kernels read X as one sequential stream of whole, aligned f32x4 vectors with no scalar tails.
 * The rows are cut into fixed blocks (the same whatever the number of threads); each block's share of z
 * goes to its own float32 vector and the vectors are added in block order in float64, so the numbers never
 * depend on which thread ran what.
 */
import { ShapeError, ValueError } from "../core";
import { FusedLinearStep, createFusedLinearStep } from "./fused";
import { KernelRuntime, getRuntime } from "./runtime";
import { allocF32, at, blockRowsFor, heapCleanup, heapF32, paddedColumns, paddedRows, sumParts } from "./layout32";
import { runRowBlocks } from "./row-blocks";

/**
 * A read-only float32 copy of a row-major (n, m) float64 matrix, in the kernels' shared memory (or in an
 * ordinary Float32Array when the WebAssembly runtime is unavailable: same API, plain loops). The public
 * face of it is `Float32Matrix` in src/learn; this is the kernels' side.
 */
export class Float32Store {
  /** Row stride in values (m rounded up to a multiple of 4). */
  readonly s: number;
  /** Rows the kernels walk (n rounded up to a multiple of 4; the extra rows are zero). */
  readonly n4: number;
  private readonly rt: KernelRuntime | null;
  /** Byte address of the rows in the heap (with the runtime). */
  private readonly address: number;
  /** The rows (without the runtime). */
  private readonly plain: Float32Array | null;
  private readonly blocks: number[] = [];
  private released = false;

  /**
   * Copies `values` (n*m float64, row-major) rounded to float32. The caller checks the values first
   * (finite, within float32's range): this only converts.
   * @throws ShapeError when the sizes do not fit
   */
  constructor(
    values: Float64Array,
    readonly n: number,
    readonly m: number,
  ) {
    if (!Number.isInteger(n) || !Number.isInteger(m) || n < 1 || m < 1)
      throw new ShapeError(`Float32Store: n and m must be positive integers, got n=${n}, m=${m}`);
    if (values.length !== n * m)
      throw new ShapeError(`Float32Store: ${values.length} values, expected n*m for (${n},${m})`);
    const s = (this.s = paddedColumns(m));
    this.n4 = paddedRows(n);
    this.rt = getRuntime();
    if (this.rt) {
      this.address = allocF32(this.rt, this.n4 * s);
      this.blocks.push(this.address);
      this.plain = null;
      heapCleanup.register(this, { rt: this.rt, blocks: this.blocks }, this);
    } else {
      this.address = -1;
      this.plain = new Float32Array(this.n4 * s);
    }
    const data = this.data();
    data.fill(0); // the padding (and a reused heap block may hold old values)
    for (let i = 0; i < n; i++) {
      const row = at(i, 0, s);
      for (let j = 0, src = i * m; j < m; j++) data[row + (j >> 2) * 16 + (j & 3)] = values[src + j];
    }
  }

  /** True once {@link dispose} ran. */
  get disposed(): boolean {
    return this.released;
  }

  /**
   * The float32 values in the kernels' layout (see {@link at}). Valid until the next allocation in the
   * kernels' heap: read it at once, never keep it.
   */
  private data(): Float32Array {
    if (this.plain) return this.plain;
    return new Float32Array(this.rt!.memory.buffer, this.address, this.n4 * this.s);
  }

  /** The values as float64, row-major (n, m), without the padding. */
  toFloat64(): Float64Array {
    const { n, m, s } = this;
    const data = this.data();
    const out = new Float64Array(n * m);
    for (let i = 0; i < n; i++) {
      const row = at(i, 0, s);
      for (let j = 0, dst = i * m; j < m; j++) out[dst + j] = data[row + (j >> 2) * 16 + (j & 3)];
    }
    return out;
  }

  /**
   * `z = w^T X` (length m) for float64 weights w (length n): products and per-block sums in float32, the
   * blocks added in float64.
   */
  rowTimes(w: Float64Array): Float64Array {
    const { n, n4, m, s, rt } = this;
    if (w.length !== n) throw new ShapeError(`Float32Store.rowTimes: w has ${w.length} values, expected ${n}`);
    if (!rt) {
      const data = this.plain!;
      const z = new Float64Array(m);
      for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) z[j] += w[i] * data[at(i, j, s)];
      return z;
    }
    const blockRows = blockRowsFor(n4, s),
      blockCount = Math.ceil(n4 / blockRows);
    const wAt = rt.alloc(n4),
      parts = allocF32(rt, blockCount * s);
    try {
      rt.f64.set(w, wAt / 8);
      rt.f64.fill(0, wAt / 8 + n, wAt / 8 + n4);
      heapF32(rt).fill(0, parts / 4, parts / 4 + blockCount * s);
      runRowBlocks(rt, n4 * s, "zRows32", [this.address, wAt, parts, s, 0, n4], 4, 2, blockRows, s * 4);
      return sumParts(heapF32(rt), parts, blockCount, s, m);
    } finally {
      rt.release(parts);
      rt.release(wAt);
    }
  }

  /** `X v` (length n) for a float64 v (length m): v rounded to float32, each dot product summed in float64. */
  timesVector(v: Float64Array): Float64Array {
    const { n, n4, m, s, rt } = this;
    if (v.length !== m) throw new ShapeError(`Float32Store.timesVector: v has ${v.length} values, expected ${m}`);
    if (!rt) {
      const data = this.plain!;
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let sum = 0;
        for (let j = 0; j < m; j++) sum += data[at(i, j, s)] * Math.fround(v[j]);
        out[i] = sum;
      }
      return out;
    }
    const vAt = allocF32(rt, s),
      out = rt.alloc(n4);
    try {
      const f32 = heapF32(rt);
      f32.set(v, vAt / 4);
      f32.fill(0, vAt / 4 + m, vAt / 4 + s);
      runRowBlocks(rt, n4 * s, "dotRows32", [this.address, vAt, out, s, 0, n4], 4, 0, blockRowsFor(n4, s), 0);
      return rt.f64.slice(out / 8, out / 8 + n);
    } finally {
      rt.release(out);
      rt.release(vAt);
    }
  }

  /**
   * The fused training pass over this X (see `createFusedLinearStep` in fused.ts), in float32: the same API,
   * with w, dw and the returned z in float64.
   */
  fusedStep(w0: Float64Array): FusedLinearStep {
    if (w0.length !== this.n)
      throw new ShapeError(`Float32Store.fusedStep: w has shape (${w0.length},), expected (${this.n},)`);
    return this.rt ? new Fused32Step(this.rt, this, w0) : createFusedLinearStep(this.toFloat64(), this.n, this.m, w0);
  }

  /** Byte address of the rows (for {@link Fused32Step}). */
  get heapAddress(): number {
    return this.address;
  }

  /** Frees the memory now (it is also freed when the store is garbage collected). Idempotent. */
  dispose(): void {
    if (this.released) return;
    this.released = true;
    if (this.rt) {
      heapCleanup.unregister(this);
      for (const b of this.blocks) this.rt.release(b);
    }
  }
}

/** The fused gradient-descent pass of fused.ts over a float32 X (see {@link Float32Store.fusedStep}). */
class Fused32Step implements FusedLinearStep {
  readonly n: number;
  readonly m: number;
  private readonly s: number;
  private readonly n4: number;
  private readonly w: number;
  private readonly dw: number;
  private readonly dz: number;
  private readonly zParts: number;
  private readonly blockRows: number;
  private readonly blockCount: number;
  private readonly blocks: number[] = [];
  private readonly jobArgs: number[];
  private haveZ = false;
  private released = false;

  constructor(
    private readonly rt: KernelRuntime,
    private readonly store: Float32Store,
    w0: Float64Array,
  ) {
    const { n, n4, m, s } = store;
    this.n = n;
    this.n4 = n4;
    this.m = m;
    this.s = s;
    const take = (count: number) => {
      const at = rt.alloc(count);
      this.blocks.push(at);
      return at;
    };
    this.blockRows = blockRowsFor(n4, s);
    this.blockCount = Math.ceil(n4 / this.blockRows);
    this.w = take(n4);
    this.dw = take(n4);
    this.dz = take(s / 2);
    this.zParts = take((this.blockCount * s) / 2);
    rt.f64.set(w0, this.w / 8);
    rt.f64.fill(0, this.w / 8 + n, this.w / 8 + n4); // the padding rows' weights: zero, and they stay zero
    rt.f64.fill(0, this.dw / 8, this.dw / 8 + n4);
    heapF32(rt).fill(0, this.dz / 4, this.dz / 4 + s); // the padding past m stays zero for good
    this.jobArgs = [store.heapAddress, this.dz, this.w, this.dw, this.zParts, s, m, 0, n4, 0];
    heapCleanup.register(this, { rt, blocks: this.blocks }, this);
  }

  z(): Float64Array {
    this.checkAlive("z");
    if (!this.haveZ) {
      this.clearParts();
      runRowBlocks(
        this.rt,
        this.n4 * this.s,
        "zRows32",
        [this.store.heapAddress, this.w, this.zParts, this.s, 0, this.n4],
        4,
        2,
        this.blockRows,
        this.s * 4,
      );
      this.haveZ = true;
    }
    return sumParts(heapF32(this.rt), this.zParts, this.blockCount, this.s, this.m);
  }

  step(dZ: Float64Array, learningRate: number, out?: Float64Array): Float64Array {
    this.checkAlive("step");
    if (dZ.length !== this.m)
      throw new ShapeError(`FusedLinearStep.step: dZ has shape (${dZ.length},), expected (${this.m},)`);
    if (out !== undefined && out.length !== this.m)
      throw new ShapeError(`FusedLinearStep.step: out has shape (${out.length},), expected (${this.m},)`);
    if (!Number.isFinite(learningRate))
      throw new ValueError(`FusedLinearStep.step: learning rate must be finite, got ${learningRate}`);
    heapF32(this.rt).set(dZ, this.dz / 4);
    this.clearParts();
    this.jobArgs[9] = learningRate;
    runRowBlocks(this.rt, this.n4 * this.s, "fusedRows32", this.jobArgs, 7, 4, this.blockRows, this.s * 4);
    this.haveZ = true;
    return sumParts(heapF32(this.rt), this.zParts, this.blockCount, this.s, this.m, out);
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
    if (this.released) return;
    this.released = true;
    heapCleanup.unregister(this);
    for (const b of this.blocks) this.rt.release(b);
  }

  private clearParts(): void {
    heapF32(this.rt).fill(0, this.zParts / 4, this.zParts / 4 + this.blockCount * this.s);
  }

  private checkAlive(what: string): void {
    if (this.released) throw new Error(`FusedLinearStep.${what}: used after dispose()`);
    if (this.store.disposed) throw new Error(`FusedLinearStep.${what}: its float32 X was disposed`);
  }
}
