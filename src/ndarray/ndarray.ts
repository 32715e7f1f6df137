/**
 * The NDArray class: a typed, float64, n-dimensional array on top of the `ndarray` package.
 *
 * Storage and views come from `ndarray` (a Float64Array plus shape, strides and offset), so
 * transposes and slices are views that share memory, exactly as in numpy. The type parameter `S`
 * tracks the rank and which dimensions are the literal 1 (see `shape.ts`).
 */
import ndarray from "ndarray";
import type { NdArray } from "ndarray";
import { ShapeError } from "../core";
import {
  Broadcast,
  Normalize,
  Reduced,
  Reverse,
  Shape,
  ShapeLike,
  WidenAxis,
  checkShape,
  contiguousStrides,
  formatShape,
  normalizeAxis,
  sizeOf,
} from "./shape";
import * as ew from "./elementwise";
import * as red from "./reduce";
import { formatArray } from "./format";
import { matmul, InferFromFirst } from "./linalg";
import { sliceAxis } from "./manipulate";

/** The underlying `ndarray` view type. */
export type Storage = NdArray<Float64Array>;

/** Either an array or a plain number (a number broadcasts like a 0-d array). */
export type Operand<T extends Shape = Shape> = NDArray<T> | number;

/**
 * The type of `a.shape`: the shape tuple, read-only. For an `NDArray<any>` (what `x instanceof NDArray`
 * gives) it is `readonly number[]`, so the shape can still be passed to functions taking a shape.
 */
export type ReadonlyShape<S extends Shape> = Readonly<S> & ShapeLike;

/** Shape type of a binary operation's result. */
export type ResultShape<S extends Shape, O> = O extends NDArray<infer T> ? Broadcast<S, T> : S;

/**
 * A float64 n-dimensional array with numpy semantics.
 *
 * @typeParam S - the shape type: its length is the rank; a literal `1` marks a dimension of size one,
 * so `NDArray<[number, 1]>` (a {@link Column}) and `NDArray<[1, number]>` (a {@link Row}) are different
 * types from `NDArray<[number]>` (a rank-1 {@link Vector}).
 */
export class NDArray<S extends Shape = Shape> {
  /** The `ndarray` view holding the data (shape, strides, offset over a Float64Array). */
  readonly storage: Storage;

  /** Wraps an `ndarray` view. Prefer the creation functions (`zeros`, `array`, ...). */
  constructor(storage: Storage) {
    this.storage = storage;
  }

  /** Dimension sizes, like numpy's `a.shape`. */
  get shape(): ReadonlyShape<S> {
    return this.storage.shape as unknown as ReadonlyShape<S>;
  }
  /** Number of dimensions (rank). */
  get ndim(): S["length"] {
    return this.storage.shape.length as S["length"];
  }
  /** Number of elements. */
  get size(): number {
    return this.storage.size;
  }

  /** True when the elements lie in row-major order with no gaps (so `data` can be read flat). */
  get isContiguous(): boolean {
    const { shape, stride } = this.storage;
    // the strides of contiguousStrides(shape), computed on the way (no array: this runs before many operations)
    for (let i = shape.length - 1, expected = 1; i >= 0; i--) {
      if (shape[i] > 1 && stride[i] !== expected) return false;
      expected *= Math.max(shape[i], 1);
    }
    return true;
  }

  /**
   * The elements in row-major order as a Float64Array. Returns the backing buffer itself when the
   * array is contiguous and starts at offset 0 (no copy); otherwise a fresh copy.
   * The Float64Array may be a view into a larger ArrayBuffer: small results (9 to 32 values) share blocks of
   * 1 KiB, and arrays in kernel memory live in the kernels' shared memory. To get its bytes use
   * `new Uint8Array(data.buffer, data.byteOffset, data.byteLength)`; never transfer its `buffer` to a worker.
   */
  toFloat64Array(): Float64Array {
    const s = this.storage;
    if (this.isContiguous && s.offset === 0 && s.data.length === s.size) return s.data;
    return this.copy().storage.data;
  }

