/**
 * Shape types and shape arithmetic.
 *
 * A shape is a tuple of dimension sizes. At the type level every dimension is either the literal `1`
 * or `number`, which is exactly what is needed to tell the course's classic shapes apart:
 * a rank-1 vector `(n,)`, a column `(n, 1)`, a row `(1, m)` and a general matrix `(n, m)`.
 */
import { ShapeError, formatShape } from "../core";

export { formatShape };

/** A shape at the type level: a tuple of dimension sizes (`1` or `number`). */
export type Shape = number[];

/** Any shape given by a caller (literal tuples are accepted and normalised). */
export type ShapeLike = readonly number[];

/**
 * Turns a literal shape such as `[3, 1]` into the shape type the library tracks (`[number, 1]`):
 * only the literal `1` survives, because that is what decides broadcasting and row/column-ness.
 */
export type Normalize<S extends ShapeLike> = number extends S["length"]
  ? number[]
  : { -readonly [K in keyof S]: S[K] extends 1 ? 1 : number };

type BroadcastDim<A, B> = A extends 1 ? (B extends 1 ? 1 : number) : number;

/** The shape type of numpy-style broadcasting of two shapes (right-aligned, `1` stretches). */
export type Broadcast<A extends Shape, B extends Shape> = number extends A["length"]
  ? number[]
  : number extends B["length"]
    ? number[]
    : A extends []
      ? B
      : B extends []
        ? A
        : A extends [...infer AH extends number[], infer AL]
          ? B extends [...infer BH extends number[], infer BL]
            ? [...Broadcast<AH, BH>, BroadcastDim<AL, BL>]
            : never
          : never;

/** Shape of `a` with axis reduced away (or kept as 1 with keepdims): only the rank is tracked. */
export type Reduced<S extends Shape, KeepDims extends boolean> = KeepDims extends true
  ? S
  : S extends [unknown, ...infer Rest extends number[]]
    ? { [K in keyof Rest]: number }
    : number[];

/** Reverses a shape tuple (the shape of a transpose). */
export type Reverse<S extends Shape> = number extends S["length"]
  ? number[]
  : S extends [infer H extends number, ...infer T extends number[]]
    ? [...Reverse<T>, H]
    : [];

/** Number of elements of a shape. */
export function sizeOf(shape: ShapeLike): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * The most elements one array may have: 2^27 = 134,217,728 float64 values, 1 GiB. Why this number: it is
 * more than 50 times the course's largest array (X of the cat images, 12288 x 209 = 2.6 million values);
 * an array, its result and a temporary of this size still fit in the memory of a student's laptop; and
 * the kernels' shared memory (at most 4 GiB) holds it and a copy. Above it an array is almost always a
 * mistake (a transposed broadcast, a wrong shape), and allocating it would take seconds to minutes and
 * gigabytes before failing or succeeding, so the library refuses it at once, before allocating anything.
 */
export const MAX_ELEMENTS = 2 ** 27;

/**
 * Number of elements of `shape` (a valid shape), after checking it against {@link MAX_ELEMENTS}.
 * @throws ShapeError naming the operation, the shape, its size and the limit, before anything is allocated
 * @example checkSize("zeros", [1e9, 1e9]) // ShapeError: zeros: shape (1000000000,1000000000) has 1e+18 elements, ...
 */
export function checkSize(op: string, shape: ShapeLike): number {
  const size = sizeOf(shape);
  if (size > MAX_ELEMENTS) {
    throw new ShapeError(
      `${op}: shape ${formatShape(shape)} has ${size} elements, more than the limit of ${MAX_ELEMENTS} (2^27, 1 GiB of float64) per array; check the shape (a broadcast of a column with a row, a wrong axis?)`,
    );
  }
  return size;
}

/** Throws unless every dimension is a non-negative integer. */
export function checkShape(op: string, shape: ShapeLike): void {
  if (!Array.isArray(shape)) throw new ShapeError(`${op}: shape must be an array of integers, got ${String(shape)}`);
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new ShapeError(`${op}: invalid shape [${shape.join(", ")}]: dimensions must be non-negative integers`);
    }
  }
}

/**
 * The broadcast shape of two shapes, following numpy's rules: shapes are aligned on the right and
 * each pair of dimensions must be equal or one of them 1.
 * @throws ShapeError naming the operation and both shapes, e.g.
 *   `add: operands could not be broadcast together with shapes (3,2) (4,)`
 */
export function broadcastShapes(op: string, a: ShapeLike, b: ShapeLike): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = i < n - a.length ? 1 : a[i - (n - a.length)];
    const db = i < n - b.length ? 1 : b[i - (n - b.length)];
    if (da === db || db === 1) out[i] = da;
    else if (da === 1) out[i] = db;
    else {
      throw new ShapeError(
        `${op}: operands could not be broadcast together with shapes ${formatShape(a)} ${formatShape(b)}`,
      );
    }
  }
  return out;
}

/** Resolves a possibly negative axis against a rank, with a clear error when it is out of range. */
export function normalizeAxis(op: string, axis: number, ndim: number): number {
  if (!Number.isInteger(axis) || axis < -ndim || axis >= ndim) {
    throw new ShapeError(`${op}: axis ${axis} is out of bounds for array of dimension ${ndim}`);
  }
  return axis < 0 ? axis + ndim : axis;
}

/** Row-major (C order) strides of a shape. */
export function contiguousStrides(shape: ShapeLike): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= Math.max(shape[i], 1);
  }
  return strides;
}

/**
 * Shape type after an operation that may change the size of axis `A` (slice, concatenate):
 * that dimension becomes `number`, the others keep their type. A negative or unknown axis widens all.
 */
export type WidenAxis<S extends Shape, A extends number> = number extends S["length"]
  ? number[]
  : `${A}` extends `-${string}`
    ? { [K in keyof S]: number }
    : number extends A
      ? { [K in keyof S]: number }
      : { [K in keyof S]: K extends `${A}` ? number : S[K] };

/** Shape type of stacking arrays of shape `S` along a new axis: one more dimension, all `number`. */
export type Stacked<S extends Shape> = number extends S["length"] ? number[] : [number, ...{ [K in keyof S]: number }];
