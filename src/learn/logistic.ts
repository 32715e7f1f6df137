/**
 * Logistic regression as the course derives it, one function per step of the lecture:
 * initialize the parameters, propagate (forward pass, cost, backward pass), predict, accuracy.
 * Training (`optimize`) and the whole pipeline (`model`) live in optimize.ts and model.ts.
 *
 * Notation (as in the course): X is (n, m) with one example per column, Y is (1, m) of 0/1 labels,
 * w is an (n, 1) column, b a number, A = sigmoid(w^T X + b) the (1, m) row of predicted probabilities.
 */
import { ShapeError, ValueError, formatShape, fromFloat64Array, zeros } from "../ndarray";
import type { Column, Matrix, Row } from "../ndarray";
import { sigmoid } from "./activation";
import { logitLoss } from "../core";
import { Float32Matrix, float32StoreOf } from "./float32matrix";
import { rowTimesByBlocks } from "../kernels";
import {
  requireBinaryLabels,
  requireFiniteArray,
  requireFiniteNumber,
  requireInteger,
  requireMatrix,
  requireFiniteXThroughZ,
  requireProblemExceptX,
  requireShapes,
} from "./validate";

/** The parameters of logistic regression: weights w (n, 1) and bias b. */
export interface Params {
  w: Column;
  b: number;
}

/** Gradients of the cost: dw = dJ/dw (n, 1) and db = dJ/db. */
export interface Grads {
  dw: Column;
  db: number;
}

/** What {@link propagate} returns: the gradients and the cost at (w, b). */
export interface PropagateResult {
  grads: Grads;
  cost: number;
}

/**
 * Zero weights and bias for `dim` features: w = zeros((dim, 1)), b = 0.
 * (Zero initialisation is fine for logistic regression; a neural network needs random weights.)
 * @throws ValueError unless dim is an integer >= 1.
 */
export function initializeWithZeros(dim: number): Params {
  requireInteger("initializeWithZeros", "dim", dim, 1);
  return { w: zeros([dim, 1]) as Column, b: 0 };
}

/**
 * One forward and backward pass over all m examples:
 *   A  = sigmoid(w^T X + b)                                   (1, m)
 *   J  = -(1/m) * sum( Y log A + (1 - Y) log(1 - A) )          cost
 *   dw = (1/m) * X (A - Y)^T                                  (n, 1)
 *   db = (1/m) * sum(A - Y)
 * The cost is evaluated in the logits form (see `crossEntropyLossFromLogits`), which is the same
 * number but stays finite when A rounds to exactly 0 or 1.
 *
 * @example propagate(column([1, 2]), 2, array([[1, 2], [3, 4]]), row([1, 0]))
 *   // grads.dw = [[0.99993216], [1.99980262]], grads.db = 0.49993523, cost = 6.00006477
 * X may be a {@link Float32Matrix} (`asFloat32(X)`): the two products then run in float32 (see asFloat32
 * for the accuracy), everything else in float64.
 * @throws ShapeError when the shapes do not fit (w (n,1), X (n,m), Y (1,m)); ValueError for NaN/Infinity
 *   anywhere, labels other than 0/1, zero examples, or a disposed Float32Matrix.
 */
export function propagate(w: Column, b: number, X: Matrix | Float32Matrix, Y: Row): PropagateResult {
  // X (n*m values) is checked through Z (m values): see requireFiniteXThroughZ. Scanning X on every call
  // cost more than the rest of propagate.
  requireProblemExceptX("propagate", w, b, X, Y);
  const { result, Z } = propagateWithZ(w, b, X, Y);
  requireFiniteXThroughZ("propagate", X, Z);
  return result;
}

/**
 * {@link propagate} without the input checks: the body of the training loop, written with array
 * operations exactly as the course's numpy code (the reference implementation).
 */
export function propagateUnchecked(w: Column, b: number, X: Matrix | Float32Matrix, Y: Row): PropagateResult {
  return propagateWithZ(w, b, X, Y).result;
}

