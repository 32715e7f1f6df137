/**
 * Input checks for the learn module. Each public entry point (propagate, optimize, predict, model, ...)
 * calls these once per call, never inside the training loop, so a bad argument fails at once with a
 * message that names the operation, the argument, and where the problem is.
 */
import { NDArray, ShapeError, ValueError, formatShape } from "../ndarray";
import type { Column, Matrix, Row } from "../ndarray";
import { describe } from "../core";
import { Float32Matrix, float32StoreOf } from "./float32matrix";

/** Throws TypeError unless `x` is a 2-D NDArray (the course keeps everything 2-D: no `(n,)` vectors). */
export function requireMatrix(op: string, name: string, x: unknown): asserts x is Matrix {
  if (!(x instanceof NDArray)) throw new TypeError(`${op}: ${name} must be an NDArray, got ${describe(x)}`);
  const shape = (x as NDArray).shape;
  if (shape.length !== 2) {
    const hint = shape.length === 1 ? `; reshape a (n,) vector to a column (n,1) or a row (1,n)` : "";
    throw new ShapeError(`${op}: ${name} must be 2-D, got shape ${formatShape(shape)}${hint}`);
  }
}

/**
 * Throws unless `x` is a 2-D NDArray or a Float32Matrix (made by `asFloat32`) that was not disposed: the
 * two forms the big matrix X may take.
 */
export function requireX(op: string, name: string, x: unknown): asserts x is Matrix | Float32Matrix {
  if (x instanceof Float32Matrix) float32StoreOf(op, name, x);
  else requireMatrix(op, name, x);
}

/** Throws ValueError at the first NaN or +-Infinity in `x`, giving its index, e.g. `X contains NaN at [2, 7]`. */
export function requireFiniteArray(op: string, name: string, x: NDArray): void {
  const data = x.toFloat64Array();
  for (let k = 0; k < data.length; k++) {
    if (!Number.isFinite(data[k])) {
      throw new ValueError(
        `${op}: ${name} contains ${data[k]} at ${formatIndex(x.shape, k)}; inputs must be finite numbers`,
      );
    }
  }
}

/** Throws ValueError unless `v` is a finite number (e.g. the bias b). */
export function requireFiniteNumber(op: string, name: string, v: unknown): asserts v is number {
  if (typeof v !== "number") throw new TypeError(`${op}: ${name} must be a number, got ${describe(v)}`);
  if (!Number.isFinite(v)) throw new ValueError(`${op}: ${name} must be a finite number, got ${v}`);
}

/** Throws ValueError at the first label that is not exactly 0 or 1, naming its index and example. */
export function requireBinaryLabels(op: string, name: string, y: NDArray): void {
  const data = y.toFloat64Array();
  for (let k = 0; k < data.length; k++) {
    const v = data[k];
    if (v !== 0 && v !== 1) {
      throw new ValueError(
        `${op}: labels ${name} must be 0 or 1, got ${v} at ${formatIndex(y.shape, k)} (example ${k})`,
      );
    }
  }
}

/** Throws ValueError unless the learning rate is a finite number > 0. */
export function requireLearningRate(op: string, learningRate: unknown): asserts learningRate is number {
  if (typeof learningRate !== "number")
    throw new TypeError(`${op}: learningRate must be a number, got ${describe(learningRate)}`);
  if (!Number.isFinite(learningRate) || learningRate <= 0) {
    throw new ValueError(`${op}: learningRate must be a finite number > 0, got ${learningRate}`);
  }
}

/** Throws ValueError unless `v` is an integer >= `min` (numIterations: min 0; recordEvery, dim: min 1). */
export function requireInteger(op: string, name: string, v: unknown, min: number): asserts v is number {
  if (typeof v !== "number") throw new TypeError(`${op}: ${name} must be a number, got ${describe(v)}`);
  if (!Number.isInteger(v) || v < min) {
    const what = min === 0 ? "a non-negative integer" : `an integer >= ${min}`;
    throw new ValueError(`${op}: ${name} must be ${what}, got ${v}`);
  }
}

/**
 * Checks X (n,m) and, when given, Y (1,m) and w (n,1) against each other; the error lists every
 * shape, e.g. `propagate: shapes do not fit: w (3,1), X (2,4), Y (1,4); expected w (n,1), X (n,m),
 * Y (1,m): w has 3 rows but X has n = 2 features (rows)`. Also rejects m = 0 (no examples).
 * @returns n (features) and m (examples)
 */
