/**
 * The fused kernel path of optimize (src/kernels createFusedLinearStep) and the plain reference path
 * must train the same model: parameters, gradients and costs agree to 1e-12 relative after 50 iterations.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { seededRandom, optimize, fromFloat64Array } from "../src";
import type { Column, Matrix, Row } from "../src";

function relativeError(a: Float64Array | number[], b: Float64Array | number[]): number {
  let err = 0,
    scale = 0;
  for (let i = 0; i < a.length; i++) {
    err = Math.max(err, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return err / scale;
}

// Small, and large enough (n*m >= 2^17) for the kernel to split the rows with its helper thread.
for (const [seed, n, m] of [
  [21, 7, 13],
  [22, 64, 300],
  [23, 700, 209],
] as const) {
  test(`fused and plain paths agree to 1e-12 after 50 iterations (${n}x${m})`, (t) => {
    const rng = seededRandom(seed);
    const X = rng.uniform([n, m]) as Matrix;
    const Y = rng.integers(0, 2, [1, m]) as Row;
    const w = rng.normal([n, 1], 0, 0.01) as Column;
    const options = { numIterations: 50, learningRate: 0.01, recordEvery: 1 };
    const plain = optimize(w, 0.2, X, Y, { ...options, kernel: "plain" });
    const fused = optimize(w, 0.2, X, Y, { ...options, kernel: "fused" });
    assert.equal(plain.kernel, "plain");
    assert.equal(fused.kernel, "fused");
    const errors = {
      w: relativeError(fused.params.w.toFloat64Array(), plain.params.w.toFloat64Array()),
      b: relativeError([fused.params.b], [plain.params.b]),
      dw: relativeError(fused.grads.dw.toFloat64Array(), plain.grads.dw.toFloat64Array()),
      db: relativeError([fused.grads.db], [plain.grads.db]),
      costs: relativeError(fused.costs, plain.costs),
    };
    t.diagnostic(JSON.stringify(errors));
    for (const [what, e] of Object.entries(errors)) assert.ok(e <= 1e-12, `${what}: relative difference ${e}`);
    assert.ok(plain.costs[49] < plain.costs[0]);
  });
}

test("the fused path hands onStep the same (iteration, cost, params) as the plain path", () => {
  const rng = seededRandom(24);
  const X = rng.normal([6, 20]) as Matrix;
  const Y = fromFloat64Array(
    Float64Array.from({ length: 20 }, (_, j) => j % 2),
    [1, 20],
  ) as Row;
  const w = rng.normal([6, 1]) as Column;
  const record = (kernel: "plain" | "fused") => {
    const seen: number[][] = [];
    optimize(w, 0, X, Y, {
      numIterations: 5,
      learningRate: 0.1,
      kernel,
      onStep: (i, c, p) => seen.push([i, c, p.b, ...p.w.toFloat64Array()]),
    });
    return seen;
  };
  const a = record("plain"),
    b = record("fused");
  assert.equal(a.length, 5);
  a.forEach((row, k) => assert.ok(relativeError(b[k], row) <= 1e-13, `step ${k}: ${b[k]} vs ${row}`));
});

test("non-contiguous inputs (a transposed view of X) train the same model on both paths", () => {
  const rng = seededRandom(25);
  const examplesByFeatures = rng.normal([30, 8]); // (m, n): its transpose is a strided (n, m) view
  const X = examplesByFeatures.T as Matrix;
  const Xcopy = X.copy() as Matrix;
  const Y = rng.integers(0, 2, [1, 30]) as Row;
  const w = rng.normal([8, 1], 0, 0.1) as Column;
  const options = { numIterations: 40, learningRate: 0.05 };
  const reference = optimize(w, 0, Xcopy, Y, { ...options, kernel: "plain" });
  for (const kernel of ["plain", "fused"] as const) {
    const r = optimize(w, 0, X, Y, { ...options, kernel });
    const e = relativeError(r.params.w.toFloat64Array(), reference.params.w.toFloat64Array());
    assert.ok(e <= 1e-12, `${kernel}: w differs by ${e}`);
  }
});
