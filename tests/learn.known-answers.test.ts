/** Known answers from the course (issue 5): sigmoid, propagate, optimize, plus predict/accuracy/model basics. */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  array,
  column,
  row,
  sigmoid,
  sigmoidDerivative,
  initializeWithZeros,
  propagate,
  optimize,
  predict,
  accuracy,
  model,
} from "../src";
import type { Matrix, Row } from "../src";

/** |actual - expected| <= tol * max(1, |expected|) for every entry (numbers or nested arrays). */
function close(actual: unknown, expected: unknown, tol: number, what = "value"): void {
  const a = [actual].flat(Infinity) as number[];
  const e = [expected].flat(Infinity) as number[];
  assert.equal(a.length, e.length, `${what}: ${a.length} entries, expected ${e.length}`);
  a.forEach((v, i) =>
    assert.ok(Math.abs(v - e[i]) <= tol * Math.max(1, Math.abs(e[i])), `${what}[${i}] = ${v}, expected ${e[i]}`),
  );
}

const w = column([1, 2]);
const b = 2;
const X = array([
  [1, 2],
  [3, 4],
]);
const Y = row([1, 0]);

test("sigmoid([1,2,3]) and its derivative match the course", () => {
  close(sigmoid(array([1, 2, 3])).toArray(), [0.73105858, 0.88079708, 0.95257413], 1e-8, "sigmoid");
  close(sigmoidDerivative(array([1, 2, 3])).toArray(), [0.19661193, 0.10499359, 0.04517666], 1e-8, "sigmoid'");
  assert.equal(sigmoid(0), 0.5);
  assert.equal(sigmoidDerivative(0), 0.25);
  assert.deepEqual(sigmoid(array([[0], [0]])).shape, [2, 1]);
});

test("sigmoid at +-1000 (and beyond) is finite, in [0, 1], and symmetric where representable", () => {
  for (const z of [1000, -1000, 1e308, -1e308, 745, -745, 40, -40]) {
    const s = sigmoid(z);
    assert.ok(Number.isFinite(s) && s >= 0 && s <= 1, `sigmoid(${z}) = ${s}`);
    assert.ok(Number.isFinite(sigmoidDerivative(z)), `sigmoid'(${z})`);
  }
  assert.equal(sigmoid(1000), 1);
  assert.equal(sigmoid(-1000), 0);
  // The stable branch keeps tiny probabilities that 1/(1+e^-z) would also give, and 1 - s(z) = s(-z).
  assert.ok(Math.abs(sigmoid(-700) / Math.exp(-700) - 1) < 1e-12, "sigmoid(-700) ~ e^-700");
  assert.ok(Math.abs(sigmoid(-30) - (1 - sigmoid(30))) < 1e-16);
  const arr = sigmoid(array([-1000, 1000])).toArray();
  assert.deepEqual(arr, [0, 1]);
});

test("propagate: dw, db and cost of the course example", () => {
  const { grads, cost } = propagate(w, b, X, Y);
  assert.deepEqual(grads.dw.shape, [2, 1]);
  close(grads.dw.toArray(), [[0.99993216], [1.99980262]], 1e-8, "dw");
  close(grads.db, 0.49993523062, 1e-10, "db");
  close(cost, 6.00006477319, 1e-11, "cost");
});

for (const kernel of ["plain", "auto"] as const) {
  test(`optimize (${kernel}): 100 iterations at learning rate 0.009 from the course example`, () => {
    const r = optimize(w, b, X, Y, { numIterations: 100, learningRate: 0.009, kernel });
    close(r.params.w.toArray(), [[0.1124579], [0.23106775]], 1e-7, "w");
    close(r.params.b, 1.55930492, 1e-8, "b");
    close(r.grads.dw.toArray(), [[0.90158428], [1.76250842]], 1e-8, "dw");
    close(r.grads.db, 0.430462071679, 1e-10, "db");
    close(r.costs, [6.000064773192205], 1e-11, "costs");
    assert.equal(r.diverged, null);
    assert.equal(r.iterationsRun, 100);
    if (kernel === "plain") assert.equal(r.kernel, "plain");
    // The caller's parameters are untouched.
    assert.deepEqual(w.toArray(), [[1], [2]]);
  });
}

