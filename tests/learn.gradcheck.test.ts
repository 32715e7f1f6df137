/** Gradient checking: central differences agree with correct gradients and catch wrong ones. */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  seededRandom,
  gradientCheck,
  numericalGradient,
  logisticGradientCheck,
  propagate,
  paramsToVector,
  vectorToParams,
  relativeDifference,
} from "../src";
import type { Column, Matrix, Row } from "../src";

/** A random logistic-regression problem with n features, m examples and random (w, b). */
function randomProblem(seed: number, n: number, m: number) {
  const rng = seededRandom(seed);
  const X = rng.normal([n, m]) as Matrix;
  const Y = rng.integers(0, 2, [1, m]) as Row;
  const w = rng.normal([n, 1], 0, 0.5) as Column;
  const b = rng.normal([1], 0, 0.5).item();
  return { X, Y, w, b };
}

test("gradientCheck on a known function: tiny difference for the right gradient", () => {
  const f = (t: Float64Array) => t[0] ** 2 * t[1] + Math.sin(t[2]);
  const theta = Float64Array.of(1.5, -2, 0.3);
  const right = Float64Array.of(2 * 1.5 * -2, 1.5 ** 2, Math.cos(0.3));
  assert.ok(gradientCheck(f, theta, right) < 1e-8, `difference ${gradientCheck(f, theta, right)}`);
  assert.deepEqual(Array.from(theta), [1.5, -2, 0.3], "theta is not modified");
  const g = numericalGradient(f, theta);
  right.forEach((v, i) => assert.ok(Math.abs(g[i] - v) < 1e-7));
  assert.equal(relativeDifference(new Float64Array(2), new Float64Array(2)), 0);
});

test("logistic regression's propagate passes the gradient check on random problems", () => {
  for (const [seed, n, m] of [
    [1, 3, 10],
    [2, 8, 25],
    [3, 20, 7],
    [4, 1, 50],
  ]) {
    const { X, Y, w, b } = randomProblem(seed, n, m);
    const { difference, analytic, numeric } = logisticGradientCheck(w, b, X, Y);
    assert.equal(analytic.length, n + 1);
    assert.equal(numeric.length, n + 1);
    assert.ok(difference < 1e-7, `seed ${seed} (${n}x${m}): difference ${difference}`);
  }
});

test("the gradient check DOES detect a wrong gradient", () => {
  const { X, Y, w, b } = randomProblem(7, 5, 30);
  const J = (theta: Float64Array) => {
    const p = vectorToParams(theta);
    return propagate(p.w, p.b, X, Y).cost;
  };
  const theta = paramsToVector({ w, b });
  const { grads } = propagate(w, b, X, Y);
  const right = paramsToVector({ w: grads.dw, b: grads.db });
  assert.ok(gradientCheck(J, theta, right) < 1e-7);
  // Classic bugs: forgetting the 1/m, a sign error, a wrong db, one component off by 1 %.
  const m = X.shape[1];
  const wrongs: [string, Float64Array][] = [
    ["missing 1/m", right.map((v) => v * m)],
    ["sign error", right.map((v) => -v)],
    ["db = 0", Float64Array.from(right, (v, i) => (i === right.length - 1 ? 0 : v))],
    ["one entry 1 % off", Float64Array.from(right, (v, i) => (i === 2 ? v * 1.01 : v))],
  ];
  for (const [name, g] of wrongs) {
    const d = gradientCheck(J, theta, g);
    assert.ok(d > 1e-4, `${name}: difference ${d} should be large`);
  }
});

test("paramsToVector / vectorToParams round-trip (w first, then b)", () => {
  const { w, b } = randomProblem(9, 4, 2);
  const theta = paramsToVector({ w, b });
  assert.equal(theta[4], b);
  const back = vectorToParams(theta);
  assert.deepEqual(back.w.toArray(), w.toArray());
  assert.equal(back.b, b);
});
