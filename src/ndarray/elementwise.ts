/**
 * Element-wise operations with numpy broadcasting.
 *
 * Broadcasting is done the way numpy does it internally: each operand is viewed with the output
 * shape, using stride 0 along the dimensions it stretches, and `ndarray-ops` runs the loop.
 */
import ndarray from "ndarray";
import ops from "ndarray-ops";
import { NDArray, Operand, Storage } from "./ndarray";
import { ShapeError, ValueError, describe } from "../core";
import { broadcastShapes, checkSize, formatShape, sizeOf } from "./shape";
import { contiguousStorage, resultData } from "./storage";

/** Binary operations (element-wise, broadcasting). */
export type BinaryOp = "add" | "sub" | "mul" | "div" | "pow" | "lt" | "le" | "gt" | "ge" | "eq" | "ne";
/** Unary operations. */
export type UnaryOp = "neg" | "exp" | "log" | "sqrt" | "abs";

type Kernel = (out: Storage, a: Storage, b: Storage) => void;
const binaryKernels: Record<BinaryOp, Kernel> = {
  add: ops.add,
  sub: ops.sub,
  mul: ops.mul,
  div: ops.div,
  pow: powKernel,
  lt: ops.lt,
  le: ops.leq,
  gt: ops.gt,
  ge: ops.geq,
  eq: ops.eq,
  ne: ops.neq,
} as unknown as Record<BinaryOp, Kernel>;

const unaryKernels: Record<UnaryOp, (out: Storage, a: Storage) => void> = {
  neg: ops.neg,
  exp: ops.exp,
  log: ops.log,
  sqrt: ops.sqrt,
  abs: ops.abs,
} as unknown as Record<UnaryOp, (out: Storage, a: Storage) => void>;

/** Checks that an operand is an NDArray or a number, with a message naming the operation. */
export function checkOperand(op: string, x: unknown): asserts x is Operand {
  if (typeof x === "number") return;
  if (x instanceof NDArray) return;
  throw new TypeError(`${op}: expected an NDArray or a number, got ${describe(x)}`);
}

/** `storage` viewed with shape `shape` (which it must broadcast to), using stride 0 where it stretches. */
export function broadcastTo(storage: Storage, shape: readonly number[]): Storage {
  const n = shape.length;
  const lead = n - storage.shape.length;
  const stride = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    if (i < lead) stride[i] = 0;
    else {
      const d = storage.shape[i - lead];
      if (d !== shape[i] && d !== 1) {
        throw new ShapeError(
          `broadcast_to: cannot broadcast shape ${formatShape(storage.shape)} to ${formatShape(shape)}`,
        );
      }
      stride[i] = d === shape[i] ? storage.stride[i - lead] : 0;
    }
  }
  return ndarray(storage.data, shape.slice(), stride, storage.offset);
}

function asStorage(x: Operand): Storage {
  return typeof x === "number" ? ndarray(Float64Array.of(x), []) : x.storage;
}

/**
 * Offset of the first element when `s` is laid out row-major with no gaps (the usual case: a fresh result),
 * else -1. Cheap (no allocation): it runs before every element-wise operation.
 */
