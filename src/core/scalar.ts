/**
 * Scalar math shared by the array functions (learn), the computation graph (graph) and the plots (plot),
 * so there is one stable sigmoid and one stable logit loss in the library.
 */

/**
 * sigma(z) for one number, the branch chosen so no intermediate overflows:
 *   z >= 0:  1 / (1 + e^(-z))
 *   z <  0:  e^z / (1 + e^z)
 * NaN stays NaN (callers validate their inputs).
 * @example sigmoidScalar(0) // 0.5
 */
export function sigmoidScalar(z: number): number {
  // e = e^(-|z|) is e^(-z) for z >= 0 and e^z below 0: the two formulas above, with one exponential and no
  // branch around it (a call site compiled for inputs of one sign is not deoptimised by the other sign).
  const e = Math.exp(-Math.abs(z));
  return (z >= 0 ? 1 : e) / (1 + e);
}

/**
 * The cross-entropy loss of one example computed from its logit z (before the sigmoid), in the form
 * that cannot overflow for any finite z: `max(z, 0) - y z + log1p(e^(-|z|))`.
 * @example logitLoss(0, 1) // log 2 = 0.6931471805599453
 */
export function logitLoss(z: number, y: number): number {
  return (z > 0 ? z : 0) - y * z + Math.log1p(Math.exp(-Math.abs(z)));
}
