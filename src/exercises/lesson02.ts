/**
 * Self-checks for notebook 02 (logistic regression: the sigmoid, yhat = sigma(w^T x + b), what w and b do).
 * Each check prints "✔ pass" or a hint (see feedback.ts for the contract).
 */
import { NDArray, Column, Matrix } from "../ndarray/ndarray";
import { array } from "../ndarray/create";
import { formatShape } from "../ndarray/shape";
import {
  Verdict,
  allClose,
  attempt,
  describe,
  fmt,
  fmtList,
  hint,
  notAttempted,
  pass,
  report,
  requireFunction,
} from "./feedback";
import { sigmoidScalar } from "../learn/activation";

function judgeSigmoid(sigmoid: (z: NDArray<[number]>) => unknown): Verdict {
  const zs = [-4, -1, 0, 1, 2, 3, 6];
  const want = zs.map(sigmoidScalar);
  const got = attempt(() => sigmoid(array(zs)));
  if (!got.ok && got.notAttempted)
    return notAttempted(
      "build 1 / (1 + e^(-z)) from the inside out, one array method per step (neg, exp, add, pow); every step works element by element",
    );
  if (!got.ok) return hint(`sigmoid(array([${zs.join(", ")}])) threw ${got.error}`);
  const out = got.value;
  if (typeof out === "number") {
    return hint(
      `you returned ${describe(out)}; the sigmoid of an array is an array of the same shape (apply it element-wise: z.neg().exp() ...)`,
    );
  }
  if (!(out instanceof NDArray)) return hint(`expected an NDArray of shape (${zs.length},), got ${describe(out)}`);
  if (formatShape(out.shape) !== `(${zs.length},)`) {
    return hint(`sigmoid must keep the shape: input (${zs.length},), your output ${formatShape(out.shape)}`);
  }
  const values = out.toFloat64Array();
  const at = `for z = [${zs.join(", ")}] you give ${fmtList(values)}`;
  if (!allClose(values, want)) {
    if (
      allClose(
        values,
        want.map((s) => 1 - s),
      )
    )
      return hint(`${at}: that is 1 - sigma(z), a sign slip: sigma(z) = 1 / (1 + e^(-z)), with MINUS z`);
    if (
      allClose(
        values,
        zs.map((z) => 1 + Math.exp(-z)),
      )
    )
      return hint(`${at}: that is 1 + e^(-z); take its reciprocal (.pow(-1), or divide 1 by it)`);
    if (
      allClose(
        values,
        zs.map((z) => Math.exp(-z)),
      )
    )
      return hint(`${at}: that is e^(-z); sigma(z) = 1 / (1 + e^(-z))`);
    if (values.some((v) => !Number.isFinite(v)))
      return hint(`${at}: NaN or Infinity appears; check each step on a small array`);
    if (values.some((v) => v <= 0 || v >= 1)) return hint(`${at}: a sigmoid stays strictly between 0 and 1`);
    return hint(`${at}: not the sigmoid; check σ(0) = 0.5 and 1 / (1 + e^(-z)) step by step`);
  }
  // The course's numbers, and no overflow far out on both sides.
  const far = attempt(() => sigmoid(array([-1000, 1000])));
  const farValues = far.ok && far.value instanceof NDArray ? far.value.toFloat64Array() : null;
  if (!farValues || !allClose(farValues, [0, 1])) {
    const shown = far.ok ? (farValues ? fmtList(farValues) : describe(far.value)) : `an error (${far.error})`;
    return hint(
      `right for ordinary z, but sigmoid(array([-1000, 1000])) gives ${shown} instead of [0, 1]: e^z overflows to Infinity and Infinity/Infinity is NaN; write it with e^(-z) (or pick the form by the sign of z)`,
    );
  }
  return pass("matches the course's sigmoid on z = (1, 2, 3), and no overflow at z = ±1000");
}

/**
 * Exercise 1 of notebook 02: checks your element-wise `sigmoid(z)` for an NDArray `z`
 * (sigma(z) = 1 / (1 + e^(-z))): values, shape, and no NaN for large |z|. Prints "✔ pass" or a hint.
 * @throws TypeError if `sigmoid` is not a function.
 */
export function checkSigmoid(sigmoid: (z: NDArray<[number]>) => unknown): void {
  requireFunction("checkSigmoid", sigmoid, "sigmoid(z) => NDArray");
  report("sigmoid", judgeSigmoid(sigmoid));
}

