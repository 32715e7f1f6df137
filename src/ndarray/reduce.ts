/** Reductions (sum, mean, max, min, argmax) over all elements or along one axis, with keepdims. */
import ndarray from "ndarray";
import { NDArray, Storage } from "./ndarray";
import { ShapeError } from "../core";
import { formatShape, normalizeAxis } from "./shape";

/** The reductions the library offers. */
export type ReduceOp = "sum" | "mean" | "max" | "min" | "argmax" | "argmin";

/** Reduces all elements to a number (axis undefined) or one axis to an array. */
export function reduce(op: ReduceOp, a: NDArray, axis: number | undefined, keepdims: boolean): number | NDArray {
  if (axis === undefined) {
    if (keepdims) throw new ShapeError(`${op}: keepdims needs an axis`);
    return reduceFlat(op, a.toFloat64Array(), a.shape);
  }
  const ax = normalizeAxis(op, axis, a.ndim);
  const src = a.storage;
  const n = src.shape[ax];
  if (n === 0 && op !== "sum") {
    throw new ShapeError(
      `${op}: zero-size array along axis ${ax} (shape ${formatShape(a.shape)}) has no ${op === "mean" ? "mean" : "extreme value"}`,
    );
  }
  // Move the reduced axis last so each output element reads one strided run.
  const outShape = src.shape.filter((_, i) => i !== ax);
  const perm = [...src.shape.keys()].filter((i) => i !== ax).concat([ax]);
  const moved: Storage = src.transpose(...perm);
  const outSize = outShape.reduce((p, d) => p * d, 1);
  const out = new Float64Array(outSize);
  const lastStride = moved.stride[moved.stride.length - 1];
  const outerShape = moved.shape.slice(0, -1);
  const outerStride = moved.stride.slice(0, -1);
  const idx = new Array<number>(outerShape.length).fill(0);
  for (let o = 0; o < outSize; o++) {
    let base = moved.offset;
    for (let k = 0; k < idx.length; k++) base += idx[k] * outerStride[k];
    out[o] = reduceRun(op, moved.data, base, lastStride, n);
    for (let k = idx.length - 1; k >= 0; k--) {
      if (++idx[k] < outerShape[k]) break;
      idx[k] = 0;
    }
  }
  const shape = keepdims ? src.shape.map((d, i) => (i === ax ? 1 : d)) : outShape;
  return new NDArray(ndarray(out, shape));
}

function reduceRun(op: ReduceOp, data: Float64Array, start: number, stride: number, n: number): number {
  switch (op) {
    case "sum":
    case "mean": {
      // Neumaier's compensated sum: the rounding error of each addition is collected in `lost` and
      // added back at the end, so the result is as accurate as numpy's pairwise sum or better.
      let s = 0;
      let lost = 0;
      for (let i = 0, p = start; i < n; i++, p += stride) {
        const v = data[p];
        const t = s + v;
        lost += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
        s = t;
      }
      // Infinite or NaN sums carry no meaningful correction (it would be NaN).
      const total = Number.isFinite(s) ? s + lost : s;
      return op === "sum" ? total : total / n;
    }
    case "max":
    case "min": {
      let best = data[start];
      for (let i = 1, p = start + stride; i < n; i++, p += stride) {
        const v = data[p];
        if (Number.isNaN(v)) return NaN;
        if (op === "max" ? v > best : v < best) best = v;
      }
      return best;
    }
    case "argmax":
    case "argmin": {
      // First index of the extreme value; a NaN wins (numpy returns the first NaN).
      let best = data[start];
      let at = 0;
      for (let i = 1, p = start + stride; i < n; i++, p += stride) {
        if (Number.isNaN(best)) break;
        const v = data[p];
        if ((op === "argmax" ? v > best : v < best) || Number.isNaN(v)) {
          best = v;
          at = i;
        }
      }
      return at;
    }
  }
}

function reduceFlat(op: ReduceOp, data: Float64Array, shape: readonly number[]): number {
  if (data.length === 0 && op !== "sum") {
    throw new ShapeError(
      `${op}: zero-size array (shape ${formatShape(shape)}) has no ${op === "mean" ? "mean" : "extreme value"}`,
    );
  }
  return reduceRun(op, data, 0, 1, data.length);
}
