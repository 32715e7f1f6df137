/**
 * Per-example losses L(yhat, y) and the cost J = mean of the losses.
 *
 * The lecture's distinction: a *loss* measures one example; the *cost* averages the losses over the
 * m training examples and is what gradient descent minimizes.
 */
import { NDArray, ShapeError, ValueError, fromFloat64Array, formatShape } from "../ndarray";
import { describe, logitLoss } from "../core";
import { formatIndex } from "./validate";

/**
 * Probabilities are clipped to [CROSS_ENTROPY_EPSILON, 1 - CROSS_ENTROPY_EPSILON] before the log in
 * {@link crossEntropyLoss}, so the loss stays finite at yhat = 0 or 1 (at most -ln(1e-15), about 34.5).
 * Clipping changes the loss only where yhat is within 1e-15 of 0 or 1.
 */
export const CROSS_ENTROPY_EPSILON = 1e-15;

/**
 * Squared-error loss, the one the lecture first considers and rejects for logistic regression
 * (with a sigmoid it makes the cost non-convex):
 *   L(yhat, y) = 1/2 (yhat - y)^2
 * Element-wise for arrays of the same shape.
 */
export function squaredErrorLoss(yhat: number, y: number): number;
export function squaredErrorLoss<S extends number[]>(yhat: NDArray<S>, y: NDArray<S>): NDArray<S>;
export function squaredErrorLoss(yhat: number | NDArray, y: number | NDArray): number | NDArray {
  return elementwise("squaredErrorLoss", yhat, y, (p, t) => 0.5 * (p - t) * (p - t));
}

/**
 * Cross-entropy (log) loss of logistic regression:
 *   L(yhat, y) = -( y log(yhat) + (1 - y) log(1 - yhat) )
 * yhat must lie in [0, 1]. To stay finite at yhat = 0 or 1 it is clipped to
 * [eps, 1 - eps] with eps = {@link CROSS_ENTROPY_EPSILON} = 1e-15 first.
 * (Training uses the exact logits form instead: see {@link crossEntropyLossFromLogits}.)
 * @throws ValueError for yhat outside [0, 1] or NaN.
 */
export function crossEntropyLoss(yhat: number, y: number): number;
export function crossEntropyLoss<S extends number[]>(yhat: NDArray<S>, y: NDArray<S>): NDArray<S>;
export function crossEntropyLoss(yhat: number | NDArray, y: number | NDArray): number | NDArray {
  const lo = CROSS_ENTROPY_EPSILON;
  const hi = 1 - CROSS_ENTROPY_EPSILON;
  return elementwise("crossEntropyLoss", yhat, y, (p, t, where) => {
    if (!(p >= 0 && p <= 1))
      throw new ValueError(`crossEntropyLoss: yhat must be a probability in [0, 1], got ${p}${where()}`);
    const q = p < lo ? lo : p > hi ? hi : p;
    return -(t * Math.log(q) + (1 - t) * Math.log(1 - q));
  });
}

/**
 * Cross-entropy loss written in terms of the logit z (where yhat = sigmoid(z)):
 *   L(z, y) = -( y log sigma(z) + (1 - y) log(1 - sigma(z)) ) = max(z, 0) - y z + log(1 + e^(-|z|))
 * The same number as {@link crossEntropyLoss} (up to rounding), but exact and finite for every
 * finite z without any clipping: this is what {@link propagate} uses for the cost.
 */
export function crossEntropyLossFromLogits(z: number, y: number): number;
export function crossEntropyLossFromLogits<S extends number[]>(z: NDArray<S>, y: NDArray<S>): NDArray<S>;
export function crossEntropyLossFromLogits(z: number | NDArray, y: number | NDArray): number | NDArray {
  return elementwise("crossEntropyLossFromLogits", z, y, logitLoss);
}

/**
 * The cost: the mean of the per-example losses,
 *   J = (1/m) * sum_i L(yhat_i, y_i)
 * Accepts an NDArray of any shape or a plain array of numbers.
 * @throws ValueError for zero losses (the mean of nothing is undefined).
 */
export function cost(losses: NDArray | readonly number[]): number {
  let data: ArrayLike<number>;
  if (losses instanceof NDArray) data = losses.toFloat64Array();
  else if (Array.isArray(losses)) data = losses;
  else throw new TypeError(`cost: expected an NDArray or an array of numbers, got ${describe(losses)}`);
  if (data.length === 0)
    throw new ValueError("cost: no losses given (zero examples); the mean of nothing is undefined");
  let s = 0;
  for (let i = 0; i < data.length; i++) s += data[i];
  return s / data.length;
}

type Where = () => string;

function elementwise(
  op: string,
  a: number | NDArray,
  b: number | NDArray,
  f: (a: number, b: number, where: Where) => number,
): number | NDArray {
  if (typeof a === "number" && typeof b === "number") return f(a, b, () => "");
  if (!(a instanceof NDArray) || !(b instanceof NDArray)) {
    throw new TypeError(
      `${op}: expected two numbers or two NDArrays of the same shape, got ${describe(a)} and ${describe(b)}`,
    );
  }
  // Same shape required: silently broadcasting a (1,m) row against an (m,1) column would give (m,m).
  const sa = a.shape,
    sb = b.shape;
  if (sa.length !== sb.length || sa.some((d, i) => d !== sb[i])) {
    throw new ShapeError(
      `${op}: predictions and labels must have the same shape, got ${formatShape(sa)} ${formatShape(sb)}`,
    );
  }
  const da = a.toFloat64Array(),
    db = b.toFloat64Array();
  const out = new Float64Array(da.length);
  for (let i = 0; i < da.length; i++) out[i] = f(da[i], db[i], () => ` at ${formatIndex(sa, i)}`);
  return fromFloat64Array(out, sa.slice());
}
