/**
 * numpy's float formatting (numpy 1.24 `FloatingFormat`, floatmode "maxprec", precision 8).
 *
 * numpy picks one style for a whole array: fixed (`0.5`, `12.25`) unless some non-zero value is
 * >= 1e8 or < 1e-4, or the largest is more than 1000 times the smallest; then scientific
 * (`1.5e-05`). Each value shows its shortest round-trip digits, cut to 8 fractional digits and
 * rounded half to even (as numpy's Dragon4 does), and the columns are padded to line up.
 */

/** Formats single numbers so that all values of one array line up. */
export type FloatFormatter = (x: number) => string;

const PRECISION = 8;

/** Decimal digits of |x| (no leading zeros) and the power of ten of the first digit. */
interface Decimal {
  negative: boolean;
  digits: string;
  exponent: number;
}

/** Shortest round-trip decimal of a finite x (what JavaScript's toExponential() prints). */
function shortest(x: number): Decimal {
  const [mantissa, exp] = Math.abs(x).toExponential().split("e");
  return { negative: x < 0 || Object.is(x, -0), digits: mantissa.replace(".", ""), exponent: Number(exp) };
}

/** |x| exactly as big integer `n` and power of ten `scale`: |x| = n / 10^scale. */
function exact(x: number): [bigint, number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const biased = Number(bits >> 52n);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exp2 = (biased === 0 ? 1 : biased) - 1075;
  if (exp2 >= 0) return [mantissa << BigInt(exp2), 0];
  return [mantissa * 5n ** BigInt(-exp2), -exp2];
}

/** n / 10^k rounded half to even. */
function divideRounded(n: bigint, k: number): bigint {
  if (k <= 0) return n * 10n ** BigInt(-k);
  const d = 10n ** BigInt(k);
  const q = n / d;
  const twice = 2n * (n % d);
  if (twice > d || (twice === d && q % 2n === 1n)) return q + 1n;
  return q;
}

/** Decimal of x with at most `fracDigits` digits after the point (fixed notation). */
function roundFixed(x: number, fracDigits: number): Decimal {
  const s = shortest(x);
  if (x === 0 || s.digits.length - 1 - s.exponent <= fracDigits) return s;
  const [n, scale] = exact(x);
  const digits = divideRounded(n, scale - fracDigits).toString();
  return trimZeros({ negative: s.negative, digits, exponent: digits.length - 1 - fracDigits });
}

/**
 * Decimal of x with at most `fracDigits` digits after the first significant one (scientific notation):
 * the shortest round-trip digits if they fit, else x rounded. With `exactDigits`, always x rounded to
 * exactly `fracDigits` digits (numpy's second pass, which pads with x's true digits, not zeros: this
 * shows for subnormal numbers, e.g. 5e-324 prints as 4.94065646e-324).
 */
function roundScientific(x: number, fracDigits: number, exactDigits = false): Decimal {
  const s = shortest(x);
  if (x === 0 || (!exactDigits && s.digits.length - 1 <= fracDigits)) return s;
  const [n, scale] = exact(x);
  const length = n.toString().length;
  let digits = divideRounded(n, length - (fracDigits + 1)).toString();
  let exponent = length - 1 - scale;
  if (digits.length > fracDigits + 1) {
    digits = digits.slice(0, -1); // 9.99...→10.0: one more digit, one higher exponent
    exponent += 1;
  }
  return exactDigits
    ? { negative: s.negative, digits, exponent }
    : trimZeros({ negative: s.negative, digits, exponent });
}

function trimZeros(d: Decimal): Decimal {
  const digits = d.digits.replace(/0+$/, "");
  return { ...d, digits: digits === "" ? "0" : digits, exponent: digits === "" ? 0 : d.exponent };
}

/** Integer and fraction parts of a decimal in fixed notation ("-12", "25"). */
function fixedParts(d: Decimal): [string, string] {
  const sign = d.negative ? "-" : "";
  if (d.exponent < 0) return [sign + "0", "0".repeat(-d.exponent - 1) + d.digits];
  const padded = d.digits.padEnd(d.exponent + 1, "0");
  return [sign + padded.slice(0, d.exponent + 1), padded.slice(d.exponent + 1)];
}

/** Mantissa integer part, mantissa fraction and exponent digits of a decimal in scientific notation. */
function scientificParts(d: Decimal): [string, string, number] {
  return [(d.negative ? "-" : "") + d.digits[0], d.digits.slice(1), d.exponent];
}

/**
 * A formatter for the given values, chosen the way numpy chooses it: the style, the number of
 * fractional digits and the padding all depend on every value that will be shown.
 */
export function floatFormatter(values: readonly number[]): FloatFormatter {
  const finite = values.filter(Number.isFinite);
  const nonZero = finite.filter((v) => v !== 0).map(Math.abs);
  let scientific = false;
  if (nonZero.length > 0) {
    const max = Math.max(...nonZero);
    const min = Math.min(...nonZero);
    scientific = max >= 1e8 || min < 1e-4 || max / min > 1000;
  }
  let padLeft = 0;
  let padRight = 0;
  let format: (x: number) => string = String;
  if (finite.length > 0 && scientific) {
    const parts = finite.map((v) => scientificParts(roundScientific(v, PRECISION)));
    const fracDigits = Math.max(...parts.map(([, f]) => f.length));
    const expDigits = Math.max(2, ...parts.map(([, , e]) => String(Math.abs(e)).length));
    padLeft = Math.max(...parts.map(([i]) => i.length));
    padRight = expDigits + 2 + fracDigits;
    format = (x) => {
      const [int, frac, e] = scientificParts(roundScientific(x, fracDigits, true));
      const exp = (e < 0 ? "-" : "+") + String(Math.abs(e)).padStart(expDigits, "0");
      return `${int.padStart(padLeft)}.${frac.padEnd(fracDigits, "0")}e${exp}`;
    };
  } else if (finite.length > 0) {
    const parts = finite.map((v) => fixedParts(roundFixed(v, PRECISION)));
    padLeft = Math.max(...parts.map(([i]) => i.length));
    padRight = Math.max(...parts.map(([, f]) => f.length));
    format = (x) => {
      const [int, frac] = fixedParts(roundFixed(x, PRECISION));
      return `${int.padStart(padLeft)}.${frac.padEnd(padRight)}`;
    };
  }
  if (finite.length < values.length) {
    // nan / inf are right-aligned in the same width as the numbers (numpy widens the integer part if needed).
    const negativeInf = values.some((v) => v === -Infinity);
    const offset = padRight + 1;
    padLeft = Math.max(padLeft, 3 - offset, 3 + (negativeInf ? 1 : 0) - offset);
  }
  const width = padLeft + padRight + 1;
  return (x) => {
    if (Number.isNaN(x)) return "nan".padStart(width);
    if (x === Infinity) return "inf".padStart(width);
    if (x === -Infinity) return "-inf".padStart(width);
    return format(x);
  };
}
