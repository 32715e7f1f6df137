/** Slicing, joining and the course's image unrolling. */
import ndarray from "ndarray";
import { NDArray, Matrix, copyInto } from "./ndarray";
import { ShapeError, ValueError } from "../core";
import { Shape, Stacked, WidenAxis, checkSize, formatShape, normalizeAxis } from "./shape";

/**
 * A view of `a` keeping indices `start, start+step, ...` (before `stop`) along `axis`, like numpy's
 * `a[..., start:stop:step, ...]`: negative indices count from the end, out-of-range bounds are clipped,
 * and the result shares memory with `a`. Prefer the method form `a.slice(axis, start, stop, step)`.
 * @throws ShapeError for a bad axis, ValueError for a zero or non-integer step or bounds.
 */
export function sliceAxis<S extends Shape, A extends number>(
  a: NDArray<S>,
  axis: A,
  start: number,
  stop?: number,
  step = 1,
): NDArray<WidenAxis<S, A>> {
  const ax = normalizeAxis("slice", axis, a.ndim);
  for (const [name, v] of [
    ["start", start],
    ["stop", stop ?? 0],
    ["step", step],
  ] as const) {
    if (!Number.isInteger(v)) throw new ValueError(`slice: ${name} must be an integer, got ${v}`);
  }
  if (step === 0) throw new ValueError("slice: step must not be zero");
  const n = a.shape[ax];
  const [first, length] = sliceRange(n, start, stop, step);
  const s = a.storage;
  const shape = s.shape.slice();
  const stride = s.stride.slice();
  shape[ax] = length;
  stride[ax] = s.stride[ax] * step;
  // An empty slice keeps the original offset (there is no first element to point at).
  const offset = length > 0 ? s.offset + first * s.stride[ax] : s.offset;
  return new NDArray(ndarray(s.data, shape, stride, offset)) as NDArray<WidenAxis<S, A>>;
}

/** First index and length of the Python slice `start:stop:step` of an axis of size n. */
function sliceRange(n: number, start: number, stop: number | undefined, step: number): [number, number] {
  const clamp = (i: number, lo: number, hi: number) => Math.min(Math.max(i, lo), hi);
  if (step > 0) {
    const b = clamp(start < 0 ? start + n : start, 0, n);
    const e = stop === undefined ? n : clamp(stop < 0 ? stop + n : stop, 0, n);
    return [b, e > b ? Math.ceil((e - b) / step) : 0];
  }
  const b = clamp(start < 0 ? start + n : start, -1, n - 1);
  const e = stop === undefined ? -1 : clamp(stop < 0 ? stop + n : stop, -1, n - 1);
  return [b, b > e ? Math.ceil((b - e) / -step) : 0];
}

function checkArrays(op: string, arrays: readonly NDArray[]): void {
  if (!Array.isArray(arrays)) throw new TypeError(`${op}: expected an array of NDArrays, got ${typeof arrays}`);
  if (arrays.length === 0) throw new ValueError(`${op}: need at least one array`);
  arrays.forEach((x, i) => {
    if (!(x instanceof NDArray)) throw new TypeError(`${op}: element ${i} is not an NDArray (got ${typeof x})`);
  });
}

/**
 * Joins arrays along an existing axis (numpy's `concatenate`): all shapes must agree except along `axis`.
 * @example concatenate([X_train, X_extra], 1) // more examples (columns) for an (n, m) matrix
 * @throws ShapeError naming the first shape that does not fit.
 */
export function concatenate<S extends Shape, A extends number = 0>(
  arrays: readonly NDArray<S>[],
  axis: A = 0 as A,
): NDArray<WidenAxis<S, A>> {
  checkArrays("concatenate", arrays);
  const first = arrays[0];
  if (first.ndim === 0) throw new ShapeError("concatenate: zero-dimensional arrays cannot be concatenated");
  const ax = normalizeAxis("concatenate", axis, first.ndim);
  let total = 0;
  arrays.forEach((x, i) => {
    const fits = x.ndim === first.ndim && x.shape.every((d, k) => k === ax || d === first.shape[k]);
    if (!fits) {
      throw new ShapeError(
        `concatenate: all shapes must match except along axis ${ax}, but array 0 has shape ${formatShape(first.shape)} and array ${i} has shape ${formatShape(x.shape)}`,
      );
    }
    total += x.shape[ax];
  });
  const shape = first.shape.slice();
  shape[ax] = total;
  const out = ndarray(new Float64Array(checkSize("concatenate", shape)), shape);
  let at = 0;
  for (const x of arrays) {
    const len = x.shape[ax];
    if (len > 0) copyInto(sliceAxis(new NDArray(out), ax, at, at + len).storage, x.storage);
    at += len;
  }
  return new NDArray(out) as NDArray<WidenAxis<S, A>>;
}

/**
 * Joins arrays of one shape along a new axis (numpy's `stack`): k arrays of shape (n,) stacked on
 * axis 0 give (k, n), on axis 1 give (n, k).
 * @throws ShapeError when the shapes differ.
 */
export function stack<S extends Shape>(arrays: readonly NDArray<S>[], axis = 0): NDArray<Stacked<S>> {
  checkArrays("stack", arrays);
  const first = arrays[0];
  const ax = normalizeAxis("stack", axis, first.ndim + 1);
  arrays.forEach((x, i) => {
    if (x.ndim !== first.ndim || x.shape.some((d, k) => d !== first.shape[k])) {
      throw new ShapeError(
        `stack: all input arrays must have the same shape, but array 0 has shape ${formatShape(first.shape)} and array ${i} has shape ${formatShape(x.shape)}`,
      );
    }
  });
  const expanded = arrays.map((x) => {
    const shape = x.shape.slice();
    shape.splice(ax, 0, 1);
    return x.reshape(shape);
  });
  return concatenate(expanded, ax) as unknown as NDArray<Stacked<S>>;
}

/**
 * The course's image unrolling: m images of shape (h, w, c) become an (h*w*c, m) matrix whose
 * column j is image j flattened — exactly numpy's `X.reshape(m, -1).T`, element for element.
 * The result is a contiguous copy (row-major), which makes `w.T.matmul(X)` fast.
 * @example const X = unrollImages(images) // (209, 64, 64, 3) -> (12288, 209)
 * @throws ShapeError unless the input is 4-D.
 */
export function unrollImages(images: NDArray<[number, number, number, number]>): Matrix {
  if (!(images instanceof NDArray)) throw new TypeError(`unrollImages: expected an NDArray, got ${typeof images}`);
  if (images.ndim !== 4) {
    throw new ShapeError(
      `unrollImages: expected images of shape (m, height, width, channels), got shape ${formatShape(images.shape)}`,
    );
  }
  const [m, h, w, c] = images.shape;
  return (images.reshape([m, h * w * c]).T as Matrix).copy();
}