function judgePredictProba(predictProba: (w: Column, b: number, X: Matrix) => unknown): Verdict {
  const w = array([[0.5], [-1.5], [2]]) as Column;
  const b = 0.25;
  const X = array([
    [1, -2, 0.5, 3],
    [0.5, 1, -1, 2],
    [-1, 0.5, 1.5, 1],
  ]);
  const [n, m] = X.shape;
  const z: number[] = [];
  for (let j = 0; j < m; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += w.get(i, 0) * X.get(i, j);
    z.push(s);
  }
  const want = z.map((zj) => sigmoidScalar(zj + b));
  const got = attempt(() => predictProba(w.copy(), b, X.copy()));
  if (!got.ok && got.notAttempted)
    return notAttempted(
      "let the shapes guide you: w is (n,1) and X is (n,m); which matrix product gives a row (1,m), one z per example? Then add b and apply the sigmoid",
    );
  if (!got.ok) {
    if (/matmul|dot|align|shapes/i.test(got.error)) {
      return hint(
        `your function threw ${got.error}. w has shape (${n},1) and X (${n},${m}): w @ X does not fit; the product you want is w.T @ X, (1,${n}) @ (${n},${m}) = (1,${m})`,
      );
    }
    return hint(`your function threw ${got.error}`);
  }
  const A = got.value;
  if (!(A instanceof NDArray))
    return hint(`expected an NDArray of shape (1,${m}) (a row: one prediction per example), got ${describe(A)}`);
  const shape = formatShape(A.shape);
  if (shape === `(${m},1)`)
    return hint(
      `shape (${m},1) is a column; predictions are a row (1,${m}), one column per example like X: compute w.T @ X rather than X.T @ w`,
    );
  if (shape === `(${m},)`)
    return hint(`shape (${m},) is rank-1; keep it 2-D, a row (1,${m}): w.T.matmul(X) already has that shape`);
  if (shape !== `(1,${m})`) return hint(`expected shape (1,${m}) for X of shape (${n},${m}), got ${shape}`);
  const values = A.toFloat64Array();
  if (allClose(values, want)) return pass(`shape (1,${m}), one probability per column of X, and the right values`);
  if (allClose(values, z.map(sigmoidScalar))) return hint("the values equal sigma(w^T X): you forgot to add b");
  if (
    allClose(
      values,
      z.map((zj) => zj + b),
    )
  )
    return hint("the values equal w^T X + b: you forgot the sigmoid, so they are not probabilities in (0, 1)");
  if (
    allClose(
      values,
      want.map((a) => 1 - a),
    )
  )
    return hint("the values equal 1 - yhat: check the sign inside the sigmoid (e^(-z))");
  if (
    allClose(
      values,
      z.map((zj) => sigmoidScalar(zj - b)),
    )
  )
    return hint("the values equal sigma(w^T X - b): b is added, not subtracted");
  return hint(`you give ${fmtList(values)}: compute z = w.T @ X + b first, then the sigmoid of every entry`);
}

/**
 * Exercise 2 of notebook 02: checks your `predictProba(w, b, X)` that returns yhat = sigma(w^T X + b),
 * the row (1, m) of probabilities P(y = 1 | x) for the m examples in the columns of X.
 * Prints "✔ pass" or a hint (transpose, shape, forgotten b or sigmoid).
 * @throws TypeError if `predictProba` is not a function.
 */
export function checkPredictProba(predictProba: (w: Column, b: number, X: Matrix) => unknown): void {
  requireFunction("checkPredictProba", predictProba, "predictProba(w, b, X) => yhat");
  report("predictProba", judgePredictProba(predictProba));
}

/** The lines exercise 3's function is tried on (x2 = slope x1 + intercept): the data set's line first. */
const LINES: readonly { slope: number; intercept: number }[] = [
  { slope: -1, intercept: 1 },
  { slope: 2, intercept: -1 },
  { slope: 0.5, intercept: 3 },
  { slope: 0, intercept: -2 },
];

/** The decision boundary's parameters as the exercise's function returns them. */
export interface BoundaryParams {
  w: Column;
  b: number;
}

/** "x2 = -x1 + 1", "x2 = 0.5 x1 + 3", "x2 = -2": the line as a student would write it. */
function lineText({ slope, intercept }: { slope: number; intercept: number }): string {
  const x1 = slope === 0 ? "" : slope === 1 ? "x1" : slope === -1 ? "-x1" : `${fmt(slope)} x1`;
  if (!x1) return `x2 = ${fmt(intercept)}`;
  return intercept === 0 ? `x2 = ${x1}` : `x2 = ${x1} ${intercept < 0 ? "-" : "+"} ${fmt(Math.abs(intercept))}`;
}

