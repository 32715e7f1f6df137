/** Per-example losses and the cost. */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  array,
  row,
  sigmoid,
  squaredErrorLoss,
  crossEntropyLoss,
  crossEntropyLossFromLogits,
  cost,
  CROSS_ENTROPY_EPSILON,
} from "../src";

test("squared error is 1/2 (yhat - y)^2, element-wise", () => {
  assert.ok(Math.abs(squaredErrorLoss(0.8, 1) - 0.02) < 1e-16);
  assert.deepEqual(squaredErrorLoss(row([0, 1, 0.5]), row([1, 1, 0])).toArray(), [[0.5, 0, 0.125]]);
});

test("cross-entropy: -(y log yhat + (1-y) log(1-yhat))", () => {
  assert.ok(Math.abs(crossEntropyLoss(0.8, 1) + Math.log(0.8)) < 1e-15);
  assert.ok(Math.abs(crossEntropyLoss(0.8, 0) + Math.log(0.2)) < 1e-15);
  const L = crossEntropyLoss(row([0.9, 0.2]), row([1, 0])).toArray() as number[][];
  assert.ok(Math.abs(L[0][0] + Math.log(0.9)) < 1e-15 && Math.abs(L[0][1] + Math.log(0.8)) < 1e-15);
});

test("cross-entropy is finite at yhat = 0 or 1 (clipped at 1e-15), zero when right", () => {
  const worst = -Math.log(CROSS_ENTROPY_EPSILON);
  for (const [p, y] of [
    [0, 1],
    [1, 0],
  ]) {
    const L = crossEntropyLoss(p, y);
    assert.ok(Number.isFinite(L), `L(${p}, ${y}) = ${L}`);
    assert.ok(Math.abs(L - worst) < 1e-3, `L(${p}, ${y}) = ${L}, expected about ${worst}`);
  }
  for (const [p, y] of [
    [1, 1],
    [0, 0],
  ])
    assert.ok(crossEntropyLoss(p, y) < 1e-14, `L(${p}, ${y})`);
  const arr = crossEntropyLoss(row([0, 1, 0, 1]), row([1, 0, 0, 1])).toFloat64Array();
  assert.ok(arr.every(Number.isFinite));
});

test("the logits form equals the probability form where both are exact, and is finite everywhere", () => {
  const z = array([-3, -0.5, 0, 0.7, 4]);
  const y = array([1, 0, 1, 1, 0]);
  const a = crossEntropyLossFromLogits(z, y).toFloat64Array();
  const b = crossEntropyLoss(sigmoid(z), y).toFloat64Array();
  a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) < 1e-14 * Math.max(1, b[i]), `${v} vs ${b[i]}`));
  assert.equal(crossEntropyLossFromLogits(1000, 0), 1000);
  assert.equal(crossEntropyLossFromLogits(-1000, 1), 1000);
  assert.equal(crossEntropyLossFromLogits(1000, 1), 0);
  assert.ok(Math.abs(crossEntropyLossFromLogits(0, 1) - Math.LN2) < 1e-16);
});

test("cost is the mean of the losses", () => {
  assert.equal(cost([1, 2, 3, 6]), 3);
  assert.equal(cost(row([0.5, 1.5])), 1);
  const L = crossEntropyLoss(row([0.9, 0.2, 0.6]), row([1, 0, 1]));
  assert.ok(Math.abs(cost(L) - -(Math.log(0.9) + Math.log(0.8) + Math.log(0.6)) / 3) < 1e-15);
});