  /** A contiguous copy that shares no memory with this array. */
  copy(): NDArray<S> {
    const out = new NDArray<S>(ndarray(new Float64Array(this.size), this.storage.shape.slice()));
    copyInto(out.storage, this.storage);
    return out;
  }

  /** Reads one element; negative indices count from the end. */
  get(...index: number[]): number {
    return this.storage.get(...this.checkIndex("get", index));
  }

  /** Writes one element in place; negative indices count from the end. Returns the array. */
  set(index: number[], value: number): this {
    this.storage.set(...this.checkIndex("set", index), value);
    return this;
  }

  /** The value of a one-element array (any rank), like numpy's `a.item()`. */
  item(): number {
    if (this.size !== 1)
      throw new ShapeError(`item: can only convert an array of size 1, got shape ${formatShape(this.shape)}`);
    return this.storage.get(...new Array(this.ndim).fill(0));
  }

  /** Nested JavaScript arrays (a number for a 0-d array), like numpy's `a.tolist()`. */
  toArray(): unknown {
    const rec = (axis: number, idx: number[]): unknown => {
      if (axis === this.ndim) return this.storage.get(...idx);
      const out: unknown[] = [];
      for (let i = 0; i < this.shape[axis]; i++) out.push(rec(axis + 1, [...idx, i]));
      return out;
    };
    return rec(0, []);
  }

  /**
   * Same data, new shape (numpy's `reshape`); one dimension may be -1 and is inferred.
   * Returns a view when the array is contiguous, otherwise a copy.
   */
  reshape<const T extends ShapeLike>(shape: T): NDArray<Normalize<T>> {
    const target = resolveReshape(this.shape, shape);
    const src = this.isContiguous ? this.storage : this.copy().storage;
    return new NDArray(ndarray(src.data, target, contiguousStrides(target), src.offset)) as NDArray<Normalize<T>>;
  }

  /** A rank-1 copy of all elements in row-major order (numpy's `flatten`). */
  flatten(): NDArray<[number]> {
    return this.copy().reshape([-1]) as NDArray<[number]>;
  }

  /**
   * Permutes the axes (a view, no copy). With no argument the axes are reversed, so a column
   * `(n,1)` becomes a row `(1,n)`; like numpy, a rank-1 array is returned unchanged.
   */
  transpose(): NDArray<Reverse<S>>;
  transpose(axes: readonly number[]): NDArray<Shape>;
  transpose(axes?: readonly number[]): NDArray<Shape> {
    const n = this.ndim;
    const perm = axes ? axes.map((a) => normalizeAxis("transpose", a, n)) : [...Array(n).keys()].reverse();
    if (perm.length !== n || new Set(perm).size !== n) {
      throw new ShapeError(
        `transpose: axes [${axes?.join(", ")}] do not match array of shape ${formatShape(this.shape)}`,
      );
    }
    return new NDArray(this.storage.transpose(...perm));
  }

  /**
   * A view of indices `start, start+step, ...` before `stop` along `axis` (numpy's `a[..., start:stop:step]`):
   * negative indices count from the end, bounds are clipped, memory is shared.
   * @example X.slice(1, 0, 10) // examples 0..9 of an (n, m) matrix X: shape (n, 10)
   */
  slice<A extends number>(axis: A, start: number, stop?: number, step = 1): NDArray<WidenAxis<S, A>> {
    return sliceAxis(this, axis, start, stop, step);
  }

  /** The transpose (axes reversed), numpy's `a.T`. */
  get T(): NDArray<Reverse<S>> {
    return this.transpose();
  }

  /**
   * Matrix product `this @ other` of 2-D arrays: (m, k) times (k, n) gives (m, n).
   * Does not compile on a rank-1 array: make it a column (n,1) or a row (1,n) first. Nor does a
   * column times a general matrix (`w.matmul(X)` where `w.T.matmul(X)` was meant).
   */
  matmul<M extends number, K extends number, N extends number>(
    this: NDArray<[M, K]>,
    other: NDArray<[InferFromFirst<K>, N]>,
  ): NDArray<[M, N]> {
    return matmul(this, other);
  }