/** {@link propagateUnchecked}, also giving Z = w^T X + b (for the check of X through Z). */
function propagateWithZ(
  w: Column,
  b: number,
  X: Matrix | Float32Matrix,
  Y: Row,
): { result: PropagateResult; Z: Float64Array } {
  if (X instanceof Float32Matrix) return propagateFloat32(w, b, X, Y);
  const m = X.shape[1];
  // Forward pass
  const Z = rowTimes(w, X).add(b); // (1, m)
  const A = sigmoid(Z);
  const z = Z.toFloat64Array();
  const cost = meanLogitLoss(z, Y.toFloat64Array());
  // Backward pass
  const dZ = A.sub(Y); // (1, m)
  const dw = timesInPlace(X.matmul(dZ.T), 1 / m) as Column; // (n, 1), X dZ^T times 1/m
  const db = (1 / m) * dZ.sum();
  return { result: { grads: { dw, db }, cost }, Z: z };
}

/**
 * `w^T X` as a (1, m) row. For a big X in the kernels' memory (the course's X from `preprocessImages`) it is
 * summed by blocks of rows on both threads (`rowTimesByBlocks`), in an order that differs from `matmul`'s
 * plain loop (all rows in order on one thread) by about 1e-16 relative. Otherwise `w.T.matmul(X)`.
 */
function rowTimes(w: Column, X: Matrix): Row {
  const z = rowTimesByBlocks(w.toFloat64Array(), X.storage);
  return z ? (fromFloat64Array(z, [1, X.shape[1]]) as Row) : w.T.matmul(X);
}

/**
 * `fresh.mul(factor)`, the same numbers, computed in place when `fresh` owns its whole buffer: for an array
 * just made by an operation, which nothing else shares. Saves a second array of n values per propagate.
 */
function timesInPlace(fresh: Matrix, factor: number): Matrix {
  const data = fresh.storage.data;
  if (fresh.toFloat64Array() !== data) return fresh.mul(factor);
  for (let i = 0; i < data.length; i++) data[i] *= factor;
  return fresh;
}

/** {@link propagateWithZ} with a float32 X: the same formulas, the two products in the float32 kernels. */
function propagateFloat32(
  w: Column,
  b: number,
  X: Float32Matrix,
  Y: Row,
): { result: PropagateResult; Z: Float64Array } {
  const store = float32StoreOf("propagate", "X", X);
  const m = X.m;
  const z = store.rowTimes(w.toFloat64Array());
  const dZ = new Float64Array(m);
  const { cost, db } = costAndDz(z, b, Y.toFloat64Array(), dZ);
  const dw = store.timesVector(dZ);
  for (let i = 0; i < dw.length; i++) dw[i] /= m;
  for (let j = 0; j < m; j++) z[j] += b; // Z, for the check of X through Z
  const grads = { dw: fromFloat64Array(dw, [X.n, 1]) as Column, db };
  return { result: { grads, cost }, Z: z };
}

/**
 * The part of a step that needs no X, from `z = w^T X` (without b): the cost J of z + b against y, and
 * dZ = sigmoid(z + b) - y written into `dZ`, with db = mean(dZ). One pass over the m examples; the kernel
 * paths of propagate and optimize share it.
 */
export function costAndDz(z: Float64Array, b: number, y: Float64Array, dZ: Float64Array): { cost: number; db: number } {
  const m = z.length;
  let cost = 0,
    sumDz = 0;
  for (let j = 0; j < m; j++) {
    const zj = z[j] + b,
      yj = y[j];
    // logitLoss(zj, yj) and sigmoidScalar(zj) written out around their one shared exponential e^(-|z|): the
    // same operations, so the same bits, with half the calls to Math.exp of a training step
    const e = Math.exp(-Math.abs(zj));
    cost += (zj > 0 ? zj : 0) - yj * zj + Math.log1p(e);
    const d = (zj >= 0 ? 1 : e) / (1 + e) - yj;
    dZ[j] = d;
    sumDz += d;
  }
  return { cost: cost / m, db: (1 / m) * sumDz };
}

