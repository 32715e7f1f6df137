/**
 * Self-checks for notebook 08 (vectorization and broadcasting): the broadcasting rule on shapes, and
 * normalizing the rows of a matrix (a sum with keepdims, then a broadcast division). Each check prints
 * "✔ pass", a hint, or "not attempted yet" for the student edition's stub (see feedback.ts).
 */
import { array } from "../ndarray/create";
import { NDArray } from "../ndarray/ndarray";
import type { Matrix } from "../ndarray/ndarray";
import { broadcastShapes, formatShape } from "../ndarray/shape";
import { seededRandom } from "../ndarray/random";
import {
  Verdict,
  allClose,
  attempt,
  describe,
  fmtList,
  hint,
  notAttempted,
  pass,
  report,
  requireFunction,
} from "./feedback";

// ---------------------------------------------------------------------------------------------------
// Exercise 1: the broadcasting rule, on shapes only

type BroadcastShapeFn = (a: readonly number[], b: readonly number[]) => unknown;

/**
 * The pairs the check asks about, in teaching order: the notebook's worked examples first, then
 * different ranks (the right-alignment rule), then failures where a left-aligned reading would pass.
 */
const BROADCAST_CASES: readonly (readonly [readonly number[], readonly number[]])[] = [
  [
    [3, 3],
    [3, 1],
  ],
  [
    [3, 3],
    [1, 3],
  ],
  [[3, 3], []],
  [
    [4, 3],
    [3, 2],
  ],
  [
    [3, 1],
    [1, 3],
  ],
  [[2, 3], [3]],
  [[3], [3, 1]],
  [[4, 3], [4]],
  [
    [5, 1, 4],
    [3, 1],
  ],
  [[1], [7, 1]],
  [
    [2, 1],
    [8, 4, 3],
  ],
  [
    [1, 209],
    [1, 209],
  ],
];

/** The library's answer: the broadcast shape, or null when the shapes are incompatible. */
function expectedBroadcast(a: readonly number[], b: readonly number[]): number[] | null {
  try {
    return broadcastShapes("broadcastShape", a, b);
  } catch {
    return null;
  }
}

/** What a rule that aligns shapes on the LEFT would answer (the classic misreading). */
function leftAligned(a: readonly number[], b: readonly number[]): number[] | null {
  const n = Math.max(a.length, b.length);
  const pad = (s: readonly number[]) => [...s, ...new Array<number>(n - s.length).fill(1)];
  const [pa, pb] = [pad(a), pad(b)];
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    if (pa[i] !== pb[i] && pa[i] !== 1 && pb[i] !== 1) return null;
    out.push(Math.max(pa[i], pb[i]));
  }
  return out;
}

const sameShape = (x: readonly number[] | null, y: readonly number[] | null) =>
  x === null || y === null ? x === y : x.length === y.length && x.every((d, i) => d === y[i]);

const show = (s: readonly number[] | null) => (s === null ? "null" : formatShape(s));

function judgeBroadcastShape(fn: BroadcastShapeFn): Verdict {
  for (const [a, b] of BROADCAST_CASES) {
    const call = `broadcastShape(${JSON.stringify(a)}, ${JSON.stringify(b)})`;
    const r = attempt(() => fn([...a], [...b]));
    if (!r.ok) {
      if (r.notAttempted) {
        return notAttempted(
          "align the two shapes on the right; each pair of dimensions must be equal or one of them 1, and the result takes the larger one",
        );
      }
      return hint(`${call} threw ${r.error}; return null for shapes that cannot be broadcast instead of throwing`);
    }
    const got = r.value;
    const want = expectedBroadcast(a, b);
    if (got !== null && !(Array.isArray(got) && got.every((d) => typeof d === "number"))) {
      return hint(`${call} should return an array of numbers (the shape) or null, got ${describe(got)}`);
    }
    const shape = got as number[] | null;
    if (sameShape(shape, want)) continue;
    const pair = `${formatShape(a)} and ${formatShape(b)}`;
    if (a.length !== b.length && sameShape(shape, leftAligned(a, b))) {
      return hint(
        `${call} returned ${show(shape)}, expected ${show(want)}: align the shapes on the RIGHT (trailing dimensions), as numpy does, then pad the shorter one with 1s on the left`,
      );
    }
    if (want === null) {
      return hint(
        `${call} returned ${show(shape)}, but ${pair} cannot be broadcast: compare the dimensions from the RIGHT; a pair that differs with neither equal to 1 means null`,
      );
    }
    if (shape === null) {
      if (a.length !== b.length)
        return hint(
          `${call} returned null, expected ${formatShape(want)}: a missing leading dimension counts as 1, so shapes of different lengths can still broadcast`,
        );
      return hint(
        `${call} returned null, expected ${formatShape(want)}: a dimension of 1 stretches to match the other one`,
      );
    }
    if (shape.length !== want.length) {
      return hint(
        `${call} returned ${show(shape)}, expected ${formatShape(want)}: the result has as many dimensions as the longer shape`,
      );
    }
    return hint(
      `${call} returned ${show(shape)}, expected ${formatShape(want)}: each dimension of the result is the larger of the pair (the 1 stretches)`,
    );
  }
  return pass(`agrees with the library on ${BROADCAST_CASES.length} pairs of shapes, failing ones included`);
}

/**
 * Exercise 1 of notebook 08: checks your `broadcastShape(a, b)`, which returns the shape numpy's
 * broadcasting gives for arrays of shapes `a` and `b` (a scalar has shape `[]`), or null when they cannot
 * be broadcast together. Prints "✔ pass", a hint (left-aligned shapes, a 1 that does not stretch,
 * an incompatible pair accepted) or "not attempted yet".
 * @throws TypeError if `broadcastShapeFn` is not a function.
 */