  // ---- element-wise arithmetic (numpy broadcasting; a number may stand for either operand) ----

  /** `this + other`, broadcasting like numpy. */
  add<O extends Operand>(other: O): NDArray<ResultShape<S, O>> {
    return ew.binary("add", this, other) as NDArray<ResultShape<S, O>>;
  }
  /** `this - other`, broadcasting like numpy. */
  sub<O extends Operand>(other: O): NDArray<ResultShape<S, O>> {
    return ew.binary("sub", this, other) as NDArray<ResultShape<S, O>>;
  }
  /** `this * other` element-wise (not a matrix product: see {@link NDArray.matmul}). */
  mul<O extends Operand>(other: O): NDArray<ResultShape<S, O>> {
    return ew.binary("mul", this, other) as NDArray<ResultShape<S, O>>;
  }
  /** `this / other` element-wise. */
  div<O extends Operand>(other: O): NDArray<ResultShape<S, O>> {
    return ew.binary("div", this, other) as NDArray<ResultShape<S, O>>;
  }
  /** `this ** other` element-wise. */
  pow<O extends Operand>(other: O): NDArray<ResultShape<S, O>> {
    return ew.binary("pow", this, other) as NDArray<ResultShape<S, O>>;
  }
  /** `this < other` as 1 (true) / 0 (false). */
  lt<O extends Operand>(other: O): NDArray<ResultShape<S, O>> {
    return ew.binary("lt", this, other) as NDArray<ResultShape<S, O>>;
  }
  /** `this <= other` as 1 / 0. */
  le<O extends Operand>(other: O): NDArray<ResultShape<S, O>> {
    return ew.binary("le", this, other) as NDArray<ResultShape<S, O>>;
  }
  /** `this > other` as 1 / 0. */
  gt<O extends Operand>(other: O): NDArray<ResultShape<S, O>> {
    return ew.binary("gt", this, other) as NDArray<ResultShape<S, O>>;
  }
  /** `this >= other` as 1 / 0. */
  ge<O extends Operand>(other: O): NDArray<ResultShape<S, O>> {
    return ew.binary("ge", this, other) as NDArray<ResultShape<S, O>>;
  }
  /** `this == other` as 1 / 0. */
  eq<O extends Operand>(other: O): NDArray<ResultShape<S, O>> {
    return ew.binary("eq", this, other) as NDArray<ResultShape<S, O>>;
  }
  /** `this != other` as 1 / 0. */
  ne<O extends Operand>(other: O): NDArray<ResultShape<S, O>> {
    return ew.binary("ne", this, other) as NDArray<ResultShape<S, O>>;
  }

  /** -this */
  neg(): NDArray<S> {
    return ew.unary("neg", this);
  }
  /** e^x element-wise. */
  exp(): NDArray<S> {
    return ew.unary("exp", this);
  }
  /** Natural logarithm element-wise (log of a negative number is NaN, of 0 is -Infinity, as in numpy). */
  log(): NDArray<S> {
    return ew.unary("log", this);
  }
  /** Square root element-wise. */
  sqrt(): NDArray<S> {
    return ew.unary("sqrt", this);
  }
  /** Absolute value element-wise. */
  abs(): NDArray<S> {
    return ew.unary("abs", this);
  }
  /** Limits every element to `[lo, hi]` (numpy's `clip`). */
  clip(lo: number, hi: number): NDArray<S> {
    return ew.clip(this, lo, hi);
  }
  /** Applies `f` to every element (a new array; `f` gets the value and its flat row-major index). */
  map(f: (value: number, index: number) => number): NDArray<S> {
    return ew.map(this, f);
  }

  // ---- reductions ----

