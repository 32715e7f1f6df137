// What a passing self-check prints is shown in the course notes right under the folded answer, so it must not
// give the answer away: for every exercise of every lesson, a right answer prints one short "✔ pass" line that
// contains none of the answer's values (and no decimal number at all), and fits a notebook's width.
import assert from "node:assert/strict";
import test from "node:test";
import { Value, column, linspace, propagate, row, sigmoid, sub } from "../src";
import type { Column, Images, Matrix, NDArray, Row } from "../src";
import * as exercises from "../src/exercises";
import { printed } from "./fixtures/selfcheck";

/** Longest line a check may print: a notebook's output and a narrow page both show it without wrapping. */
const MAX_LINE = 100;

const sig = (w: Column, b: number, X: Matrix) => sigmoid(w.T.matmul(X).add(b));
const costSE = (w: number) => {
  const { x, y } = exercises.lesson03Data;
  return x.reduce((s, xi, i) => s + 0.5 * (1 / (1 + Math.exp(-w * xi)) - y[i]) ** 2, 0) / x.length;
};

/** Each exercise: how the notebook's right answer is checked, and values that would give that answer away. */
const passes: [exercise: string, run: () => void, answerValues: string[]][] = [
  ["01 unroll", () => exercises.checkUnroll((images: Images) => images.reshape([images.shape[0], -1]).T), []],
  ["01 labelRow", () => exercises.checkLabelRow((labels) => row(labels)), []],
  ["01 featureCount", () => exercises.checkFeatureCount((h, w) => h * w * 3), ["12288", "24000"]],
  ["02 sigmoid", () => exercises.checkSigmoid((z) => z.neg().exp().add(1).pow(-1)), ["0.731", "0.88", "0.95"]],
  ["02 predictProba", () => exercises.checkPredictProba(sig), []],
  ["02 boundaryFor", () => exercises.checkBoundary((s, i) => ({ w: column([-s, 1]), b: -i })), ["w = ", "b = "]],
  [
    "03 loss",
    () => exercises.checkCrossEntropyLoss((a, y) => -(y * Math.log(a) + (1 - y) * Math.log(1 - a))),
    ["0.105", "2.30"],
  ],
  [
    "03 cost",
    () =>
      exercises.checkCost(
        (A: Row, Y: Row) =>
          A.log()
            .mul(Y)
            .add(sub(1, A).log().mul(sub(1, Y)))
            .mean() * -1,
      ),
    [],
  ],
  [
    "03 findBendDown",
    () =>
      exercises.checkNonConvexPoint((J) => {
        const ws = linspace(-10, 10, 201).toArray() as number[];
        return ws.find((w, i) => i > 0 && J(w) > J(ws[i - 1]) && J(w) > J(ws[i + 1])) ?? NaN;
      }),
    ["-2.1", "-2"],
  ],
  ["04 update", () => exercises.checkUpdateRule((w, dw, a) => w - a * dw), ["1.95"]],
  [
    "04 descend",
    () =>
      exercises.checkGradientDescent1D((w0, alpha, steps) => {
        const { x, y } = exercises.lesson04Data;
        const path = [w0];
        for (let i = 0; i < steps; i++)
          path.push(
            path[i] - alpha * propagate(column([path[i]]), 0, row([...x]) as never, row([...y])).grads.dw.item(),
          );
        return path;
      }),
    ["0.861", "0.86"],
  ],
  ["04 learning rate", () => exercises.checkLearningRate(() => 1), ["α = 1", "0.458", "0.459"]],
  [
    "05 lecture graph",
    () =>
      exercises.checkLectureGraph(() => {
        const J = new Value(5, "a").add(new Value(3, "b").mul(new Value(2, "c"), "u"), "v").mul(3, "J");
        J.backward();
        return J;
      }),
    ["33", "= 3", "= 9"],
  ],
  [
    "05 chain rule",
    () => exercises.checkChainRule({ dJdv: 14, dJdu: 14, dJda: 42, dJdb: 28, dJdc: 14 }),
    ["14", "42", "28"],
  ],
  ["05 nudge", () => exercises.checkNudgeDerivative((f, x, h) => (f(x + h) - f(x)) / h), ["0.003", "= 3", "12"]],
  [
    "06 one example",
    () =>
      exercises.checkOneExampleGradients((x1, x2, w1, w2, b, y) => {
        const dz = 1 / (1 + Math.exp(-(w1 * x1 + w2 * x2 + b))) - y;
        return { dz, dw1: x1 * dz, dw2: x2 * dz, db: dz };
      }),
    [],
  ],
  [
    "06 propagate",
    () =>
      exercises.checkPropagate((w, b, X, Y) => {
        const r = propagate(w, b, X, Y);
        return { dw: r.grads.dw, db: r.grads.db, cost: r.cost };
      }),
    ["0.9999", "1.9998", "0.4999", "6.000"],
  ],
  ["07 predict", () => exercises.checkPredict((w, b, X) => sig(w, b, X).gt(0.5)), ["[1", "[0"]],
  ["07 accuracy", () => exercises.checkAccuracy((p: Row, Y: Row) => p.eq(Y).mean() * 100), ["75", "60", "100"]],
  [
    "08 broadcastShape",
    () =>
      exercises.checkBroadcastShape((a, b) => {
        const out: number[] = [];
        for (let k = 1; k <= Math.max(a.length, b.length); k++) {
          const [da, db] = [a[a.length - k] ?? 1, b[b.length - k] ?? 1];
          if (da !== db && da !== 1 && db !== 1) return null;
          out.unshift(Math.max(da, db));
        }
        return out;
      }),
    [],
  ],
  [
    "08 normalizeRows",
    () => exercises.checkNormalizeRows((x: Matrix) => x.div((x.mul(x).sum(1, true) as NDArray).sqrt()) as Matrix),
    ["0.6", "0.8", "0.137"],
  ],
];

test("the lesson-03 reference cost used above is the notebook's (the hump is where the check looks)", () => {
  assert.ok(
    costSE(-2.1) > costSE(-3) && costSE(-2.1) > costSE(-1),
    "the b = 0 squared-error cost has its hump near w = -2",
  );
});

for (const [exercise, run, answerValues] of passes) {
  test(`exercise ${exercise}: a right answer prints one short pass line that gives no answer away`, () => {
    const line = printed(run);
    assert.match(line, /^✔ pass — /, line);
    assert.ok(line.length <= MAX_LINE, `${line.length} characters (at most ${MAX_LINE}): ${line}`);
    assert.doesNotMatch(line, /\d\.\d/, `a pass line prints no decimal number: ${line}`);
    for (const value of answerValues)
      assert.ok(!line.includes(value), `the pass line shows "${value}", part of the answer: ${line}`);
  });
}

test("every self-check of every lesson is covered above", () => {
  const checks = Object.keys(exercises).filter((name) => /^check[A-Z]/.test(name));
  assert.equal(checks.length, passes.length, `checks: ${checks.join(", ")}`);
});
