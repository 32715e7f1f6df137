// The fast matrix-vector kernels on the shapes where their loops have edges: leftover rows after the eight runs of
// `X dZ^T` (and after its blocks), odd reduction lengths, odd column counts of `w^T X`, tiny and huge
// sizes. Every result must equal the plain loop bit for bit, and must not depend on the number of threads.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as path from "node:path";
import ndarray from "ndarray";
import { NDArray, matmul } from "../src";
import { fastMatmul, kernelRuntime } from "../src/kernels";
import { rng } from "./fixtures/rng";
import { NEEDS_HELPER, helperReady } from "./fixtures/threads";

type View = ndarray.NdArray<Float64Array>;

/** Values spanning many magnitudes and both signs, so any change of summation order shows in the bits. */
function wild(rand: () => number, count: number, out = new Float64Array(count)): Float64Array {
  for (let i = 0; i < count; i++) out[i] = (rand() < 0.5 ? -1 : 1) * Math.exp((rand() - 0.5) * 30);
  return out;
}

/** The plain i-p-j loop of src/ndarray/linalg.ts (row-major operands). */
function plainMatmul(A: View, B: View): Float64Array {
  const [m, k] = A.shape,
    n = B.shape[1];
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let p = 0; p < k; p++) {
      const aip = A.data[A.offset + i * A.stride[0] + p * A.stride[1]];
      for (let j = 0; j < n; j++) out[i * n + j] += aip * B.data[B.offset + p * B.stride[0] + j * B.stride[1]];
    }
  return out;
}

function sameBits(actual: Float64Array, expected: Float64Array, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++)
    if (!Object.is(actual[i], expected[i]))
      assert.fail(`${what}: element ${i} is ${actual[i]}, plain loop gives ${expected[i]}`);
}

/** A row-major (rows, cols) array of wild values, in the kernels' shared heap when `inHeap` (used in place there). */
function matrix(rand: () => number, rows: number, cols: number, inHeap: boolean): View {
  const rt = kernelRuntime()!;
  const at = inHeap ? rt.alloc(rows * cols) : -1; // before reading the buffer: allocating may grow the memory
  const data = inHeap ? new Float64Array(rt.memory.buffer, at, rows * cols) : new Float64Array(rows * cols);
  return ndarray(wild(rand, rows * cols, data), [rows, cols]);
}

// (m, k) of X dZ^T: m around multiples of 8 (the eight runs) and of the blocks the threads claim, k odd and even.
const COLUMN_CASES: [number, number][] = [
  [16, 2048],
  [17, 2049],
  [23, 1999],
  [63, 521],
  [640, 209],
  [1279, 208],
  [1285, 209],
  [3001, 87],
  [5003, 209],
  [2051, 1001],
  [40001, 3],
  [70001, 1],
];
// (k, n) of w^T X: n odd and even, below and above a pair of columns, k around multiples of 4 (rows per pass).
const ROW_CASES: [number, number][] = [
  [2048, 16],
  [2049, 17],
  [20001, 2],
  [12003, 3],
  [1287, 209],
  [1285, 208],
  [9, 30001],
  [2, 40000],
];

function runCases(seed: number, inHeap: boolean): Float64Array[] {
  const rand = rng(seed);
  const results: Float64Array[] = [];
  for (const [m, k] of COLUMN_CASES) {
    const X = matrix(rand, m, k, inHeap),
      v = ndarray(wild(rand, k), [k, 1]);
    const fast = fastMatmul(X, v);
    assert.ok(fast, `fast path not taken for (${m},${k}) @ (${k},1)`);
    sameBits(fast, plainMatmul(X, v), `(${m},${k}) @ (${k},1), in heap: ${inHeap}`);
    results.push(fast);
  }
  for (const [k, n] of ROW_CASES) {
    const X = matrix(rand, k, n, inHeap),
      r = ndarray(wild(rand, k), [1, k]);
    const fast = fastMatmul(r, X);
    assert.ok(fast, `fast path not taken for (1,${k}) @ (${k},${n})`);
    sameBits(fast, plainMatmul(r, X), `(1,${k}) @ (${k},${n}), in heap: ${inHeap}`);
    results.push(fast);
  }
  return results;
}

/** A digest of every result's bits: compared between processes with different thread counts. */
function digest(results: Float64Array[]): string {
  const hash = createHash("sha256");
  for (const r of results) hash.update(new Uint8Array(r.buffer, r.byteOffset, r.byteLength));
  return hash.digest("hex");
}

/** Set (to a seed) in the one-thread child process: it prints the thread count and the digest, and runs no test. */
const DIGEST_ONLY = "KERNELS_TEST_DIGEST_SEED";

if (process.env[DIGEST_ONLY]) {
  void kernelRuntime()!
    .whenWorkerReady(2000)
    .then((ready) =>
      console.log(`threads ${ready ? 2 : 1} ${digest(runCases(Number(process.env[DIGEST_ONLY]), true))}`),
    );
} else {
  test("odd shapes: X dZ^T and w^T X equal the plain loop bit for bit (streamed and in the heap)", async () => {
    await helperReady();
    runCases(21, false);
    runCases(22, true);
  });

  test("a 1x1 product and products too small for the kernels go through matmul unchanged", () => {
    const one = matmul(
      new NDArray(ndarray(new Float64Array([3]), [1, 1])) as NDArray<[number, number]>,
      new NDArray(ndarray(new Float64Array([-0.5]), [1, 1])) as NDArray<[number, number]>,
    );
    assert.deepEqual(Array.from(one.storage.data), [-1.5]);
    const rand = rng(23);
    const a = ndarray(wild(rand, 7), [1, 7]),
      b = ndarray(wild(rand, 7 * 5), [7, 5]);
    assert.equal(fastMatmul(a, b), null);
    const viaMatmul = matmul(new NDArray(a) as NDArray<[number, number]>, new NDArray(b) as NDArray<[number, number]>)
      .storage.data;
    sameBits(viaMatmul, plainMatmul(a, b), "(1,7) @ (7,5)");
  });

  test("the results are the same bits with one thread (DLNOTES_THREADS=1) as with two", NEEDS_HELPER, async () => {
    assert.equal(await kernelRuntime()!.whenWorkerReady(), true, "the helper worker did not start");
    const twoThreads = digest(runCases(24, true));
    // This file again, in a process with one thread, printing its digest instead of running the tests.
    const oneThread = spawnSync(process.execPath, ["--import", "tsx", __filename], {
      cwd: path.resolve(__dirname, ".."),
      encoding: "utf8",
      env: { ...process.env, DLNOTES_THREADS: "1", [DIGEST_ONLY]: "24" },
      timeout: 120_000,
    });
    assert.equal(oneThread.status, 0, oneThread.stderr);
    assert.equal(oneThread.stdout.trim(), `threads 1 ${twoThreads}`);
  });
}