  /** Sum of all elements. */
  sum(): number;
  /** Sum along one axis (negative counts from the end); `keepdims` keeps it as size 1, as numpy does. */
  sum<K extends boolean = false>(axis: number, keepdims?: K): NDArray<Reduced<S, K>>;
  sum(axis?: number, keepdims = false): number | NDArray {
    return red.reduce("sum", this, axis, keepdims);
  }
  /** Mean of all elements. */
  mean(): number;
  /** Mean along one axis, optionally keeping it as size 1. */
  mean<K extends boolean = false>(axis: number, keepdims?: K): NDArray<Reduced<S, K>>;
  mean(axis?: number, keepdims = false): number | NDArray {
    return red.reduce("mean", this, axis, keepdims);
  }
  /** Largest element. */
  max(): number;
  /** Largest element along one axis. */
  max<K extends boolean = false>(axis: number, keepdims?: K): NDArray<Reduced<S, K>>;
  max(axis?: number, keepdims = false): number | NDArray {
    return red.reduce("max", this, axis, keepdims);
  }
  /** Smallest element. */
  min(): number;
  /** Smallest element along one axis. */
  min<K extends boolean = false>(axis: number, keepdims?: K): NDArray<Reduced<S, K>>;
  min(axis?: number, keepdims = false): number | NDArray {
    return red.reduce("min", this, axis, keepdims);
  }
  /** Flat row-major index of the largest element (first one on ties). */
  argmax(): number;
  /** Index of the largest element along one axis. */
  argmax<K extends boolean = false>(axis: number, keepdims?: K): NDArray<Reduced<S, K>>;
  argmax(axis?: number, keepdims = false): number | NDArray {
    return red.reduce("argmax", this, axis, keepdims);
  }
  /** Flat row-major index of the smallest element (first one on ties). */
  argmin(): number;
  /** Index of the smallest element along one axis. */
  argmin<K extends boolean = false>(axis: number, keepdims?: K): NDArray<Reduced<S, K>>;
  argmin(axis?: number, keepdims = false): number | NDArray {
    return red.reduce("argmin", this, axis, keepdims);
  }

  /** numpy-style text: aligned columns, "..." for large arrays, shape shown. */
  toString(): string {
    return formatArray(this);
  }

  /** What Node's `util.inspect` (and so tslab and console.log) prints: the numpy-style text. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return formatArray(this);
  }

  private checkIndex(op: string, index: number[]): number[] {
    const shape = this.shape;
    if (index.length !== shape.length) {
      throw new ShapeError(`${op}: got ${index.length} indices for array of shape ${formatShape(shape)}`);
    }
    return index.map((i, axis) => {
      if (!Number.isInteger(i) || i < -shape[axis] || i >= shape[axis]) {
        throw new ShapeError(`${op}: index ${i} is out of bounds for axis ${axis} with size ${shape[axis]}`);
      }
      return i < 0 ? i + shape[axis] : i;
    });
  }
}

/** A rank-1 array of shape `(n,)`. Not the same thing as a column `(n, 1)`. */
export type Vector = NDArray<[number]>;
/** A 2-D array of shape `(n, m)`. Columns and rows are matrices too. */
export type Matrix = NDArray<[number, number]>;
/** A column vector of shape `(n, 1)`, e.g. the weights `w` of logistic regression. */
export type Column = NDArray<[number, 1]>;
/** A row vector of shape `(1, m)`, e.g. labels `Y` or predictions `A` over m examples. */
export type Row = NDArray<[1, number]>;

/** Copies `src` into `dst` element by element (same shape, any strides). */
export function copyInto(dst: Storage, src: Storage): void {
  ew.assign(dst, src);
}

function resolveReshape(from: ShapeLike, to: ShapeLike): number[] {
  const size = sizeOf(from);
  const unknown = to.filter((d) => d === -1).length;
  const fail = () =>
    new ShapeError(
      `reshape: cannot reshape array of size ${size} (shape ${formatShape(from)}) into shape ${formatShape(to)}`,
    );
  if (unknown > 1) throw new ShapeError(`reshape: can only specify one unknown dimension (-1), got ${formatShape(to)}`);
  checkShape(
    "reshape",
    to.filter((d) => d !== -1),
  );
  if (unknown === 0) {
    if (sizeOf(to) !== size) throw fail();
    return to.slice();
  }
  const known = sizeOf(to.filter((d) => d !== -1));
  if (known === 0 || size % known !== 0) throw fail();
  return to.map((d) => (d === -1 ? size / known : d));
}