test("optimize records the cost at iteration 0 and every recordEvery, and calls onStep with matching params", () => {
  const seen: [number, number, number][] = [];
  const r = optimize(w, b, X, Y, {
    numIterations: 25,
    learningRate: 0.1,
    recordEvery: 10,
    onStep: (i, cost, p) => seen.push([i, cost, propagate(p.w, p.b, X, Y).cost]),
  });
  assert.equal(r.costs.length, 3); // iterations 0, 10, 20
  assert.equal(seen.length, 25);
  seen.forEach(([i, cost, recomputed]) => close(cost, recomputed, 1e-13, `onStep cost at ${i}`));
  assert.deepEqual([seen[0][1], seen[10][1], seen[20][1]], r.costs);
  assert.ok(r.costs[2] < r.costs[1] && r.costs[1] < r.costs[0], "cost falls");
});

test("optimize with printCost prints the course's line for every recorded cost", (t) => {
  const lines: string[] = [];
  t.mock.method(console, "log", (s: string) => lines.push(s));
  optimize(w, b, X, Y, { numIterations: 201, learningRate: 0.009, printCost: true });
  assert.deepEqual(
    lines.map((l) => l.replace(/: .*/, "")),
    ["Cost after iteration 0", "Cost after iteration 100", "Cost after iteration 200"],
  );
  assert.equal(lines[0], "Cost after iteration 0: 6.000065");
});

test("optimize with numIterations = 0 returns the start and its gradients", () => {
  const r = optimize(w, b, X, Y, { numIterations: 0, learningRate: 0.1 });
  assert.deepEqual(r.costs, []);
  assert.deepEqual(r.params.w.toArray(), [[1], [2]]);
  assert.notEqual(r.params.w, w);
  close(r.grads.dw.toArray(), [[0.99993216], [1.99980262]], 1e-8, "dw");
});

test("initializeWithZeros gives a zero column and b = 0", () => {
  const p = initializeWithZeros(3);
  assert.deepEqual(p.w.shape, [3, 1]);
  assert.deepEqual(p.w.toArray(), [[0], [0], [0]]);
  assert.equal(p.b, 0);
});

test("predict thresholds at 0.5 (exactly 0.5 gives 0) and accuracy is in percent", () => {
  // The course's predict example.
  const wp = column([0.1124579, 0.23106775]);
  const Xp = array([
    [1, -1.1, -3.2],
    [1.2, 2, 0.1],
  ]);
  assert.deepEqual(predict(wp, -0.3, Xp).toArray(), [[1, 1, 0]]);
  assert.deepEqual(predict(column([0]), 0, array([[5, -5]])).toArray(), [[0, 0]]); // A = 0.5 exactly -> 0
  assert.equal(accuracy(row([1, 0, 1, 1]), row([1, 1, 1, 0])), 50);
  assert.equal(accuracy(row([1, 0, 1]), row([1, 0, 1])), 100);
  assert.ok(Math.abs(accuracy(row([1, 0, 0]), row([1, 0, 1])) - 200 / 3) < 1e-12);
});

test("model trains, predicts and reports the course's dictionary", () => {
  // Two features; label 1 when x0 + x1 > 1. Test set: other points of the same rule.
  const pts = (k: number, off: number) =>
    Array.from({ length: k }, (_, j) => [((j * 7 + off) % 11) / 10, ((j * 5 + 2 * off) % 13) / 12]);
  const make = (p: number[][]) => ({
    X: array([p.map((q) => q[0]), p.map((q) => q[1])]) as Matrix,
    Y: row(p.map((q) => (q[0] + q[1] > 1 ? 1 : 0))) as Row,
  });
  const train = make(pts(40, 0));
  const test_ = make(pts(15, 3));
  const d = model(train.X, train.Y, test_.X, test_.Y, { numIterations: 3000, learningRate: 2, recordEvery: 500 });
  assert.equal(d.costs.length, 6);
  assert.equal(d.numIterations, 3000);
  assert.equal(d.learningRate, 2);
  assert.deepEqual(d.w.shape, [2, 1]);
  assert.deepEqual(d.YPredictionTrain.shape, [1, 40]);
  assert.deepEqual(d.YPredictionTest.shape, [1, 15]);
  assert.ok(d.trainAccuracy >= 95, `train accuracy ${d.trainAccuracy}`);
  assert.ok(d.testAccuracy >= 80, `test accuracy ${d.testAccuracy}`);
  assert.equal(d.trainAccuracy, accuracy(predict(d.w, d.b, train.X), train.Y));
  assert.equal(d.diverged, null);
  assert.ok(d.costs[5] < d.costs[0]);
});
