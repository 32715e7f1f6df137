/** Number and shape formatting shared by every layer (messages, plot titles, drawings). */

/**
 * Formats a shape as numpy prints it: `(3,)`, `(3,1)`, `()`.
 * @example formatShape([3, 1]) // "(3,1)"
 */
export function formatShape(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(",")})`;
}

/**
 * Rounds for display in titles and descriptions: 6 significant digits, no trailing zeros, exponent
 * notation for very large or small magnitudes.
 * @example formatNumber(0.6931471805599453) // "0.693147"
 */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-4)) return v.toExponential(3);
  return String(Number(v.toPrecision(6)));
}

/**
 * Rounds for reading, as the lecture prints numbers: 33.003000000000004 -> "33.003", 6 -> "6".
 * @param significantDigits digits kept (default 5)
 */
export function formatSignificant(x: number, significantDigits = 5): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  // Number(...) drops the trailing zeros that toPrecision keeps (33.003 -> "33.003", not "33.0030").
  const rounded = Number(x.toPrecision(significantDigits));
  return Object.is(rounded, -0) ? "0" : String(rounded);
}
