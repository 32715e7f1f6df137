/**
 * The logistic sigmoid and its derivative, for numbers and arrays.
 *
 * Why not the textbook `1 / (1 + exp(-z))` everywhere: for very negative z, `exp(-z)` overflows to
 * Infinity. In JavaScript that still gives 0 (no exception), but it throws away every value below
 * about 1e-308 and, in other languages, raises overflow warnings. The stable form uses
 * `exp(z) / (1 + exp(z))` for z < 0, where `exp(z)` can only underflow towards 0, which is harmless.
 */
import { describe, sigmoidScalar } from "../core";
import { NDArray, fromFloat64Array } from "../ndarray";

/** The scalar sigmoid lives in the bottom layer (src/core), shared with the graph and the plots. */
export { sigmoidScalar };

/**
 * The logistic sigmoid sigma(z) = 1 / (1 + e^(-z)), element-wise on an array or on a number.
 *
 * Maps any real z into (0, 1) (exactly 0 or 1 only after rounding, for |z| > about 36.7 towards 1
 * and z < about -745 towards 0), so `sigmoid(w.T @ x + b)` reads as P(y = 1 | x).
 * Numerically stable: evaluates e^(-|z|) only, so `sigmoid(1000)` is 1 and `sigmoid(-1000)` is 0
 * with no overflow.
 *
 * @example sigmoid(array([1, 2, 3])) // [0.73105858, 0.88079708, 0.95257413]
 */
export function sigmoid(z: number): number;
export function sigmoid<S extends number[]>(z: NDArray<S>): NDArray<S>;
export function sigmoid(z: number | NDArray): number | NDArray {
  if (typeof z === "number") return sigmoidScalar(z);
  if (!(z instanceof NDArray)) throw new TypeError(`sigmoid: expected a number or an NDArray, got ${describe(z)}`);
  const src = z.toFloat64Array();
  const n = src.length;
  const out = new Float64Array(n);
  // sigmoidScalar written out (the same operations, so the same bits): one loop with no call. With the call
  // (through the modules' re-export getters) the loop ran 2-3x slower once V8 had recompiled it, e.g. after
  // propagate's z, all of one sign, had compiled it without the other branch: 12-16 µs for 209 values, not 4-6.
  for (let i = 0; i < n; i++) {
    const v = src[i];
    const e = Math.exp(-Math.abs(v));
    out[i] = (v >= 0 ? 1 : e) / (1 + e);
  }
  return fromFloat64Array(out, z.shape);
}

/**
 * Derivative of the sigmoid: sigma'(z) = sigma(z) * (1 - sigma(z)), element-wise.
 * Largest at z = 0 (0.25), and tends to 0 for large |z|: the "vanishing gradient" of a saturated unit.
 *
 * @example sigmoidDerivative(array([1, 2, 3])) // [0.19661193, 0.10499359, 0.04517666]
 */
export function sigmoidDerivative(z: number): number;
export function sigmoidDerivative<S extends number[]>(z: NDArray<S>): NDArray<S>;
export function sigmoidDerivative(z: number | NDArray): number | NDArray {
  if (typeof z === "number") {
    const s = sigmoidScalar(z);
    return s * (1 - s);
  }
  if (!(z instanceof NDArray))
    throw new TypeError(`sigmoidDerivative: expected a number or an NDArray, got ${describe(z)}`);
  const src = z.toFloat64Array();
  const n = src.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = src[i];
    const e = Math.exp(-Math.abs(v)); // sigmoidScalar written out, as in sigmoid
    const s = (v >= 0 ? 1 : e) / (1 + e);
    out[i] = s * (1 - s);
  }
  return fromFloat64Array(out, z.shape);
}
