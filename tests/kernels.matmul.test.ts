// The fast matmul path (WebAssembly SIMD, two threads) must give EXACTLY the plain loop's numbers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import ndarray from "ndarray";
import { NDArray, matmul } from "../src";
import { fastMatmul, kernelRuntime } from "../src/kernels";
import { rng } from "./fixtures/rng";
import { NEEDS_HELPER, envWithHelper } from "./fixtures/threads";

/** Values spanning many magnitudes and both signs, so any change of summation order shows in the bits. */
function wild(rand: () => number, count: number): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = (rand() < 0.5 ? -1 : 1) * Math.exp((rand() - 0.5) * 30);
  return out;
}

type View = ndarray.NdArray<Float64Array>;

/** The plain i-p-j loop of src/ndarray/linalg.ts, on strided views. */
function plainMatmul(A: View, B: View): Float64Array {
  const [m, k] = A.shape,
    n = B.shape[1];
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const aip = A.data[A.offset + i * A.stride[0] + p * A.stride[1]];
      let bj = B.offset + p * B.stride[0];
      for (let j = 0; j < n; j++, bj += B.stride[1]) out[i * n + j] += aip * B.data[bj];
    }
  }
  return out;
}

/** A (rows, cols) view over fresh random data in one of several layouts, including non-contiguous ones. */
function makeView(rand: () => number, rows: number, cols: number, layout: string): View {
  switch (layout) {
    case "contiguous":
      return ndarray(wild(rand, rows * cols), [rows, cols]);
    case "offset": // rows of a bigger array: contiguous, nonzero offset
      return ndarray(wild(rand, (rows + 3) * cols), [rows, cols], [cols, 1], 2 * cols);
    case "transposed": // column-major
      return ndarray(wild(rand, rows * cols), [rows, cols], [1, rows]);
    case "strided": // every other column of a wider array
      return ndarray(wild(rand, rows * cols * 2 + 1), [rows, cols], [2 * cols, 2], 1);
    default:
      throw new Error(layout);
  }
}

function assertSameBits(actual: Float64Array, expected: Float64Array, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i]))
      assert.fail(`${what}: element ${i} is ${actual[i]}, plain loop gives ${expected[i]}`);
  }
}

const LAYOUTS = ["contiguous", "offset", "transposed", "strided"];

/** A copy of `data` in the kernels' shared heap (where the fast path splits work between both threads). */
function inHeap(data: Float64Array): Float64Array {
  const rt = kernelRuntime()!;
  const at = rt.alloc(data.length);
  const view = new Float64Array(rt.memory.buffer, at, data.length);
  view.set(data);
  assert.equal(rt.addressOf(view), at);
  return view;
}

/** The same view with its data moved into the shared heap. */
function moveToHeap(v: View): View {
  return ndarray(inHeap(v.data), v.shape, v.stride, v.offset);
}

function randomCases(seed: number, count: number, bigInHeap = false): void {
  const rand = rng(seed);
  for (let c = 0; c < count; c++) {
    const k = 200 + Math.floor(rand() * 3000);
    const other = 17 + Math.floor(rand() * 250);
    const rowTimesMatrix = rand() < 0.5;
    const [bigRows, bigCols] = rowTimesMatrix ? [k, other] : [other, k];
    const made = makeView(rand, bigRows, bigCols, LAYOUTS[Math.floor(rand() * 4)]);
    const big = bigInHeap ? moveToHeap(made) : made;
    const vecLayout = LAYOUTS[Math.floor(rand() * 4)];
    const vec = rowTimesMatrix ? makeView(rand, 1, k, vecLayout) : makeView(rand, k, 1, vecLayout);
    const [A, B] = rowTimesMatrix ? [vec, big] : [big, vec];
    const expected = plainMatmul(A, B);
    const what = `case ${c}: (${A.shape}) @ (${B.shape}) big=${big.stride} vec=${vecLayout}`;
    assertSameBits(
      matmul(new NDArray(A) as NDArray<[number, number]>, new NDArray(B) as NDArray<[number, number]>).storage.data,
      expected,
      what,
    );
    const fast = fastMatmul(A, B);
    if (fast) assertSameBits(fast, expected, `${what} (fastMatmul)`);
  }
}

test("the WebAssembly kernels are built and load", () => {
  assert.ok(kernelRuntime(), "dist/kernels/kernels.wasm missing or not loadable: run `npm run build`");
});

test("matvec through matmul equals the plain loop bit for bit (main thread alone)", () => {
  randomCases(1, 40);
});

test("matvec equals the plain loop bit for bit with the helper worker", NEEDS_HELPER, async () => {
  assert.equal(await kernelRuntime()!.whenWorkerReady(), true, "the helper worker did not start");
  randomCases(2, 60);
});

