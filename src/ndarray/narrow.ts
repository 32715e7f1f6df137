/**
 * Columns, rows and run-time checked narrowing.
 *
 * Operations whose result shape TypeScript cannot know (e.g. `reshape([n, -1])`, data loaded from a
 * file) give a general type; these helpers check the real shape once and give back the precise type.
 */
import ndarray from "ndarray";
import { NDArray, Column, Row, Vector, Matrix } from "./ndarray";
import { ShapeError, describe } from "../core";

function fromValues(op: string, values: readonly number[], shape: number[]): NDArray {
  if (!Array.isArray(values)) throw new TypeError(`${op}: expected an array of numbers, got ${typeof values}`);
  const data = new Float64Array(values.length);
  values.forEach((v, i) => {
    if (typeof v !== "number")
      throw new TypeError(`${op}: expected numbers, got ${v === null ? "null" : typeof v} at [${i}]`);
    data[i] = v;
  });
  return new NDArray(ndarray(data, shape));
}

/** A column vector (n, 1) from a list of numbers: `column([1, 2, 3])` has shape (3, 1). */
export function column(values: readonly number[]): Column {
  return fromValues("column", values, [values.length, 1]) as Column;
}

/** A row vector (1, m) from a list of numbers: `row([0, 1, 1])` has shape (1, 3). */
export function row(values: readonly number[]): Row {
  return fromValues("row", values, [1, values.length]) as Row;
}

/**
 * The same array typed as a {@link Column} (n, 1), after checking its shape at run time.
 * @throws ShapeError naming the actual shape, e.g. `asColumn: expected a column of shape (n,1), got an NDArray of shape (3,)`
 */
export function asColumn(a: NDArray): Column {
  if (!(a instanceof NDArray) || a.ndim !== 2 || a.shape[1] !== 1) {
    throw new ShapeError(`asColumn: expected a column of shape (n,1), got ${describe(a)}`);
  }
  return a as Column;
}

/**
 * The same array typed as a {@link Row} (1, m), after checking its shape at run time.
 * @throws ShapeError naming the actual shape.
 */
export function asRow(a: NDArray): Row {
  if (!(a instanceof NDArray) || a.ndim !== 2 || a.shape[0] !== 1) {
    throw new ShapeError(`asRow: expected a row of shape (1,m), got ${describe(a)}`);
  }
  return a as Row;
}

/**
 * The same array typed as a rank-1 {@link Vector} (n,), after checking its shape at run time.
 * @throws ShapeError naming the actual shape.
 */
export function asVector(a: NDArray): Vector {
  if (!(a instanceof NDArray) || a.ndim !== 1) {
    throw new ShapeError(`asVector: expected a rank-1 array of shape (n,), got ${describe(a)}`);
  }
  return a as Vector;
}

/**
 * The same array typed as a 2-D {@link Matrix} (n, m), after checking its rank at run time.
 * @throws ShapeError naming the actual shape.
 */
export function asMatrix(a: NDArray): Matrix {
  if (!(a instanceof NDArray) || a.ndim !== 2) {
    throw new ShapeError(`asMatrix: expected a 2-D array of shape (n,m), got ${describe(a)}`);
  }
  return a as Matrix;
}