export function checkBroadcastShape(broadcastShapeFn: BroadcastShapeFn): void {
  requireFunction("checkBroadcastShape", broadcastShapeFn, "broadcastShape(a, b) => number[] | null");
  report("the broadcasting rule", judgeBroadcastShape(broadcastShapeFn));
}

// ---------------------------------------------------------------------------------------------------
// Exercise 2: normalize the rows of a matrix (the course's normalizeRows)

type NormalizeRowsFn = (x: Matrix) => unknown;

/** The course's example, a random (3,5) matrix, and a square (3,3) one on which a lost axis does not fail. */
function normalizeCases(): Matrix[] {
  const rng = seededRandom(7);
  return [
    array([
      [0, 3, 4],
      [1, 6, 4],
    ]),
    rng.normal([3, 5]) as Matrix,
    rng.normal([3, 3]) as Matrix,
  ];
}

/** `x` with every element divided by `divisor(i, j)` — the candidate answers, computed with plain loops. */
function divideBy(x: Matrix, divisor: (i: number, j: number) => number): number[] {
  const [n, m] = x.shape;
  const out: number[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out.push(x.get(i, j) / divisor(i, j));
  return out;
}

/** Sum over row i (axis 1) or column j (axis 0) of f(element). */
function lineSum(x: Matrix, axis: 0 | 1, index: number, f: (v: number) => number): number {
  const [n, m] = x.shape;
  let s = 0;
  for (let k = 0; k < (axis === 1 ? m : n); k++) s += f(axis === 1 ? x.get(index, k) : x.get(k, index));
  return s;
}

function judgeNormalizeRows(fn: NormalizeRowsFn): Verdict {
  for (const x of normalizeCases()) {
    const call = `normalizeRows(x of shape ${formatShape(x.shape)})`;
    const r = attempt(() => fn(x.copy()));
    if (!r.ok) {
      if (r.notAttempted) {
        return notAttempted(
          "square the entries, sum along axis 1 with keepdims (one length per row, shape (n,1)), take the square root, then divide x by it",
        );
      }
      if (/broadcast/.test(r.error)) {
        return hint(
          `${call} threw ${r.error}. Summing along axis 1 without keepdims gives shape (${x.shape[0]},), which lines up with the LAST axis of x; use sum(1, true) to get a column (${x.shape[0]},1) that stretches across each row`,
        );
      }
      return hint(`${call} threw ${r.error}`);
    }
    const got = r.value;
    if (!(got instanceof NDArray))
      return hint(`${call} should return an NDArray of shape ${formatShape(x.shape)}, got ${describe(got)}`);
    if (got.ndim !== 2 || got.shape[0] !== x.shape[0] || got.shape[1] !== x.shape[1]) {
      return hint(
        `${call} returned shape ${formatShape(got.shape)}, expected ${formatShape(x.shape)} like x: divide x by the row lengths, do not replace it`,
      );
    }
    const values = got.toFloat64Array();
    const square = (v: number) => v * v;
    const rowNorm = (i: number) => Math.sqrt(lineSum(x, 1, i, square));
    if (
      allClose(
        values,
        divideBy(x, (i) => rowNorm(i)),
      )
    )
      continue;
    const candidates: [number[], string][] = [
      [
        x.shape[0] === x.shape[1] ? divideBy(x, (_i, j) => rowNorm(j)) : [],
        "on a square matrix the row lengths of shape (n,) broadcast as a ROW (1,n), so column j was divided by the length of row j. Keep the axis: sum(1, true) gives a column (n,1)",
      ],
      [
        divideBy(x, (_i, j) => Math.sqrt(lineSum(x, 0, j, square))),
        "you divided by the lengths of the COLUMNS (axis 0); each row is divided by its own length: sum along axis 1",
      ],
      [
        divideBy(x, (i) => lineSum(x, 1, i, square)),
        "you divided by the sum of squares; the length is its square root: ‖x_i‖ = sqrt(x_i1² + ... + x_im²)",
      ],
      [
        divideBy(x, (i) => lineSum(x, 1, i, Math.abs)),
        "you divided by the sum of absolute values; the length is sqrt(sum of squares)",
      ],
      [
        divideBy(x, (i) => lineSum(x, 1, i, (v) => v)),
        "you divided by the plain sum of the row; the length is sqrt(sum of squares)",
      ],
      [divideBy(x, () => 1), "x came back unchanged: divide each row by its length"],
    ];
    const known = candidates.find(([values2]) => allClose(values, values2));
    if (known) return hint(`${call}: ${known[1]}`);
    return hint(
      `${call}: the first row came back as ${fmtList(values.slice(0, x.shape[1]))}, whose length is not 1; divide by sqrt(sum of squares) of the row`,
    );
  }
  return pass("every row has length 1, on the course's (2,3) example, a (3,5) and a (3,3)");
}

/**
 * Exercise 2 of notebook 08: checks your `normalizeRows(x)`, which divides each row of `x` (n, m) by its
 * Euclidean length, on the course's example [[0, 3, 4], [1, 6, 4]], a (3,5) and a square (3,3) matrix.
 * Prints "✔ pass", a hint (keepdims lost, column lengths, square root missing) or "not attempted yet".
 * @throws TypeError if `normalizeRowsFn` is not a function.
 */
export function checkNormalizeRows(normalizeRowsFn: NormalizeRowsFn): void {
  requireFunction("checkNormalizeRows", normalizeRowsFn, "normalizeRows(x) => Matrix");
  report("normalize rows", judgeNormalizeRows(normalizeRowsFn));
}