function flatOffset(s: Storage): number {
  const { shape, stride } = s;
  for (let i = shape.length - 1, expected = 1; i >= 0; i--) {
    if (shape[i] !== 1 && stride[i] !== expected) return -1;
    expected *= shape[i];
  }
  return s.offset;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The common cases without broadcasting machinery: two flat arrays of the same shape, or a flat array and a
 * number. Returns null when the operation needs the general path. Same numbers as the general path (one
 * IEEE operation per element, as ndarray-ops does). Allocates only the result (its Float64Array and view):
 * for small arrays the allocations, not the arithmetic, are the cost.
 */
function binaryFlat(op: BinaryOp, a: Operand, b: Operand): NDArray | null {
  if (op === "pow") return null; // numpy's pow rules live in powKernel
  let x: Float64Array, xo: number, xs: number, y: Float64Array, yo: number, ys: number, shape: readonly number[];
  if (typeof a === "number") {
    if (typeof b === "number") return null;
    yo = flatOffset(b.storage);
    if (yo < 0) return null;
    x = Float64Array.of(a);
    xo = 0;
    xs = 0;
    y = b.storage.data;
    ys = 1;
    shape = b.storage.shape;
  } else if (typeof b === "number") {
    xo = flatOffset(a.storage);
    if (xo < 0) return null;
    x = a.storage.data;
    xs = 1;
    y = Float64Array.of(b);
    yo = 0;
    ys = 0;
    shape = a.storage.shape;
  } else {
    const sa = a.storage,
      sb = b.storage;
    if (!sameShape(sa.shape, sb.shape)) return null;
    xo = flatOffset(sa);
    yo = flatOffset(sb);
    if (xo < 0 || yo < 0) return null;
    x = sa.data;
    xs = 1;
    y = sb.data;
    ys = 1;
    shape = sa.shape;
  }
  if (shape.length === 0) return null;
  const size = sizeOf(shape);
  const out = resultData(size);
  switch (op) {
    case "add":
      for (let i = 0; i < size; i++) out[i] = x[xo + i * xs] + y[yo + i * ys];
      break;
    case "sub":
      for (let i = 0; i < size; i++) out[i] = x[xo + i * xs] - y[yo + i * ys];
      break;
    case "mul":
      for (let i = 0; i < size; i++) out[i] = x[xo + i * xs] * y[yo + i * ys];
      break;
    case "div":
      for (let i = 0; i < size; i++) out[i] = x[xo + i * xs] / y[yo + i * ys];
      break;
    case "lt":
      for (let i = 0; i < size; i++) out[i] = x[xo + i * xs] < y[yo + i * ys] ? 1 : 0;
      break;
    case "le":
      for (let i = 0; i < size; i++) out[i] = x[xo + i * xs] <= y[yo + i * ys] ? 1 : 0;
      break;
    case "gt":
      for (let i = 0; i < size; i++) out[i] = x[xo + i * xs] > y[yo + i * ys] ? 1 : 0;
      break;
    case "ge":
      for (let i = 0; i < size; i++) out[i] = x[xo + i * xs] >= y[yo + i * ys] ? 1 : 0;
      break;
    case "eq":
      for (let i = 0; i < size; i++) out[i] = x[xo + i * xs] === y[yo + i * ys] ? 1 : 0;
      break;
    case "ne":
      for (let i = 0; i < size; i++) out[i] = x[xo + i * xs] !== y[yo + i * ys] ? 1 : 0;
      break;
    default:
      return null;
  }
  return new NDArray(contiguousStorage(out, shape));
}

/** `a op b` with numpy broadcasting; either side may be a number. */
export function binary(op: BinaryOp, a: Operand, b: Operand): NDArray {
  checkOperand(op, a);
  checkOperand(op, b);
  const flat = binaryFlat(op, a, b);
  if (flat) return flat;
  const sa = asStorage(a);
  const sb = asStorage(b);
  const shape = broadcastShapes(op, sa.shape, sb.shape);
  const out = ndarray(resultData(checkSize(op, shape)), shape);
  if (shape.length === 0) {
    out.set(apply(op, sa.get(), sb.get()));
  } else {
    binaryKernels[op](out, broadcastTo(sa, shape), broadcastTo(sb, shape));
  }
  return new NDArray(out);
}

/** Unary element-wise operation, returning a new contiguous array. */
export function unary<S extends number[]>(op: UnaryOp, a: NDArray<S>): NDArray<S> {
  const flat = a.ndim > 0 ? unaryFlat(op, a.storage) : null;
  if (flat) return new NDArray<S>(flat);
  const out = ndarray(resultData(a.size), a.storage.shape.slice());
  if (a.ndim === 0) out.set(applyUnary(op, a.storage.get()));
  else unaryKernels[op](out, a.storage);
  return new NDArray<S>(out);
}

/**
 * {@link unary} of an array laid out flat (the usual case), without ndarray-ops' setup; null otherwise.
 * The same function per element as ndarray-ops (`-x`, `Math.exp`, ...), so the same numbers.
 */
function unaryFlat(op: UnaryOp, s: Storage): Storage | null {
  const xo = flatOffset(s);
  if (xo < 0) return null;
  const x = s.data;
  const size = sizeOf(s.shape);
  const out = resultData(size);
  switch (op) {
    case "neg":
      for (let i = 0; i < size; i++) out[i] = -x[xo + i];
      break;
    case "exp":
      for (let i = 0; i < size; i++) out[i] = Math.exp(x[xo + i]);
      break;
    case "log":
      for (let i = 0; i < size; i++) out[i] = Math.log(x[xo + i]);
      break;
    case "sqrt":
      for (let i = 0; i < size; i++) out[i] = Math.sqrt(x[xo + i]);
      break;
    case "abs":
      for (let i = 0; i < size; i++) out[i] = Math.abs(x[xo + i]);
      break;
    default:
      return null;
  }
  return contiguousStorage(out, s.shape);
}

/** Copies `src` into `dst` (same shape, any strides). */
export function assign(dst: Storage, src: Storage): void {
  if (dst.shape.length === 0) dst.set(src.get());
  else ops.assign(dst, src);
}

/** Limits every element to [lo, hi]. */
export function clip<S extends number[]>(a: NDArray<S>, lo: number, hi: number): NDArray<S> {
  if (typeof lo !== "number" || typeof hi !== "number" || Number.isNaN(lo) || Number.isNaN(hi) || lo > hi) {
    throw new ValueError(`clip: need numbers lo <= hi, got lo=${lo}, hi=${hi}`);
  }
  // NaN stays NaN (both comparisons are false), as in numpy.
  return map(a, (v) => (v < lo ? lo : v > hi ? hi : v));
}

/** Applies `f(value, flatIndex)` to every element in row-major order. */
export function map<S extends number[]>(a: NDArray<S>, f: (value: number, index: number) => number): NDArray<S> {
  const src = a.toFloat64Array();
  const data = resultData(src.length);
  for (let i = 0; i < src.length; i++) {
    const v = f(src[i], i);
    if (typeof v !== "number")
      throw new TypeError(
        `map: the function returned ${v === null ? "null" : typeof v} for element ${i} (value ${src[i]}); it must return a number`,
      );
    data[i] = v;
  }
  return new NDArray<S>(ndarray(data, a.storage.shape.slice()));
}

function apply(op: BinaryOp, x: number, y: number): number {
  switch (op) {
    case "add":
      return x + y;
    case "sub":
      return x - y;
    case "mul":
      return x * y;
    case "div":
      return x / y;
    case "pow":
      return powNumpy(x, y);
    case "lt":
      return +(x < y);
    case "le":
      return +(x <= y);
    case "gt":
      return +(x > y);
    case "ge":
      return +(x >= y);
    case "eq":
      return +(x === y);
    case "ne":
      return +(x !== y);
  }
}

function applyUnary(op: UnaryOp, x: number): number {
  switch (op) {
    case "neg":
      return -x;
    case "exp":
      return Math.exp(x);
    case "log":
      return Math.log(x);
    case "sqrt":
      return Math.sqrt(x);
    case "abs":
      return Math.abs(x);
  }
}

/**
 * x ** y with C's (and so numpy's) answers where JavaScript differs: 1 ** y is 1 even for y = NaN or
 * ±Infinity, and (-1) ** ±Infinity is 1 (JavaScript gives NaN for these).
 */
export function powNumpy(x: number, y: number): number {
  if (x === 1 || (x === -1 && (y === Infinity || y === -Infinity))) return 1;
  return Math.pow(x, y);
}

/** `out = a ** b` over broadcast views (any strides; `out` is contiguous). */
function powKernel(out: Storage, a: Storage, b: Storage): void {
  const shape = out.shape;
  const n = shape.length;
  const last = shape[n - 1];
  const rows = out.size / Math.max(last, 1);
  if (out.size === 0) return;
  const index = new Array<number>(n - 1).fill(0);
  const od = out.data,
    ad = a.data,
    bd = b.data;
  const as = a.stride[n - 1],
    bs = b.stride[n - 1];
  for (let r = 0, o = 0; r < rows; r++) {
    let pa = a.offset,
      pb = b.offset;
    for (let k = 0; k < n - 1; k++) {
      pa += index[k] * a.stride[k];
      pb += index[k] * b.stride[k];
    }
    for (let j = 0; j < last; j++, o++, pa += as, pb += bs) od[o] = powNumpy(ad[pa], bd[pb]);
    for (let k = n - 2; k >= 0; k--) {
      if (++index[k] < shape[k]) break;
      index[k] = 0;
    }
  }
}
