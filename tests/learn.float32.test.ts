/**
 * The float32 opt-in (`asFloat32`, `preprocessImages(..., { dtype: "float32" })`): training on the course's
 * data gives costs within 1e-5 of float64 training (and of numpy training in float32) and the same
 * predictions; the float32 products agree with a plain float32 reference on odd shapes; the numbers do not
 * depend on the number of threads; bad input gets one clear error.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { inspect } from "node:util";
import {
  Float32Matrix,
  ShapeError,
  ValueError,
  array,
  asFloat32,
  fromFloat64Array,
  loadImageDataset,
  matmul,
  model,
  optimize,
  predict,
  preprocessImages,
  propagate,
  seededRandom,
  zeros,
} from "../src";
import type { Column, Matrix, Row } from "../src";
import { kernelRuntime } from "../src/kernels";
import { Float32Store } from "../src/kernels/fused32";
import { numpyPython } from "./fixtures/jupyter";

const root = path.resolve(__dirname, "..");
/** The accuracy the float32 path promises (TSDoc of asFloat32, docs/library.md). */
const COST_TOLERANCE = 1e-5;

const COURSE = { numIterations: 2000, learningRate: 0.005, recordEvery: 100 };

const NUMPY_FLOAT32 = String.raw`
import json, sys
import numpy as np
p = json.load(sys.stdin)
n, m = p["n"], p["m"]
X = np.fromfile(p["X"]).reshape(n, m).astype(np.float32)
Y = np.fromfile(p["Y"]).reshape(1, m).astype(np.float32)
w = np.zeros((n, 1), dtype=np.float32); b = np.float32(0); lr = np.float32(p["lr"]); costs = []
for i in range(p["iterations"]):
    A = 1 / (1 + np.exp(-(w.T @ X + b)))
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dZ = A - Y
    w = w - lr * (X @ dZ.T / m)
    b = b - lr * (np.sum(dZ) / m)
    if i % p["every"] == 0: costs.append(float(cost))
print(json.dumps({"costs": costs, "dtype": str(w.dtype)}))
`;