export function requireShapes(op: string, parts: { w?: unknown; X: unknown; Y?: unknown }): { n: number; m: number } {
  requireX(op, "X", parts.X);
  if (parts.w !== undefined) requireMatrix(op, "w", parts.w);
  if (parts.Y !== undefined) requireMatrix(op, "Y", parts.Y);
  const X = parts.X;
  const w = parts.w as Matrix | undefined;
  const Y = parts.Y as Matrix | undefined;
  const [n, m] = X.shape;
  const problems: string[] = [];
  if (w) {
    if (w.shape[1] !== 1) problems.push(`w must be a column (n,1), got ${w.shape[1]} columns`);
    if (w.shape[0] !== n) problems.push(`w has ${w.shape[0]} rows but X has n = ${n} features (rows)`);
  }
  if (Y) {
    if (Y.shape[0] !== 1) problems.push(`Y must be a row (1,m), got ${Y.shape[0]} rows`);
    if (Y.shape[1] !== m) problems.push(`Y has ${Y.shape[1]} examples (columns) but X has m = ${m}`);
  }
  if (problems.length) {
    const given = [
      w && `w ${formatShape(w.shape)}`,
      `X ${formatShape(X.shape)}`,
      Y && `Y ${formatShape(Y.shape)}`,
    ].filter(Boolean);
    const expected = [w && "w (n,1)", "X (n,m)", Y && "Y (1,m)"].filter(Boolean);
    throw new ShapeError(
      `${op}: shapes do not fit: ${given.join(", ")}; expected ${expected.join(", ")}: ${problems.join("; ")}`,
    );
  }
  if (m === 0)
    throw new ValueError(
      `${op}: zero examples: X has shape ${formatShape(X.shape)}, need at least one column (example)`,
    );
  return { n, m };
}

/**
 * Full check of one logistic-regression problem (w, b, X, Y): types, shapes, finiteness of every
 * value, labels 0/1. Used once at the start of optimize (and of the other entry points that need it).
 */
export function requireProblem(op: string, w: unknown, b: unknown, X: unknown, Y: unknown): { n: number; m: number } {
  const dims = requireProblemExceptX(op, w, b, X, Y);
  if (!(X instanceof Float32Matrix)) requireFiniteArray(op, "X", X as Matrix); // a Float32Matrix was checked when made
  return dims;
}

/**
 * {@link requireProblem} without the scan of X's values, for an operation that computes Z = w^T X + b
 * anyway and passes Z to {@link requireFiniteXThroughZ}: that check then costs m values instead of n*m.
 */
export function requireProblemExceptX(
  op: string,
  w: unknown,
  b: unknown,
  X: unknown,
  Y: unknown,
): { n: number; m: number } {
  const dims = requireShapes(op, { w, X, Y });
  requireFiniteArray(op, "w", w as Column);
  requireFiniteNumber(op, "b", b);
  requireFiniteArray(op, "Y", Y as Row);
  requireBinaryLabels(op, "Y", Y as Row);
  return dims;
}

/**
 * Checks X's values through Z = w^T X + b, computed with finite w and b: a NaN or +-Infinity at X[i, j]
 * makes w_i X[i, j] NaN (NaN, or Infinity times 0) or +-Infinity, and so makes Z[j] NaN or +-Infinity,
 * whatever the other terms. So when every Z[j] is finite, X is finite, and the full scan of X runs only
 * when some Z[j] is not (to name the first bad element, or to find that Z merely overflowed).
 * The result is the same ValueError as {@link requireFiniteArray}, thrown before anything is returned.
 */
export function requireFiniteXThroughZ(op: string, X: Matrix | Float32Matrix, Z: Float64Array): void {
  if (X instanceof Float32Matrix) return; // checked when it was made (asFloat32)
  for (let j = 0; j < Z.length; j++) {
    if (!Number.isFinite(Z[j])) {
      requireFiniteArray(op, "X", X);
      return;
    }
  }
}

/** `[i, j]` for flat row-major index k in an array of the given shape. */
export function formatIndex(shape: readonly number[], k: number): string {
  const idx = new Array<number>(shape.length);
  for (let a = shape.length - 1; a >= 0; a--) {
    idx[a] = k % shape[a];
    k = Math.floor(k / shape[a]);
  }
  return `[${idx.join(", ")}]`;
}
