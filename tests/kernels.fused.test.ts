// The fused gradient-descent kernel against a plain-JS reference of the same iteration.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as path from "node:path";
import { createFusedLinearStep, kernelRuntime } from "../src/kernels";
import { ShapeError, ValueError } from "../src";
import { rng } from "./fixtures/rng";
import { NEEDS_HELPER, helperReady } from "./fixtures/threads";

/** Set in the one-thread child process: it prints the thread count and a training's weights, and runs no test. */
const WEIGHTS_ONLY = "KERNELS_TEST_FUSED_WEIGHTS";
/** `test`, or `test.skip` in that child process (no test runs there, none spawns another child). */
const check = process.env[WEIGHTS_ONLY] ? test.skip : test;
/** {@link pinnedDigest} of the fused kernel (see the test that uses it). */
const PINNED_DIGEST = "058235e48ded1d1301df872038284df9a7663b42a63ede739f8f7b20af0b4063";

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Logistic regression trained the textbook way: two separate products per iteration. */
function referenceTraining(
  X: Float64Array,
  n: number,
  m: number,
  Y: Float64Array,
  w0: Float64Array,
  lr: number,
  iterations: number,
) {
  const w = w0.slice();
  let b = 0;
  const dw = new Float64Array(n);
  const zs: Float64Array[] = [];
  for (let it = 0; it < iterations; it++) {
    const z = new Float64Array(m);
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) z[j] += w[i] * X[i * m + j];
    zs.push(z);
    const dZ = z.map((zj, j) => sigmoid(zj + b) - Y[j]);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += X[i * m + j] * dZ[j];
      dw[i] = s / m;
    }
    b -= (lr * dZ.reduce((a, v) => a + v, 0)) / m;
    for (let i = 0; i < n; i++) w[i] -= lr * dw[i];
  }
  return { w, dw, zs };
}

/** The same training through the kernel: one fused pass per iteration. */
function kernelTraining(
  X: Float64Array,
  n: number,
  m: number,
  Y: Float64Array,
  w0: Float64Array,
  lr: number,
  iterations: number,
) {
  const k = createFusedLinearStep(X, n, m, w0);
  let b = 0;
  let z = k.z();
  const zs: Float64Array[] = [];
  for (let it = 0; it < iterations; it++) {
    zs.push(z);
    const dZ = z.map((zj, j) => sigmoid(zj + b) - Y[j]);
    b -= (lr * dZ.reduce((a, v) => a + v, 0)) / m;
    z = k.step(dZ, lr);
  }
  const result = { w: k.weights(), dw: k.gradient(), zs };
  k.dispose();
  return result;
}

function assertClose(actual: Float64Array, expected: Float64Array, rel: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  const scale = Math.max(...Array.from(expected, Math.abs));
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i] - expected[i]);
    if (!(err <= rel * Math.max(Math.abs(expected[i]), 1e-3 * scale))) {
      assert.fail(
        `${what}[${i}] = ${actual[i]}, reference ${expected[i]} (relative error ${err / Math.abs(expected[i])})`,
      );
    }
  }
}

function data(seed: number, n: number, m: number) {
  const rand = rng(seed);
  const X = new Float64Array(n * m).map(() => rand());
  const Y = new Float64Array(m).map(() => (rand() < 0.5 ? 0 : 1));
  const w0 = new Float64Array(n).map(() => (rand() - 0.5) * 0.01);
  return { X, Y, w0 };
}

for (const [n, m, iterations] of [
  [7, 5, 50],
  [64, 33, 40],
  [701, 209, 25],
] as const) {
  check(`fused step matches two-product training to 1e-12 (n=${n}, m=${m}, ${iterations} iterations)`, async () => {
    if (n * m > 100_000) await helperReady();
    const { X, Y, w0 } = data(n * 1000 + m, n, m);
    const ref = referenceTraining(X, n, m, Y, w0, 0.005, iterations);
    const got = kernelTraining(X, n, m, Y, w0, 0.005, iterations);
    for (let it = 0; it < iterations; it++) assertClose(got.zs[it], ref.zs[it], 1e-12, `z at iteration ${it}`);
    assertClose(got.w, ref.w, 1e-12, "w");
    assertClose(got.dw, ref.dw, 1e-12, "dw");
  });
}

