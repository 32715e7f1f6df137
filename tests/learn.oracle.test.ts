/**
 * numpy oracle: the course's numpy code (run by the project environment's Python) trains logistic regression on the
 * same random data; after 500 iterations costs, w and b must agree to 1e-10 relative.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { numpyPython } from "./fixtures/jupyter";
import { execFileSync } from "node:child_process";
import { seededRandom, optimize, fromFloat64Array } from "../src";
import type { Column, Matrix, Row } from "../src";

const COURSE_NUMPY = String.raw`
import json, sys
import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -1 / m * np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dw = 1 / m * np.dot(X, (A - Y).T)
    db = 1 / m * np.sum(A - Y)
    return {"dw": dw, "db": db}, cost

def optimize(w, b, X, Y, num_iterations, learning_rate, record_every):
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        if i % record_every == 0:
            costs.append(float(cost))
    return w, b, costs

p = json.load(sys.stdin)
n, m = p["n"], p["m"]
X = np.array(p["X"], dtype=np.float64).reshape(n, m)
Y = np.array(p["Y"], dtype=np.float64).reshape(1, m)
w = np.array(p["w"], dtype=np.float64).reshape(n, 1)
w, b, costs = optimize(w, float(p["b"]), X, Y, p["iterations"], p["learningRate"], p["recordEvery"])
json.dump({"w": w.ravel().tolist(), "b": float(b), "costs": costs}, sys.stdout)
`;

/** max_i |a_i - b_i| / max_i |b_i|: the error relative to the size of the reference vector. */
function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let err = 0,
    scale = 0;
  for (let i = 0; i < a.length; i++) {
    err = Math.max(err, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return err / scale;
}

/** Random problem: X (n,m) normal, labels from a noisy linear rule, small random starting weights. */
function problem(seed: number, n: number, m: number) {
  const rng = seededRandom(seed);
  const X = rng.normal([n, m]) as Matrix;
  const truth = rng.normal([n, 1]) as Column;
  const z = truth.T.matmul(X).toFloat64Array();
  const y = z.map((v) => (v + rng.normal([1], 0, 1).item() > 0 ? 1 : 0));
  const Y = fromFloat64Array(y, [1, m]) as Row;
  const w = rng.normal([n, 1], 0, 0.01) as Column;
  return { X, Y, w, b: 0.1 };
}

const ITERATIONS = 500;

for (const [seed, n, m, learningRate] of [
  [11, 25, 120, 0.05],
  [12, 200, 40, 0.01],
] as const) {
  const { X, Y, w, b } = problem(seed, n, m);
  const payload = {
    n,
    m,
    X: Array.from(X.toFloat64Array()),
    Y: Array.from(Y.toFloat64Array()),
    w: Array.from(w.toFloat64Array()),
    b,
    iterations: ITERATIONS,
    learningRate,
    recordEvery: 1,
  };
  const out = execFileSync(numpyPython(), ["-c", COURSE_NUMPY], { input: JSON.stringify(payload), encoding: "utf8" });
  const numpy = JSON.parse(out) as { w: number[]; b: number; costs: number[] };

  for (const kernel of ["plain", "auto"] as const) {
    test(`numpy oracle (${n}x${m}, lr ${learningRate}, ${kernel}): costs, w, b agree to 1e-10 after ${ITERATIONS} iterations`, (t) => {
      const r = optimize(w, b, X, Y, { numIterations: ITERATIONS, learningRate, recordEvery: 1, kernel });
      assert.equal(r.diverged, null);
      assert.equal(r.costs.length, ITERATIONS);
      assert.ok(numpy.costs[ITERATIONS - 1] < 0.8 * numpy.costs[0], "the oracle's cost fell (the run is not trivial)");
      const errors = {
        costs: Math.max(...r.costs.map((c, i) => Math.abs(c - numpy.costs[i]) / Math.abs(numpy.costs[i]))),
        w: relativeError(r.params.w.toFloat64Array(), numpy.w),
        b: Math.abs(r.params.b - numpy.b) / Math.abs(numpy.b),
      };
      for (const [what, e] of Object.entries(errors))
        assert.ok(e <= 1e-10, `${what}: relative difference ${e} > 1e-10`);
      t.diagnostic(`${kernel}: relative differences ${JSON.stringify(errors)}`);
    });
  }
}
