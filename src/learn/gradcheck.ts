/**
 * Gradient checking: compare an analytic gradient (from backpropagation) with central differences.
 *
 * For each parameter theta_i:
 *   g'_i = ( J(theta + eps e_i) - J(theta - eps e_i) ) / (2 eps)
 * and the check reports the relative difference
 *   diff = || g - g' ||_2 / ( ||g||_2 + ||g'||_2 )
 * Rule of thumb: below 1e-7 the gradient is right; above 1e-3 it is surely wrong.
 */
import { ShapeError, ValueError, fromFloat64Array } from "../ndarray";
import type { Column, Matrix, Row } from "../ndarray";
import { Params, propagateUnchecked } from "./logistic";
import { requireProblem } from "./validate";

/** Default step of the central differences: small enough for truncation error ~eps^2, large enough for rounding. */
export const GRADIENT_CHECK_EPSILON = 1e-7;

/**
 * The gradient of `costFn` at `theta` by central differences, one pair of evaluations per parameter:
 *   g'_i = ( J(theta + eps e_i) - J(theta - eps e_i) ) / (2 eps)
 * `theta` itself is left unchanged.
 * @throws ValueError when epsilon is not a finite number > 0 or costFn returns a non-finite value.
 */
export function numericalGradient(
  costFn: (theta: Float64Array) => number,
  theta: Float64Array,
  epsilon = GRADIENT_CHECK_EPSILON,
): Float64Array {
  const op = "numericalGradient";
  if (typeof costFn !== "function") throw new TypeError(`${op}: costFn must be a function`);
  if (!(theta instanceof Float64Array)) throw new TypeError(`${op}: theta must be a Float64Array`);
  if (!(Number.isFinite(epsilon) && epsilon > 0))
    throw new ValueError(`${op}: epsilon must be a finite number > 0, got ${epsilon}`);
  const work = Float64Array.from(theta); // the caller's theta is never perturbed
  const grad = new Float64Array(theta.length);
  const evaluate = (i: number, sign: string): number => {
    const J = costFn(work);
    if (typeof J !== "number" || !Number.isFinite(J)) {
      throw new ValueError(
        `${op}: costFn returned ${String(J)} at theta ${sign} epsilon * e_${i}; it must return a finite number`,
      );
    }
    return J;
  };
  for (let i = 0; i < theta.length; i++) {
    work[i] = theta[i] + epsilon;
    const plus = evaluate(i, "+");
    work[i] = theta[i] - epsilon;
    const minus = evaluate(i, "-");
    work[i] = theta[i];
    grad[i] = (plus - minus) / (2 * epsilon);
  }
  return grad;
}

/** || a - b ||_2 / ( ||a||_2 + ||b||_2 ), and 0 when both are zero vectors. */
export function relativeDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length)
    throw new ShapeError(`relativeDifference: vectors of different lengths ${a.length} and ${b.length}`);
  let diff = 0,
    na = 0,
    nb = 0;
  for (let i = 0; i < a.length; i++) {
    diff += (a[i] - b[i]) ** 2;
    na += a[i] ** 2;
    nb += b[i] ** 2;
  }
  const denominator = Math.sqrt(na) + Math.sqrt(nb);
  return denominator === 0 ? 0 : Math.sqrt(diff) / denominator;
}

/**
 * Gradient check of any cost function of a parameter vector: the relative difference
 *   || g - g' ||_2 / ( ||g||_2 + ||g'||_2 )
 * between `analyticGrad` (g) and central differences (g') of `costFn` at `theta`.
 * Below about 1e-7: the analytic gradient is right.
 * @example gradientCheck((t) => t[0] ** 2 + 3 * t[1], Float64Array.of(2, 5), Float64Array.of(4, 3)) // ~1e-10
 * @throws ShapeError when analyticGrad and theta differ in length; ValueError for a bad epsilon, a
 *   non-finite analytic gradient, or a non-finite cost.
 */
export function gradientCheck(
  costFn: (theta: Float64Array) => number,
  theta: Float64Array,
  analyticGrad: Float64Array,
  epsilon = GRADIENT_CHECK_EPSILON,
): number {
  const op = "gradientCheck";
  if (!(theta instanceof Float64Array) || !(analyticGrad instanceof Float64Array)) {
    throw new TypeError(`${op}: theta and analyticGrad must be Float64Arrays`);
  }
  if (analyticGrad.length !== theta.length) {
    throw new ShapeError(`${op}: analyticGrad has ${analyticGrad.length} entries but theta has ${theta.length}`);
  }
  const bad = analyticGrad.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new ValueError(`${op}: analyticGrad contains ${analyticGrad[bad]} at [${bad}]`);
  return relativeDifference(analyticGrad, numericalGradient(costFn, theta, epsilon));
}

/** Logistic regression's parameters as one vector theta = [w_0, ..., w_{n-1}, b] (w first, then b). */
export function paramsToVector(params: Params): Float64Array {
  const w = params.w.toFloat64Array();
  const theta = new Float64Array(w.length + 1);
  theta.set(w);
  theta[w.length] = params.b;
  return theta;
}

/** The inverse of {@link paramsToVector}: theta of length n + 1 back to w (n, 1) and b. */
export function vectorToParams(theta: Float64Array): Params {
  if (theta.length < 1) throw new ShapeError("vectorToParams: theta is empty, need at least b");
  const n = theta.length - 1;
  return { w: fromFloat64Array(theta.slice(0, n), [n, 1]) as Column, b: theta[n] };
}

/** What {@link logisticGradientCheck} returns: the relative difference and both gradients as [dw; db]. */
export interface LogisticGradientCheck {
  difference: number;
  analytic: Float64Array;
  numeric: Float64Array;
}

/**
 * Gradient check of {@link propagate} itself at (w, b): its (dw, db) against central differences of
 * its cost, over theta = [w; b]. The difference should be far below 1e-7.
 * @throws the errors of propagate for bad inputs.
 */
export function logisticGradientCheck(
  w: Column,
  b: number,
  X: Matrix,
  Y: Row,
  epsilon = GRADIENT_CHECK_EPSILON,
): LogisticGradientCheck {
  requireProblem("logisticGradientCheck", w, b, X, Y);
  const { grads } = propagateUnchecked(w, b, X, Y);
  const analytic = paramsToVector({ w: grads.dw, b: grads.db });
  const costOf = (theta: Float64Array): number => {
    const p = vectorToParams(theta);
    return propagateUnchecked(p.w, p.b, X, Y).cost;
  };
  const numeric = numericalGradient(costOf, paramsToVector({ w, b }), epsilon);
  return { difference: relativeDifference(analytic, numeric), analytic, numeric };
}