// The kernel takes rows in groups of four (then a pair, then an odd last row) and column pairs four at a time (then one by one, then an
// odd last column): every remainder, and blocks of rows shared between the threads (n*m above 2^17).
for (const [n, m] of [
  [1, 1],
  [2, 1],
  [3, 2],
  [4, 3],
  [5, 9],
  [6, 10],
  [9, 11],
  [33, 1],
  [130, 7],
  [1001, 131],
] as const) {
  check(`fused step on odd shapes matches the reference to 1e-12 (n=${n}, m=${m})`, async () => {
    if (n * m > 100_000) await helperReady();
    const { X, Y, w0 } = data(n * 7 + m, n, m);
    const ref = referenceTraining(X, n, m, Y, w0, 0.05, 6);
    const got = kernelTraining(X, n, m, Y, w0, 0.05, 6);
    for (let it = 0; it < 6; it++) assertClose(got.zs[it], ref.zs[it], 1e-12, `z at iteration ${it}`);
    assertClose(got.w, ref.w, 1e-12, "w");
    assertClose(got.dw, ref.dw, 1e-12, "dw");
  });
}

/** A training on both threads' block split (n*m above 2^17), as text: every bit of w and the last z. */
function trainingBits(): string {
  const n = 1500,
    m = 209;
  const { X, Y, w0 } = data(31, n, m);
  const run = kernelTraining(X, n, m, Y, w0, 0.01, 4);
  return [...run.w, ...run.zs[run.zs.length - 1]].map((v) => v.toString()).join(",");
}

check("the same bits with one thread (DLNOTES_THREADS=1) as with two", NEEDS_HELPER, async () => {
  assert.equal(await kernelRuntime()!.whenWorkerReady(), true);
  const twoThreads = trainingBits();
  const child = spawnSync(process.execPath, ["--import", "tsx", __filename], {
    cwd: path.resolve(__dirname, ".."),
    encoding: "utf8",
    env: { ...process.env, DLNOTES_THREADS: "1", [WEIGHTS_ONLY]: "1" },
    timeout: 120_000,
  });
  assert.equal(child.status, 0, child.stderr);
  const line = child.stdout.split("\n").find((l) => l.startsWith("threads "));
  assert.equal(line, `threads 1 ${twoThreads}`);
});

/**
 * Every bit of short trainings over shapes that take each path of the kernel (groups of four rows, a pair, an odd
 * last row; column remainders; blocks shared by the threads), as one SHA-256. dZ is made with arithmetic only
 * (no Math.exp, whose last bit differs between engines), so the digest depends on the kernel's summation order
 * alone.
 */
function pinnedDigest(): string {
  const hash = createHash("sha256");
  for (const [n, m] of [
    [1, 1],
    [2, 3],
    [3, 7],
    [4, 8],
    [5, 9],
    [6, 17],
    [7, 209],
    [13, 65],
    [314, 209],
    [1003, 209],
  ] as const) {
    const { X, Y, w0 } = data(n * 31 + m, n, m);
    const k = createFusedLinearStep(X, n, m, w0);
    let z = k.z();
    const dZ = new Float64Array(m);
    for (let it = 0; it < 5; it++) {
      for (let j = 0; j < m; j++) dZ[j] = 0.25 * z[j] - Y[j];
      z = k.step(dZ, 0.05, z);
    }
    for (const values of [z, k.weights(), k.gradient()]) hash.update(new Uint8Array(values.buffer));
    k.dispose();
  }
  return hash.digest("hex");
}

check("the fused pass's numbers are those of the kernel it replaced, bit for bit", async () => {
  await helperReady();
  // Recorded with the pipelined pair kernel of commit 4f37a0b (the rows-in-groups-of-four kernel that replaced
  // it adds the same terms in the same order). A change of order changes this digest: if intended, say so in
  // docs/performance.md and check the lessons' outputs (costs within 1e-12 of numpy) before updating it.
  assert.equal(pinnedDigest(), PINNED_DIGEST);
});

