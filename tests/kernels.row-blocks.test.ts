// propagate's z = w^T X by blocks of rows on both threads (src/kernels/row-blocks.ts): its exact order (each block's
// rows in order from zero, the blocks' partial sums added in block order), whichever thread ran which block; where it
// does not apply; and propagate through it against propagate through matmul.
import { test } from "node:test";
import ndarray from "ndarray";
import assert from "node:assert/strict";
import { column, fromFloat64Array, propagate } from "../src";
import type { Column, Matrix, Row } from "../src";
import { kernelRuntime, rowTimesByBlocks } from "../src/kernels";
import { rowsPerBlock } from "../src/kernels/row-blocks";
import { rng } from "./fixtures/rng";
import { helperReady } from "./fixtures/threads";

/** X (n, m) in the kernels' shared heap, as `preprocessImages` makes it, filled by `fill`. */
function heapMatrix(n: number, m: number, fill: (k: number) => number): Float64Array {
  const rt = kernelRuntime()!;
  const at = rt.alloc(n * m); // before making the view: allocating may grow the memory
  const X = new Float64Array(rt.memory.buffer, at, n * m);
  for (let k = 0; k < n * m; k++) X[k] = fill(k);
  return X;
}

/** The documented order, in plain JS: block b sums its rows in order from 0; then the partials in block order. */
function blockOrder(w: Float64Array, X: Float64Array, n: number, m: number): Float64Array {
  const blockRows = rowsPerBlock(n, m);
  let z: Float64Array | null = null;
  for (let i0 = 0; i0 < n; i0 += blockRows) {
    const part = new Float64Array(m);
    for (let i = i0; i < Math.min(n, i0 + blockRows); i++) for (let j = 0; j < m; j++) part[j] += w[i] * X[i * m + j];
    if (z === null) z = part;
    else for (let j = 0; j < m; j++) z[j] += part[j];
  }
  return z!;
}

const SHAPES: [number, number][] = [
  [640, 209], // the smallest X that is shared (n*m >= 2^17)
  [1285, 209],
  [3001, 87],
  [700, 1000],
  [12288, 209], // the course's X
];

test("w^T X by blocks: the documented order bit for bit, in both modes (shared and alone)", async () => {
  await helperReady();
  const rand = rng(41);
  for (const [n, m] of SHAPES) {
    // values of many magnitudes and both signs: any other order of the additions shows in the bits
    const X = heapMatrix(n, m, () => (rand() < 0.5 ? -1 : 1) * Math.exp((rand() - 0.5) * 20));
    const w = new Float64Array(n).map(() => rand() - 0.5);
    const expected = blockOrder(w, X, n, m);
    // the first jobs of a kind alternate between shared and alone (ThreadChoice's warm-up): both modes run
    // (alone only, under DLNOTES_THREADS=1)
    for (let call = 0; call < 8; call++) {
      const z = rowTimesByBlocks(w, ndarray(X, [n, m]));
      assert.ok(z, `(${n},${m}): the path applies`);
      for (let j = 0; j < m; j++)
        if (!Object.is(z[j], expected[j]))
          assert.fail(`(${n},${m}) call ${call}: z[${j}] = ${z[j]}, the block order gives ${expected[j]}`);
    }
  }
});

test("w^T X by blocks is within 1e-15 of the plain loop on the course's shape", async () => {
  await kernelRuntime()!.whenWorkerReady();
  const rand = rng(42);
  const [n, m] = [12288, 209];
  const X = heapMatrix(n, m, () => Math.floor(rand() * 256) / 255); // pixels, as preprocessImages makes them
  const w = new Float64Array(n).map(() => (rand() - 0.5) * 0.02);
  const z = rowTimesByBlocks(w, ndarray(X, [n, m]))!;
  for (let j = 0; j < m; j++) {
    let plain = 0,
      size = 0;
    for (let i = 0; i < n; i++) {
      plain += w[i] * X[i * m + j];
      size += Math.abs(w[i] * X[i * m + j]);
    }
    assert.ok(
      Math.abs(z[j] - plain) <= 1e-15 * size,
      `z[${j}] = ${z[j]}, plain loop ${plain} (sum of |terms| ${size})`,
    );
  }
});

test("w^T X by blocks reads X in place: a view of rows at an offset works, other views are left to matmul (null)", async () => {
  await helperReady();
  const [n, m] = [1285, 209];
  const inHeap = heapMatrix(n, m, (k) => (k % 7) / 7 - 0.25 + k * 1e-9);
  const X = ndarray(inHeap, [n, m]);
  const w = new Float64Array(n).map((_, i) => Math.sin(i));
  // rows 100.. of X: its own memory at an offset, summed as a matrix of its own
  const lower = X.lo(100, 0),
    wLower = w.subarray(100);
  const z = rowTimesByBlocks(wLower, lower);
  assert.ok(z, "a view of whole rows at an offset");
  const expected = blockOrder(wLower, inHeap.subarray(100 * m), n - 100, m);
  assert.deepEqual(Array.from(z), Array.from(expected));
  assert.equal(rowTimesByBlocks(w, ndarray(inHeap.slice(), [n, m])), null, "an ordinary Float64Array");
  assert.equal(rowTimesByBlocks(w.subarray(0, 100), X.hi(100, m)), null, "below 2^17 values");
  assert.equal(rowTimesByBlocks(w.subarray(0, n - 1).slice(0, m), X.transpose(1, 0)), null, "a transposed view");
  assert.equal(rowTimesByBlocks(w, X.hi(n, 200)), null, "a view with gaps between its rows (200 of 209 columns)");
  assert.equal(rowTimesByBlocks(w.subarray(1), X), null, "w.length is not n");
});

test("propagate with X in the kernels' memory agrees with propagate through matmul to 1e-12", async () => {
  await kernelRuntime()!.whenWorkerReady();
  const rand = rng(43);
  const [n, m] = [12288, 209];
  const x = heapMatrix(n, m, () => Math.floor(rand() * 256) / 255);
  const inHeap = fromFloat64Array(x, [n, m]) as Matrix;
  const ordinary = fromFloat64Array(x.slice(), [n, m]) as Matrix; // not in kernel memory: w^T X through matmul
  const Y = fromFloat64Array(
    new Float64Array(m).map(() => (rand() < 0.4 ? 1 : 0)),
    [1, m],
  ) as Row;
  const w = column(Array.from({ length: n }, () => (rand() - 0.5) * 0.01)) as Column;
  const fast = propagate(w, 0.3, inHeap, Y),
    reference = propagate(w, 0.3, ordinary, Y);
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(b), 1e-300);
  assert.ok(close(fast.cost, reference.cost), `cost ${fast.cost} vs ${reference.cost}`);
  assert.ok(close(fast.grads.db, reference.grads.db), `db ${fast.grads.db} vs ${reference.grads.db}`);
  const dw = fast.grads.dw.toFloat64Array(),
    dwRef = reference.grads.dw.toFloat64Array();
  const scale = Math.max(...Array.from(dwRef, Math.abs));
  for (let i = 0; i < n; i++)
    assert.ok(Math.abs(dw[i] - dwRef[i]) <= 1e-12 * scale, `dw[${i}] = ${dw[i]} vs ${dwRef[i]}`);
});
