/** Creating arrays: zeros, ones, full, from nested JavaScript arrays, arange, linspace. */
import ndarray from "ndarray";
import { NDArray } from "./ndarray";
import { ShapeError, ValueError } from "../core";
import { Normalize, ShapeLike, checkShape, checkSize, sizeOf } from "./shape";
import { contiguousStorage } from "./storage";

/** An array of the given shape filled with `value`. */
export function full<const S extends ShapeLike>(shape: S, value: number): NDArray<Normalize<S>> {
  return filled("full", shape, value);
}

/** An array of zeros, e.g. `zeros([n, 1])` for the weights of logistic regression (a {@link Column}). */
export function zeros<const S extends ShapeLike>(shape: S): NDArray<Normalize<S>> {
  return filled("zeros", shape, 0);
}

/** An array of ones. */
export function ones<const S extends ShapeLike>(shape: S): NDArray<Normalize<S>> {
  return filled("ones", shape, 1);
}

/** full/zeros/ones, with errors naming the function the caller used. */
function filled<const S extends ShapeLike>(op: string, shape: S, value: number): NDArray<Normalize<S>> {
  checkShape(op, shape);
  if (typeof value !== "number") throw new TypeError(`${op}: fill value must be a number, got ${typeof value}`);
  const data = new Float64Array(checkSize(op, shape));
  if (value !== 0) data.fill(value);
  return new NDArray(ndarray(data, shape.slice())) as NDArray<Normalize<S>>;
}

/** Nested arrays of numbers of any depth (what `array` accepts). */
export type Nested = number | readonly Nested[];

/**
 * An array from nested JavaScript arrays, shape inferred: `array([[1], [2]])` has shape (2, 1).
 * @throws ShapeError for ragged input (rows of different lengths), TypeError for non-numbers.
 */
export function array(values: number): NDArray<[]>;
export function array(values: readonly number[]): NDArray<[number]>;
export function array(values: readonly (readonly number[])[]): NDArray<[number, number]>;
export function array(values: readonly (readonly (readonly number[])[])[]): NDArray<[number, number, number]>;
export function array(values: Nested): NDArray;
export function array(values: Nested): NDArray {
  const shape: number[] = [];
  let probe: Nested = values;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    if (probe.length === 0) break;
    probe = probe[0];
  }
  const data = new Float64Array(checkSize("array", shape));
  let k = 0;
  const walk = (v: Nested, depth: number, path: number[]): void => {
    if (depth === shape.length) {
      if (typeof v !== "number") {
        const where = path.length ? ` at [${path.join("][")}]` : "";
        throw Array.isArray(v)
          ? new ShapeError(`array: ragged nested sequence${where}: expected a number at depth ${depth}, got an array`)
          : new TypeError(`array: expected numbers, got ${v === null ? "null" : typeof v}${where}`);
      }
      data[k++] = v;
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[depth]) {
      const got = Array.isArray(v) ? `length ${v.length}` : `a ${typeof v}`;
      throw new ShapeError(
        `array: ragged nested sequence at [${path.join("][")}]: expected length ${shape[depth]} (inferred shape [${shape.join(", ")}]), got ${got}`,
      );
    }
    (v as readonly Nested[]).forEach((x, i) => walk(x, depth + 1, [...path, i]));
  };
  walk(values, 0, []);
  return new NDArray(ndarray(data, shape));
}

/** Evenly spaced values in [start, stop) with the given step, like numpy's `arange`. `arange(n)` is 0..n-1. */
export function arange(start: number, stop?: number, step = 1): NDArray<[number]> {
  if (stop === undefined) [start, stop] = [0, start];
  if (![start, stop, step].every(Number.isFinite))
    throw new ValueError(`arange: start, stop and step must be finite, got ${start}, ${stop}, ${step}`);
  if (step === 0) throw new ValueError("arange: step must not be zero");
  const n = Math.max(0, Math.ceil((stop - start) / step));
  checkSize("arange", [n]);
  const data = new Float64Array(n);
  // numpy fills with start + i * delta where delta = (start + step) - start, which can differ from step
  // in the last bit: do the same so the values are identical.
  const delta = start + step - start;
  for (let i = 0; i < n; i++) data[i] = start + i * delta;
  return new NDArray(ndarray(data, [n]));
}

/** `num` evenly spaced values from `start` to `stop` inclusive, like numpy's `linspace`. */
export function linspace(start: number, stop: number, num = 50): NDArray<[number]> {
  if (!Number.isInteger(num) || num < 0)
    throw new ValueError(`linspace: num must be a non-negative integer, got ${num}`);
  if (!Number.isFinite(start) || !Number.isFinite(stop))
    throw new ValueError(`linspace: start and stop must be finite, got ${start}, ${stop}`);
  const data = new Float64Array(checkSize("linspace", [num]));
  const step = num > 1 ? (stop - start) / (num - 1) : 0;
  for (let i = 0; i < num; i++) data[i] = start + i * step;
  if (num > 1) data[num - 1] = stop;
  return new NDArray(ndarray(data, [num]));
}

/** Wraps an existing Float64Array (no copy) with a shape; the sizes must agree. */
export function fromFloat64Array<const S extends ShapeLike>(data: Float64Array, shape: S): NDArray<Normalize<S>> {
  checkShape("fromFloat64Array", shape);
  if (sizeOf(shape) !== data.length) {
    throw new ShapeError(
      `fromFloat64Array: ${data.length} values do not fill shape [${shape.join(", ")}] (${sizeOf(shape)} elements)`,
    );
  }
  return new NDArray(contiguousStorage(data, shape)) as NDArray<Normalize<S>>;
}