check("the reference comparison can fail: a wrong learning rate is caught", () => {
  const { X, Y, w0 } = data(9, 20, 10);
  const ref = referenceTraining(X, 20, 10, Y, w0, 0.005, 10);
  const got = kernelTraining(X, 20, 10, Y, w0, 0.00500001, 10);
  assert.throws(() => assertClose(got.w, ref.w, 1e-12, "w"), /relative error/);
});

check("results do not depend on whether the helper worker took part", NEEDS_HELPER, async () => {
  const n = 800,
    m = 300;
  const { X, Y, w0 } = data(11, n, m);
  const before = kernelTraining(X, n, m, Y, w0, 0.01, 3); // may run before the worker is up
  assert.equal(await kernelRuntime()!.whenWorkerReady(), true);
  const after = kernelTraining(X, n, m, Y, w0, 0.01, 3);
  assert.deepEqual(after.w, before.w);
  assert.deepEqual(after.zs, before.zs);
});

check("z(), weights() and gradient() before any step; inputs are not modified", () => {
  const X = Float64Array.from([1, 2, 3, 4, 5, 6]); // (2, 3)
  const w = Float64Array.from([0.5, -1]);
  const k = createFusedLinearStep(X, 2, 3, w);
  assert.deepEqual(Array.from(k.z()), [0.5 - 4, 1 - 5, 1.5 - 6]);
  assert.deepEqual(Array.from(k.weights()), [0.5, -1]);
  assert.deepEqual(Array.from(k.gradient()), [0, 0]);
  const z = k.step(Float64Array.from([1, 0, -1]), 0.1); // dw = [(1-3)/3, (4-6)/3]
  assert.deepEqual(Array.from(k.gradient()), [-2 / 3, -2 / 3]);
  assert.deepEqual(Array.from(k.weights()), [0.5 + 0.2 / 3, -1 + 0.2 / 3]);
  assert.equal(z.length, 3);
  assert.deepEqual(Array.from(w), [0.5, -1]);
  assert.deepEqual(Array.from(X), [1, 2, 3, 4, 5, 6]);
  k.dispose();
  assert.throws(() => k.z(), /used after dispose/);
});

check("step(dZ, lr, out) writes the same z into out and allocates no new array", () => {
  const n = 40,
    m = 23;
  const { X, Y, w0 } = data(5, n, m);
  const fresh = createFusedLinearStep(X, n, m, w0);
  const reused = createFusedLinearStep(X, n, m, w0);
  let zFresh = fresh.z();
  let zReused = reused.z();
  const buffer = zReused;
  for (let it = 0; it < 5; it++) {
    const dZ = zFresh.map((zj, j) => sigmoid(zj) - Y[j]);
    zFresh = fresh.step(dZ, 0.01);
    zReused = reused.step(dZ, 0.01, zReused);
    assert.equal(zReused, buffer, "the result is the array passed as out");
    assert.deepEqual(zReused, zFresh);
  }
  assert.deepEqual(reused.weights(), fresh.weights());
  assert.throws(
    () => reused.step(new Float64Array(m), 0.01, new Float64Array(m + 1)),
    /out has shape \(24,\), expected \(23,\)/,
  );
  fresh.dispose();
  reused.dispose();
});

check("bad shapes and learning rates are errors that name the problem", () => {
  assert.throws(() => createFusedLinearStep(new Float64Array(5), 2, 3, new Float64Array(2)), ShapeError);
  assert.throws(
    () => createFusedLinearStep(new Float64Array(6), 2, 3, new Float64Array(3)),
    /w has shape \(3,\), expected \(2,\)/,
  );
  const k = createFusedLinearStep(new Float64Array(6), 2, 3, new Float64Array(2));
  assert.throws(() => k.step(new Float64Array(2), 0.1), /dZ has shape \(2,\), expected \(3,\)/);
  assert.throws(() => k.step(new Float64Array(3), NaN), ValueError);
  k.dispose();
});

if (process.env[WEIGHTS_ONLY]) {
  void kernelRuntime()!
    .whenWorkerReady(2000)
    .then((ready) => console.log(`threads ${ready ? 2 : 1} ${trainingBits()}`));
}