/** J = (1/m) sum_j L(z_j, y_j) with the cross-entropy loss in logits form. */
export function meanLogitLoss(z: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let j = 0; j < z.length; j++) s += logitLoss(z[j], y[j]);
  return s / z.length;
}

/**
 * Predicted labels: 1 where A = sigmoid(w^T X + b) > 0.5, else 0 (as the course: exactly 0.5 gives 0).
 * @returns a (1, m) row of 0/1.
 * X may be a {@link Float32Matrix} (`asFloat32(X)`): w^T X then runs in float32.
 * @throws ShapeError when w is not (n, 1) for X (n, m); ValueError for NaN/Infinity in w, b or X, or a
 *   disposed Float32Matrix.
 */
export function predict(w: Column, b: number, X: Matrix | Float32Matrix): Row {
  requireShapes("predict", { w, X });
  requireFiniteArray("predict", "w", w);
  requireFiniteNumber("predict", "b", b);
  const Z = logits(w, b, X);
  requireFiniteXThroughZ("predict", X, Z.toFloat64Array()); // X checked through Z, as in propagate
  return labelsFromLogits(Z);
}

/** {@link predict} without the input checks. */
export function predictUnchecked(w: Column, b: number, X: Matrix | Float32Matrix): Row {
  return labelsFromLogits(logits(w, b, X));
}

/** Z = w^T X + b, (1, m); with a float32 X through the float32 kernels. */
function logits(w: Column, b: number, X: Matrix | Float32Matrix): Matrix {
  if (!(X instanceof Float32Matrix)) return w.T.matmul(X).add(b);
  const z = float32StoreOf("predict", "X", X).rowTimes(w.toFloat64Array());
  for (let j = 0; j < z.length; j++) z[j] += b;
  return fromFloat64Array(z, [1, z.length]) as Matrix;
}

/** 1 where sigmoid(Z) > 0.5, else 0. */
function labelsFromLogits(Z: Matrix): Row {
  const A = sigmoid(Z).toFloat64Array();
  const labels = new Float64Array(A.length);
  for (let j = 0; j < A.length; j++) labels[j] = A[j] > 0.5 ? 1 : 0;
  return fromFloat64Array(labels, [1, A.length]) as Row;
}

/**
 * Share of correct predictions, in PERCENT (0 to 100), as the course prints it:
 *   accuracy = 100 * (number of j with Yhat_j = Y_j) / m
 * (the same number as the course's `100 - mean(|Yhat - Y|) * 100`, without its rounding noise).
 * @throws ShapeError when Yhat and Y are not rows of the same shape; ValueError for values other
 *   than 0/1 in either or zero examples.
 */
export function accuracy(Yhat: Row, Y: Row): number {
  const op = "accuracy";
  requireMatrix(op, "Yhat", Yhat);
  requireMatrix(op, "Y", Y);
  if (Yhat.shape[0] !== 1 || Y.shape[0] !== 1 || Yhat.shape[1] !== Y.shape[1]) {
    throw new ShapeError(
      `${op}: Yhat and Y must be rows (1,m) of the same shape, got Yhat ${formatShape(Yhat.shape)}, Y ${formatShape(Y.shape)}`,
    );
  }
  if (Y.shape[1] === 0) throw new ValueError(`${op}: zero examples: Y has shape ${formatShape(Y.shape)}`);
  requireBinaryLabels(op, "Yhat", Yhat);
  requireBinaryLabels(op, "Y", Y);
  const p = Yhat.toFloat64Array(),
    y = Y.toFloat64Array();
  let correct = 0;
  for (let j = 0; j < p.length; j++) if (p[j] === y[j]) correct++;
  return (100 * correct) / p.length;
}
