// Arrays in the kernels' shared memory: same numbers, used in place by the kernels, freed when dropped.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as v8 from "node:v8";
import * as vm from "node:vm";
import { fromFloat64Array, loadImageDataset, matmul, preprocessImages } from "../src";
import type { Matrix, Row } from "../src";
import {
  createFusedLinearStep,
  inKernelMemory,
  kernelFloat64Array,
  kernelRuntime,
  toKernelMemory,
} from "../src/kernels";

function values(seed: number, count: number): Float64Array {
  const out = new Float64Array(count);
  let s = seed;
  for (let i = 0; i < count; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out[i] = (s / 2147483648 - 0.5) * Math.exp((i % 17) - 8);
  }
  return out;
}

test("toKernelMemory copies the values into the shared heap, keeps the shape, and is idempotent", () => {
  const a = fromFloat64Array(values(1, 300 * 70), [300, 70]);
  assert.equal(inKernelMemory(a), false);
  const k = toKernelMemory(a);
  assert.equal(inKernelMemory(k), true);
  assert.deepEqual([...k.shape], [300, 70]);
  assert.deepEqual(k.toFloat64Array(), a.toFloat64Array());
  assert.notEqual(k.toFloat64Array(), a.toFloat64Array());
  assert.equal(toKernelMemory(k), k);
  // a transposed (non-contiguous) view is stored in its own row-major order
  const t = toKernelMemory(a.T);
  assert.deepEqual([...t.shape], [70, 300]);
  assert.deepEqual(t.toFloat64Array(), a.T.copy().toFloat64Array());
  assert.equal(inKernelMemory(k.T), true, "views share the kernel-memory buffer");
});

test("products and the fused step read an array in kernel memory in place and give the same numbers", async () => {
  await kernelRuntime()!.whenWorkerReady();
  const n = 1500,
    m = 131;
  const x = values(2, n * m);
  const X = fromFloat64Array(x, [n, m]) as Matrix;
  const K = toKernelMemory(X);
  const w = fromFloat64Array(values(3, n), [1, n]) as Row;
  const dZ = fromFloat64Array(values(4, m), [m, 1]);
  assert.deepEqual(matmul(w, K).toFloat64Array(), matmul(w, X).toFloat64Array());
  assert.deepEqual(matmul(K, dZ).toFloat64Array(), matmul(X, dZ).toFloat64Array());
  const plain = createFusedLinearStep(x, n, m, values(5, n));
  const inPlace = createFusedLinearStep(K.toFloat64Array(), n, m, values(5, n));
  const dz = values(6, m);
  assert.deepEqual(inPlace.step(dz, 0.01), plain.step(dz, 0.01));
  assert.deepEqual(inPlace.weights(), plain.weights());
  plain.dispose();
  inPlace.dispose();
  assert.deepEqual(K.toFloat64Array(), x, "the fused step never writes into X");
});

test("preprocessImages returns the course's X in kernel memory", () => {
  const X = preprocessImages(loadImageDataset().testX);
  assert.deepEqual([...X.shape], [12288, 50]);
  assert.equal(inKernelMemory(X), true);
});

test("a kernel-memory block is freed once its array is garbage collected", async () => {
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc") as () => void;
  const rt = kernelRuntime()!;
  const count = 4 << 20; // 32 MB: more than the heap has free, so the first allocation grows it
  let first: Float64Array | null = kernelFloat64Array(count)!;
  first[count - 1] = 1;
  const grown = rt.memory.buffer.byteLength;
  first = null;
  for (let i = 0; i < 5; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const second = kernelFloat64Array(count)!;
  assert.equal(rt.memory.buffer.byteLength, grown, "the heap grew again: the first block was not freed");
  assert.equal(second[count - 1], 0, "a reused block starts zeroed");
});