/** Trains the course's model on X (12288, 209) with numpy in float32 (X, w, b, A all float32). */
function numpyFloat32Costs(X: Matrix, Y: Row): number[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dlnotes-f32-"));
  try {
    const file = (name: string, data: Float64Array) => {
      const at = path.join(dir, name);
      fs.writeFileSync(at, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      return at;
    };
    const [n, m] = X.shape;
    const input = JSON.stringify({
      n,
      m,
      X: file("X.f64", X.toFloat64Array()),
      Y: file("Y.f64", Y.toFloat64Array()),
      lr: COURSE.learningRate,
      iterations: COURSE.numIterations,
      every: COURSE.recordEvery,
    });
    const out = JSON.parse(execFileSync(numpyPython(), ["-c", NUMPY_FLOAT32], { input, encoding: "utf8" }));
    assert.equal(out.dtype, "float32", "numpy trained in float32");
    return out.costs;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

test("the course's training in float32: costs within 1e-5 of float64 and of numpy float32, same predictions", async (t) => {
  await kernelRuntime()?.whenWorkerReady();
  const data = loadImageDataset();
  const X = preprocessImages(data.trainX);
  const X32 = preprocessImages(data.trainX, { dtype: "float32" });
  const XTest32 = preprocessImages(data.testX, { dtype: "float32" });
  assert.ok(X32 instanceof Float32Matrix);
  assert.deepEqual(X32.shape, [12288, 209]);
  const w0 = () => zeros([12288, 1]) as Column;
  const f64 = optimize(w0(), 0, X, data.trainY, COURSE);
  const f32 = optimize(w0(), 0, X32, data.trainY, COURSE);
  assert.equal(f64.dtype, "float64");
  assert.equal(f32.dtype, "float32");
  assert.equal(f32.kernel, "fused");
  assert.equal(f32.costs.length, 20);
  assert.ok(Math.abs(f32.costs[0] - Math.log(2)) < 1e-12, `cost at iteration 0 is ln 2, got ${f32.costs[0]}`);
  assert.ok(f32.costs[19] < 0.5 * f32.costs[0], "the cost falls");
  const vsFloat64 = maxAbsDiff(f32.costs, f64.costs);
  const numpy = numpyFloat32Costs(X, data.trainY);
  const vsNumpy = maxAbsDiff(f32.costs, numpy);
  t.diagnostic(`max |cost32 - cost64| = ${vsFloat64}; max |cost32 - numpy float32| = ${vsNumpy}`);
  assert.ok(vsFloat64 <= COST_TOLERANCE, `float32 vs float64 costs differ by ${vsFloat64}`);
  assert.ok(vsNumpy <= COST_TOLERANCE, `float32 vs numpy float32 costs differ by ${vsNumpy}`);
  // The float32 path really is float32: not bit-identical to float64.
  assert.notDeepEqual(f32.costs, f64.costs);

  const XTest = preprocessImages(data.testX);
  for (const [name, a, b] of [
    ["train", predict(f64.params.w, f64.params.b, X), predict(f32.params.w, f32.params.b, X32)],
    ["test", predict(f64.params.w, f64.params.b, XTest), predict(f32.params.w, f32.params.b, XTest32)],
  ] as const) {
    assert.deepEqual(Array.from(b.toFloat64Array()), Array.from(a.toFloat64Array()), `${name} predictions`);
  }

  // The unfused float32 loop (two products per step) trains the same model to float32 rounding.
  const plain = optimize(w0(), 0, X32, data.trainY, {
    ...COURSE,
    numIterations: 100,
    recordEvery: 10,
    kernel: "plain",
  });
  const fused = optimize(w0(), 0, X32, data.trainY, { ...COURSE, numIterations: 100, recordEvery: 10 });
  assert.equal(plain.dtype, "float32");
  assert.ok(
    maxAbsDiff(plain.costs, fused.costs) <= 1e-6,
    `plain vs fused float32: ${maxAbsDiff(plain.costs, fused.costs)}`,
  );

  // model takes float32 for both sets and predicts what float64 predicts.
  const d64 = model(X, data.trainY, XTest, data.testY, { numIterations: 100, learningRate: 0.005, recordEvery: 10 });
  const d32 = model(X32, data.trainY, XTest32, data.testY, {
    numIterations: 100,
    learningRate: 0.005,
    recordEvery: 10,
  });
  assert.equal(d32.trainAccuracy, d64.trainAccuracy);
  assert.equal(d32.testAccuracy, d64.testAccuracy);
  assert.ok(maxAbsDiff(d32.costs, d64.costs) <= COST_TOLERANCE);
  X32.dispose();
  XTest32.dispose();
});

test("preprocessImages with dtype float32 gives asFloat32 of the float64 result; other dtypes are refused", () => {
  const { testX } = loadImageDataset();
  const a = preprocessImages(testX, { dtype: "float32" }).toFloat64().toFloat64Array();
  const b = asFloat32(preprocessImages(testX)).toFloat64().toFloat64Array();
  assert.deepEqual(a, b);
  const X = preprocessImages(testX, { dtype: "float64" }).toFloat64Array();
  for (let k = 0; k < X.length; k += 997) assert.equal(a[k], Math.fround(X[k]));
  assert.throws(
    () => preprocessImages(testX, { dtype: "float16" as "float32" }),
    (e: Error) => e instanceof ValueError && /dtype must be "float64" or "float32", got "float16"/.test(e.message),
  );
});

/** Plain float32 reference: products of the float32 values summed exactly enough (float64), and the scale of the sum. */
function reference(x32: Float32Array, n: number, m: number, w: Float64Array, v: Float64Array) {
  const z = new Float64Array(m),
    zScale = new Float64Array(m),
    d = new Float64Array(n),
    dScale = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const wi = Math.fround(w[i]);
    for (let j = 0; j < m; j++) {
      const x = x32[i * m + j];
      z[j] += wi * x;
      zScale[j] += Math.abs(wi * x);
      const t = x * Math.fround(v[j]);
      d[i] += t;
      dScale[i] += Math.abs(t);
    }
  }
  return { z, zScale, d, dScale };
}

// 1x1, odd n, odd m, n below a block and below the four-row group, m not a multiple of 4, and big enough
// (n*m >= 2^17) for both threads with several blocks.
for (const [n, m] of [
  [1, 1],
  [1, 5],
  [7, 1],
  [3, 9],
  [5, 3],
  [13, 7],
  [9, 211],
  [31, 4],
  [700, 209],
  [1501, 97],
] as const) {
  test(`float32 products w^T X and X v against a plain float32 reference, (${n}, ${m})`, async () => {
    await kernelRuntime()?.whenWorkerReady();
    const rng = seededRandom(n * 1000 + m);
    const values = rng.uniform([n, m]).toFloat64Array();
    const w = rng.normal([n], 0, 0.1).toFloat64Array();
    const v = rng.normal([m]).toFloat64Array();
    const store = new Float32Store(values, n, m);
    try {
      const x32 = Float32Array.from(values);
      const ref = reference(x32, n, m, w, v);
      const z = store.rowTimes(w),
        d = store.timesVector(v);
      assert.equal(z.length, m);
      assert.equal(d.length, n);
      // float32 sums of at most a block of rows: a relative error far below 2e-6 of the sum of |terms|
      for (let j = 0; j < m; j++)
        assert.ok(Math.abs(z[j] - ref.z[j]) <= 2e-6 * ref.zScale[j], `z[${j}] = ${z[j]}, reference ${ref.z[j]}`);
      for (let i = 0; i < n; i++)
        assert.ok(Math.abs(d[i] - ref.d[i]) <= 2e-6 * ref.dScale[i], `d[${i}] = ${d[i]}, reference ${ref.d[i]}`);
      assert.deepEqual(store.toFloat64(), Float64Array.from(x32), "the stored values are float32 roundings");
    } finally {
      store.dispose();
    }
  });
}

test("propagate with a Float32Matrix agrees with float64 to float32 rounding", () => {
  const rng = seededRandom(5);
  const X = rng.uniform([300, 41]) as Matrix;
  const Y = rng.integers(0, 2, [1, 41]) as Row;
  const w = rng.normal([300, 1], 0, 0.05) as Column;
  const a = propagate(w, 0.3, X, Y);
  const b = propagate(w, 0.3, asFloat32(X), Y);
  assert.ok(Math.abs(a.cost - b.cost) <= 1e-6, `cost ${b.cost} vs ${a.cost}`);
  assert.ok(Math.abs(a.grads.db - b.grads.db) <= 1e-6);
  assert.ok(maxAbsDiff(a.grads.dw.toFloat64Array(), b.grads.dw.toFloat64Array()) <= 1e-6);
  assert.deepEqual(b.grads.dw.shape, [300, 1]);
});

/** Runs float32 training (and the two products) in a fresh process; returns its printed JSON line. */
function runWithThreads(threads: "1" | undefined): string {
  const script = `
    const { asFloat32, optimize, predict, seededRandom } = require("./src");
    const { kernelRuntime } = require("./src/kernels");
    kernelRuntime().whenWorkerReady(5000).then((ready) => {
      const rng = seededRandom(77);
      const X = rng.uniform([1501, 209]);
      const Y = rng.integers(0, 2, [1, 209]);
      const w = rng.normal([1501, 1], 0, 0.01);
      const X32 = asFloat32(X);
      const run = optimize(w, 0, X32, Y, { numIterations: 60, learningRate: 0.01, recordEvery: 1 });
      const plain = optimize(w, 0, X32, Y, { numIterations: 5, learningRate: 0.01, recordEvery: 1, kernel: "plain" });
      const p = predict(run.params.w, run.params.b, X32);
      console.log(JSON.stringify({ ready, costs: run.costs, w: Array.from(run.params.w.toFloat64Array()),
        dw: Array.from(run.grads.dw.toFloat64Array()), plain: plain.costs, p: Array.from(p.toFloat64Array()) }));
    });`;
  const env = { ...process.env };
  delete env.DLNOTES_THREADS;
  if (threads) env.DLNOTES_THREADS = threads;
  const run = spawnSync(process.execPath, ["--import", "tsx", "-e", script], {
    cwd: root,
    encoding: "utf8",
    timeout: 120_000,
    env,
  });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.trim();
}

test("float32 results are identical with DLNOTES_THREADS=1 and with the helper thread", () => {
  const one = JSON.parse(runWithThreads("1"));
  const two = JSON.parse(runWithThreads(undefined));
  assert.equal(one.ready, false, "DLNOTES_THREADS=1 runs on one thread");
  assert.equal(two.ready, true, "by default the helper thread runs (several blocks: 1501 x 212 float32 values)");
  for (const key of ["costs", "w", "dw", "plain", "p"]) assert.deepEqual(two[key], one[key], key);
});

test("without the WebAssembly kernels (no shared memory) a Float32Matrix trains and predicts the same model", () => {
  const script = `
    delete globalThis.SharedArrayBuffer; // as on a page without cross-origin isolation: no kernel runtime
    const { asFloat32, optimize, predict, seededRandom } = require("./src");
    const { kernelRuntime } = require("./src/kernels");
    const rng = seededRandom(78);
    const X = rng.uniform([301, 57]);
    const Y = rng.integers(0, 2, [1, 57]);
    const X32 = asFloat32(X);
    const run = optimize(rng.normal([301, 1], 0, 0.01), 0, X32, Y, { numIterations: 200, learningRate: 0.05, recordEvery: 10 });
    console.log(JSON.stringify({ runtime: kernelRuntime() !== null, costs: run.costs,
      p: Array.from(predict(run.params.w, run.params.b, X32).toFloat64Array()) }));`;
  const env = { ...process.env };
  delete env.DLNOTES_THREADS;
  const out = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: root, encoding: "utf8", env });
  assert.equal(out.status, 0, out.stderr);
  const plain = JSON.parse(out.stdout);
  assert.equal(plain.runtime, false, "the plain loops ran");
  const rng = seededRandom(78);
  const X = rng.uniform([301, 57]) as Matrix;
  const Y = rng.integers(0, 2, [1, 57]) as Row;
  const X32 = asFloat32(X);
  const w = rng.normal([301, 1], 0, 0.01) as Column;
  const run = optimize(w, 0, X32, Y, { numIterations: 200, learningRate: 0.05, recordEvery: 10 });
  assert.ok(kernelRuntime() !== null, "and here the kernels did");
  assert.ok(maxAbsDiff(plain.costs, run.costs) <= 1e-6, `costs differ by ${maxAbsDiff(plain.costs, run.costs)}`);
  assert.deepEqual(plain.p, Array.from(predict(run.params.w, run.params.b, X32).toFloat64Array()));
  X32.dispose();
});