function judgeLine(result: unknown, line: { slope: number; intercept: number }): Verdict | null {
  const at = `for the line ${lineText(line)}`;
  if (typeof result !== "object" || result === null || Array.isArray(result) || !("w" in result) || !("b" in result)) {
    return hint(`${at} return an object { w, b } (w a column (2,1), b a number), got ${describe(result)}`);
  }
  const { w, b } = result as { w: unknown; b: unknown };
  if (Array.isArray(w))
    return hint(`${at}: w is a plain JavaScript array; make it a column of shape (2,1), e.g. column([w1, w2])`);
  if (!(w instanceof NDArray)) return hint(`${at}: w should be an NDArray of shape (2,1), got ${describe(w)}`);
  const shape = formatShape(w.shape);
  if (shape === "(2,)")
    return hint(`${at}: w has shape (2,), a rank-1 array; the course keeps w as a column (2,1): column([w1, w2])`);
  if (shape === "(1,2)")
    return hint(`${at}: w has shape (1,2), a row; the course keeps w as a column (2,1): transpose it`);
  if (shape !== "(2,1)") return hint(`${at}: w should have shape (2,1) for 2 features, got ${shape}`);
  if (typeof b !== "number" || !Number.isFinite(b))
    return hint(`${at}: b should be a finite number, got ${describe(b)}`);
  const [w1, w2] = [w.get(0, 0), w.get(1, 0)];
  if (![w1, w2].every(Number.isFinite)) return hint(`${at}: w must be finite numbers, got [${fmt(w1)}, ${fmt(w2)}]`);
  // The boundary is where z = w1 x1 + w2 x2 + b = 0, i.e. x2 = -(w1/w2) x1 - b/w2 (when w2 != 0).
  if (w2 === 0)
    return hint(`${at}: with w2 = 0 the boundary w1 x1 + b = 0 is a vertical line; this line is not vertical`);
  const slope = -w1 / w2;
  const intercept = -b / w2;
  const close = (a: number, t: number) => Math.abs(a - t) <= 1e-6 * (1 + Math.abs(t));
  if (!close(slope, line.slope)) {
    return hint(
      `${at} your w, b give the line x2 = ${fmt(slope)} x1 + ${fmt(intercept)}: its slope -w1/w2 = ${fmt(slope)} should be ${fmt(line.slope)} (tilt it with w)`,
    );
  }
  if (!close(intercept, line.intercept)) {
    return hint(
      `${at} the slope is right, but the line crosses the x2 axis at -b/w2 = ${fmt(intercept)} instead of ${fmt(line.intercept)} (shift it with b)`,
    );
  }
  if (w2 < 0) {
    return hint(
      `${at} your boundary is exactly the right line, but the sides are swapped: yhat > 0.5 BELOW it. Multiply w and b by -1`,
    );
  }
  return null;
}

function judgeBoundary(boundaryFor: (slope: number, intercept: number) => unknown): {
  verdict: Verdict;
  params?: BoundaryParams;
} {
  let params: BoundaryParams | undefined;
  for (const line of LINES) {
    const got = attempt(() => boundaryFor(line.slope, line.intercept));
    if (!got.ok && got.notAttempted) {
      return {
        verdict: notAttempted(
          "move every term of the line to one side to read off w1, w2 and b, then check the sign of z = w1 x1 + w2 x2 + b at a point above the line",
        ),
      };
    }
    if (!got.ok) return { verdict: hint(`boundaryFor(${fmt(line.slope)}, ${fmt(line.intercept)}) threw ${got.error}`) };
    const wrong = judgeLine(got.value, line);
    if (wrong) return { verdict: wrong };
    params ??= got.value as BoundaryParams;
  }
  return {
    verdict: pass(`right line, class 1 above it, for all ${LINES.length} lines tried`),
    params,
  };
}

/**
 * Exercise 3 of notebook 02: checks your `boundaryFor(slope, intercept)` that returns `{ w, b }`, w a column (2,1)
 * and b a number, whose decision boundary w^T x + b = 0 is the line x2 = slope * x1 + intercept, with yhat > 0.5
 * above the line. Tries several lines, the first being x2 = -x1 + 1 (a good boundary for `load2DDataset()`).
 * Prints "✔ pass" or a hint (slope: tilt with w; intercept: shift with b; sides swapped; shapes).
 * @returns on a pass, your `{ w, b }` for x2 = -x1 + 1 (to draw it on the data); otherwise undefined.
 * @throws TypeError if `boundaryFor` is not a function.
 */
export function checkBoundary(boundaryFor: (slope: number, intercept: number) => unknown): BoundaryParams | undefined {
  requireFunction("checkBoundary", boundaryFor, "boundaryFor(slope, intercept) => { w, b }");
  const { verdict, params } = judgeBoundary(boundaryFor);
  report("decision boundary", verdict);
  return verdict.passed ? params : undefined;
}
