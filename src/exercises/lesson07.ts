/**
 * Self-checks for notebook 07 (training on the pictures): predict labels from probabilities, and the accuracy
 * of predicted labels. Each check prints "✔ pass" or a hint (see feedback.ts); a pass names what was tried,
 * never the answer's values.
 */
import { array } from "../ndarray/create";
import { column, row } from "../ndarray/narrow";
import { NDArray } from "../ndarray/ndarray";
import type { Column, Matrix, Row } from "../ndarray/ndarray";
import { formatShape } from "../ndarray/shape";
import { predict } from "../learn/logistic";
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

// ---------------------------------------------------------------------------------------------------
// Exercise 1: predict

type PredictFn = (w: Column, b: number, X: Matrix) => unknown;

function judgePredict(fn: PredictFn): Verdict {
  const w = column([0.1124579, 0.23106775]);
  const b = -0.3;
  const X = array([
    [1, -1.2, 3, -0.5],
    [2, 0.5, -0.0719736, -1],
  ]);
  const r = attempt(() => fn(w, b, X));
  if (!r.ok && r.notAttempted)
    return notAttempted(
      "compute the probabilities σ(wᵀX + b) as in propagate, then compare them with 0.5 (array comparisons give 1 and 0)",
    );
  if (!r.ok) return hint(`predict threw ${r.error}`);
  const got = r.value;
  if (!(got instanceof NDArray)) return hint(`predict should return a (1, m) row NDArray, got ${describe(got)}`);
  const want = predict(w, b, X).toFloat64Array();
  const m = X.shape[1];
  if (got.shape.length !== 2 || got.shape[0] !== 1 || got.shape[1] !== m)
    return hint(`predict returned shape ${formatShape(got.shape)}, expected (1,${m}): one label per column of X`);
  const values = got.toFloat64Array();
  if (values.some((v) => v !== 0 && v !== 1))
    return hint(
      `predict returned ${fmtList(values)}: those are probabilities; turn each into a label, 1 if a > 0.5 else 0`,
    );
  if (allClose(values, want)) return pass(`one right 0/1 label per column of X, on ${m} examples`);
  if (
    allClose(
      values,
      Array.from(want, (v) => 1 - v),
    )
  )
    return hint(`predict returned ${fmtList(values)}: the labels are flipped; 1 means a > 0.5`);
  const wrong = Array.from(values.keys()).filter((i) => values[i] !== want[i]);
  return hint(
    `predict returned ${fmtList(values)}: the label of column ${wrong.join(", ")} (counting from 0) is off; compare each σ(wᵀx + b) with 0.5`,
  );
}

/**
 * Exercise 1 of notebook 07: checks your `predict(w, b, X)`: a (1, m) row of labels, 1 where
 * σ(wᵀx + b) > 0.5, else 0. Prints "✔ pass" or a hint (probabilities instead of labels, shape, flipped).
 * @throws TypeError if `predictFn` is not a function.
 */
export function checkPredict(predictFn: PredictFn): void {
  requireFunction("checkPredict", predictFn, "predict(w, b, X) => Row");
  report("predict", judgePredict(predictFn));
}

// ---------------------------------------------------------------------------------------------------
// Exercise 2: accuracy

type AccuracyFn = (predicted: Row, Y: Row) => unknown;

/** Predicted labels and true labels, with the percentage of matches a right answer returns. */
const ACCURACY_CASES: [number[], number[]][] = [
  [
    [1, 0, 1, 1],
    [1, 0, 0, 1],
  ],
  [
    [0, 0, 1, 1, 0],
    [1, 0, 1, 0, 0],
  ],
  [
    [1, 1, 1],
    [1, 1, 1],
  ],
];

function judgeAccuracy(fn: AccuracyFn): Verdict {
  for (const [p, y] of ACCURACY_CASES) {
    const call = `accuracy(row([${p.join(", ")}]), row([${y.join(", ")}]))`;
    const r = attempt(() => fn(row(p), row(y)));
    if (!r.ok && r.notAttempted)
      return notAttempted(
        "count the columns where the predicted label equals the true one (.eq gives 1 and 0), divide by m and multiply by 100",
      );
    if (!r.ok) return hint(`${call} threw ${r.error}`);
    const got = r.value;
    if (typeof got !== "number") return hint(`${call} should return one number (a percentage), got ${describe(got)}`);
    const matches = p.filter((v, i) => v === y[i]).length;
    const want = (100 * matches) / p.length;
    if (allClose([got], [want])) continue;
    const at = `${call} = ${fmt(got)}`;
    if (allClose([got], [want / 100]))
      return hint(`${at}: that is a fraction; the notes give accuracy in percent (multiply by 100)`);
    if (allClose([got], [100 - want]))
      return hint(`${at}: that is the percentage of MISTAKES; count the labels that agree`);
    if (allClose([got], [matches]))
      return hint(`${at}: that is the number of matches; divide by m, the number of examples`);
    return hint(`${at}: count the columns where the two labels agree, divide by m, multiply by 100`);
  }
  return pass(`the percentage of matching labels, on ${ACCURACY_CASES.length} pairs of rows`);
}

/**
 * Exercise 2 of notebook 07: checks your `accuracy(predicted, Y)`: the percentage (0 to 100) of examples whose
 * predicted label equals the true label. Prints "✔ pass" or a hint (a fraction, the error rate, a count).
 * @throws TypeError if `accuracyFn` is not a function.
 */
export function checkAccuracy(accuracyFn: AccuracyFn): void {
  requireFunction("checkAccuracy", accuracyFn, "accuracy(predicted, Y) => number");
  report("accuracy", judgeAccuracy(accuracyFn));
}