test(
  "matvec with the big operand in the shared heap (split between both threads) stays exact",
  NEEDS_HELPER,
  async () => {
    assert.equal(await kernelRuntime()!.whenWorkerReady(), true, "the helper worker did not start");
    randomCases(8, 40, true);
  },
);

test("the course's shapes take the fast path and stay exact", async () => {
  await kernelRuntime()!.whenWorkerReady();
  const rand = rng(3);
  const X = ndarray(wild(rand, 12288 * 209), [12288, 209]);
  const wT = ndarray(wild(rand, 12288), [1, 12288], [1, 1]); // w.T of a (12288,1) column
  const dZT = ndarray(wild(rand, 209), [209, 1], [1, 209]); // dZ.T of a (1,209) row
  const XInHeap = moveToHeap(X);
  for (const [A, B] of [
    [wT, X],
    [X, dZT],
    [wT, XInHeap],
    [XInHeap, dZT],
  ]) {
    const fast = fastMatmul(A, B);
    assert.ok(fast, `fast path not taken for (${A.shape}) @ (${B.shape})`);
    assertSameBits(fast, plainMatmul(A, B), `(${A.shape}) @ (${B.shape})`);
  }
});

test("back-to-back jobs of both kinds, shared block by block between the threads, stay exact", async () => {
  // Many short jobs in a row exercise the hand-over: a worker that wakes up late for one job must never
  // take a block of the next one, and blocks the main thread takes over must give the same bits.
  await kernelRuntime()!.whenWorkerReady();
  const rand = rng(7);
  const X = ndarray(inHeap(wild(rand, 6000 * 90)), [6000, 90]);
  const r = ndarray(wild(rand, 6000), [1, 6000]);
  const c = ndarray(wild(rand, 90), [90, 1]);
  const expectedRow = plainMatmul(r, X),
    expectedCol = plainMatmul(X, c);
  for (let round = 0; round < 150; round++) {
    if (round % 3 === 2) assertSameBits(fastMatmul(r, X)!, expectedRow, `round ${round}: r @ X`);
    else assertSameBits(fastMatmul(X, c)!, expectedCol, `round ${round}: X @ c`);
  }
});

test("the bit-for-bit check can fail: another summation order changes the bits", () => {
  const rand = rng(4);
  const a = ndarray(wild(rand, 3000), [1, 3000]);
  const b = ndarray(wild(rand, 3000 * 20), [3000, 20]);
  const expected = plainMatmul(a, b);
  const reversed = plainMatmul(
    ndarray(a.data.slice().reverse(), [1, 3000]),
    ndarray(b.data.slice(), [3000, 20], [-20, 1], 2999 * 20),
  );
  assert.throws(() => assertSameBits(reversed, expected, "reversed order"), /plain loop gives/);
});

test("small, square and non-row-major products fall back to the plain loop", () => {
  const rand = rng(5);
  assert.equal(fastMatmul(ndarray(wild(rand, 6), [2, 3]), ndarray(wild(rand, 12), [3, 4])), null);
  assert.equal(
    fastMatmul(ndarray(wild(rand, 300 * 300), [300, 300]), ndarray(wild(rand, 300 * 300), [300, 300])),
    null,
  );
  const colMajor = ndarray(wild(rand, 4000 * 50), [4000, 50], [1, 4000]);
  assert.equal(fastMatmul(colMajor, ndarray(wild(rand, 50), [50, 1])), null);
});

test("NaN and infinities come out as in the plain loop", async () => {
  await kernelRuntime()!.whenWorkerReady();
  const rand = rng(6);
  const X = wild(rand, 4000 * 60);
  X[5] = NaN;
  X[61] = Infinity;
  X[122] = -Infinity;
  X[3000] = -0;
  const A = ndarray(X, [4000, 60]);
  const v = ndarray(wild(rand, 60), [60, 1]);
  assertSameBits(fastMatmul(A, v)!, plainMatmul(A, v), "X @ v with NaN/Inf");
  const r = ndarray(wild(rand, 4000), [1, 4000]);
  assertSameBits(fastMatmul(r, A)!, plainMatmul(r, A), "r @ X with NaN/Inf");
});

test("the helper worker never keeps a process alive", () => {
  const root = path.resolve(__dirname, "..");
  const script = `
    const ndarray = require("ndarray");
    const { fastMatmul, kernelRuntime } = require("./src/kernels");
    kernelRuntime().whenWorkerReady().then((ready) => {
      const X = ndarray(new Float64Array(20000 * 50).fill(1), [20000, 50]);
      const out = fastMatmul(X, ndarray(new Float64Array(50).fill(2), [50, 1]));
      console.log(ready, out[0]);
    });`;
  const run = spawnSync(process.execPath, ["--import", "tsx", "-e", script], {
    cwd: root,
    encoding: "utf8",
    env: envWithHelper(),
    timeout: 60_000,
  });
  assert.equal(run.signal, null, "process had to be killed: the worker kept it alive");
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), "true 100");
});