test("bad input: a (n,) vector, NaN or Infinity in X, a value beyond float32, a disposed handle: one clear error", () => {
  const vector = array([1, 2, 3]);
  assert.throws(
    () => asFloat32(vector as unknown as Matrix),
    (e: Error) => e instanceof ShapeError && /asFloat32: X must be 2-D, got shape \(3,\); reshape/.test(e.message),
  );
  assert.throws(
    () => asFloat32([[1, 2]] as unknown as Matrix),
    (e: Error) => e instanceof TypeError && /asFloat32: X must be an NDArray/.test(e.message),
  );
  assert.throws(
    () =>
      asFloat32(
        array([
          [1, 2, 3],
          [4, NaN, 6],
        ]) as Matrix,
      ),
    (e: Error) =>
      e instanceof ValueError && e.message === "asFloat32: X contains NaN at [1, 1]; inputs must be finite numbers",
  );
  assert.throws(
    () => asFloat32(array([[1, -Infinity]]) as Matrix),
    (e: Error) => e instanceof ValueError && /X contains -Infinity at \[0, 1\]/.test(e.message),
  );
  assert.throws(
    () => asFloat32(array([[1], [1e39]]) as Matrix),
    (e: Error) => e instanceof ValueError && /X has 1e\+39 at \[1, 0\], beyond float32's range/.test(e.message),
  );
  assert.throws(
    () => asFloat32(zeros([3, 0]) as Matrix),
    (e: Error) => e instanceof ShapeError && /needs at least one row and one column/.test(e.message),
  );

  const X = array([
    [0.1, 0.2, 0.3],
    [0.4, 0.5, 0.6],
  ]) as Matrix;
  const Y = array([[1, 0, 1]]) as Row;
  const w = zeros([2, 1]) as Column;
  const X32 = asFloat32(X);
  assert.equal(asFloat32(X32), X32, "a Float32Matrix is returned as it is");
  assert.equal(String(X32), "Float32Matrix (2,3)");
  assert.equal(inspect(X32), "Float32Matrix (2,3)", "what tslab and console.log show");
  // Shapes: the same message as for float64.
  const badW = zeros([3, 1]) as Column;
  const message64 = (() => {
    try {
      propagate(badW, 0, X, Y);
    } catch (e) {
      return (e as Error).message;
    }
  })();
  assert.throws(
    () => propagate(badW, 0, X32, Y),
    (e: Error) => e instanceof ShapeError && e.message === message64,
  );
  assert.throws(
    () => predict(badW, 0, X32),
    (e: Error) => e instanceof ShapeError && /predict: shapes do not fit: w \(3,1\), X \(2,3\)/.test(e.message),
  );

  X32.dispose();
  X32.dispose(); // twice is fine
  assert.equal(X32.disposed, true);
  const disposed = /X is a Float32Matrix \(2,3\) that was disposed; make it again with asFloat32/;
  for (const [op, call] of [
    ["propagate", () => propagate(w, 0, X32, Y)],
    ["optimize", () => optimize(w, 0, X32, Y, { numIterations: 1, learningRate: 0.1 })],
    ["predict", () => predict(w, 0, X32)],
    ["asFloat32", () => asFloat32(X32)],
    ["toFloat64", () => X32.toFloat64()],
  ] as const) {
    assert.throws(
      call,
      (e: Error) => e instanceof ValueError && e.message.startsWith(`${op}: `) && disposed.test(e.message),
    );
  }
  assert.throws(
    () => model(X32, Y, X, Y),
    (e: Error) => e instanceof ValueError && /^model: X is a Float32Matrix \(2,3\) that was disposed/.test(e.message),
  );
});

test("the type checker keeps a Float32Matrix away from ordinary array operations", () => {
  const X32 = asFloat32(array([[1, 2]]) as Matrix);
  const typeErrors = () => {
    // @ts-expect-error a Float32Matrix is not an NDArray
    matmul(X32, X32);
    // @ts-expect-error it has no array methods
    X32.add(1);
    // @ts-expect-error nor can it be passed where a Matrix is required
    fromFloat64Array(X32, [1, 2]);
  };
  assert.equal(typeof typeErrors, "function"); // never called: the assertions above are the type checker's
  assert.ok(!("add" in X32));
  X32.dispose();
});
