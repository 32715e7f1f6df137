/**
 * Per-call costs a student sees in lesson 06's timing table and in small experiments, against numpy in the
 * same run (medians of many calls):
 * - `propagate-12288x209`: one `propagate(w, b, X, Y)` (forward pass, cost, gradients), once warmed up, with X of the course's
 *   image shape in kernel memory, as `preprocessImages` makes it; numpy runs the course's vectorized code.
 * - `add-3x3`: `a.add(b)` of two (3,3) arrays (numpy `a + b`).
 * - `sigmoid-1x209`: `sigmoid(z)` of a (1,209) row (numpy `1 / (1 + np.exp(-z))`).
 */
import { fromFloat64Array, propagate, sigmoid } from "../src";
import type { Column, Matrix, Row } from "../src";
import { kernelRuntime } from "../src/kernels";
import { medianMs } from "../src/core";
import { kernelArray, progress, result, round, runNumpy, timed, uniform } from "./common";

const N = 12288,
  M = 209;
/** Untimed propagate calls before timing it (see main). */
const PROPAGATE_WARMUP = 300;

const NUMPY = `
import json, sys, time
import numpy as np
p = json.load(sys.stdin)
n, m = p["n"], p["m"]
X = np.fromfile(p["files"]["X"]).reshape(n, m)
Y = np.fromfile(p["files"]["Y"]).reshape(1, m)
w = np.fromfile(p["files"]["w"]).reshape(n, 1)
a = np.arange(9.0).reshape(3, 3); b = a + 0.5
z = np.fromfile(p["files"]["z"]).reshape(1, m)
def propagate():
    A = 1 / (1 + np.exp(-(w.T @ X + 0.1)))
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dZ = A - Y
    return X @ dZ.T / m, np.sum(dZ) / m, cost
def median_us(fn, repeats, inner):
    for _ in range(inner): fn()
    times = []
    c0 = time.process_time()
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(inner): fn()
        times.append((time.perf_counter() - t0) / inner * 1e6)
    cpu = (time.process_time() - c0) / (repeats * inner) * 1e6
    times.sort()
    return times[len(times) // 2], cpu
out = {}
out["propagate"] = median_us(propagate, 41, 1)
out["add"] = median_us(lambda: a + b, 41, 2000)
out["sigmoid"] = median_us(lambda: 1 / (1 + np.exp(-z)), 41, 2000)
print(json.dumps(out))
`;

/** Median microseconds per call over `repeats` batches of `inner` calls, and CPU microseconds per call. */
function medianUs(fn: () => unknown, repeats: number, inner: number): { us: number; cpuUs: number } {
  const batch = () => {
    for (let i = 0; i < inner; i++) fn();
  };
  const run = timed(() => medianMs(batch, repeats, 1));
  return { us: (run.value * 1000) / inner, cpuUs: (run.cpuS * 1e6) / ((repeats + 1) * inner) };
}

async function main(): Promise<void> {
  const x = uniform(21, N * M, kernelArray(N * M));
  const y = uniform(22, M).map((v) => (v < 0.5 ? 0 : 1));
  const wData = uniform(23, N).map((v) => (v - 0.5) * 1e-3);
  const zData = uniform(24, M).map((v) => (v - 0.5) * 8);
  const X = fromFloat64Array(x, [N, M]) as Matrix,
    Y = fromFloat64Array(y, [1, M]) as Row,
    w = fromFloat64Array(wData, [N, 1]) as Column;
  const a = fromFloat64Array(
      Float64Array.from({ length: 9 }, (_, i) => i),
      [3, 3],
    ),
    b = a.add(0.5);
  const z = fromFloat64Array(zData, [1, M]);
  await kernelRuntime()?.whenWorkerReady();
  // propagate's first calls take 2-4 times as long as the later ones (the JIT, the heap growing to the size the
  // call's arrays need, the kernels' choice of threads settling), for about 200 calls: measured per call once
  // warmed up, as numpy's (whose second call is already steady).
  for (let i = 0; i < PROPAGATE_WARMUP; i++) propagate(w, 0.1, X, Y);
  const ours = {
    propagate: medianUs(() => propagate(w, 0.1, X, Y), 101, 1),
    add: medianUs(() => a.add(b), 41, 2000),
    sigmoid: medianUs(() => sigmoid(z), 41, 2000),
  };
  const np = runNumpy(NUMPY, { X: x, Y: y, w: wData, z: zData }, { n: N, m: M }) as unknown as Record<
    keyof typeof ours,
    [number, number]
  >;
  const names = { propagate: `propagate-${N}x${M}`, add: "add-3x3", sigmoid: `sigmoid-1x${M}` } as const;
  for (const key of Object.keys(ours) as (keyof typeof ours)[]) {
    const [npUs, npCpuUs] = np[key];
    progress(`smallops: ${names[key]} dlnotes ${ours[key].us.toFixed(2)} us, numpy ${npUs.toFixed(2)} us`);
    result({
      benchmark: names[key],
      dlnotes_us: round(ours[key].us),
      numpy_us: round(npUs),
      ratio: round(ours[key].us / npUs),
      dlnotes_cpu_us: round(ours[key].cpuUs),
      numpy_cpu_us: round(npCpuUs),
    });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
