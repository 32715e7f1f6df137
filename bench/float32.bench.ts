/**
 * The float32 opt-in (`asFloat32`) on the course's shape (12288, 209), in one run, against numpy in float32
 * and against the library's own float64 path:
 *
 * - `logreg-train-float32-12288x209x2000`: 2000 iterations of batch gradient descent (learning rate 0.005)
 *   through the public `optimize` with a Float32Matrix X; numpy trains the course's loop with X, w, b in
 *   float32; the library's float64 run is `optimize` on the float64 X (in kernel memory, as in
 *   logreg.bench.ts). `ratio` = float32 / numpy float32; `ratio_vs_float64` = float32 / float64;
 *   `cost_diff_vs_float64` = the largest difference of the recorded costs (the accuracy docs/library.md states).
 * - `matvec-float32-12288x209`: the two products of one iteration, w^T X and X dZ^T, with the float32 X
 *   (the kernels' float32 store), against numpy's np.dot on float32 arrays and the library's float64
 *   `matmul` on the same data.
 *
 * X is converted to float32 once, before timing, as a student does with `asFloat32` or
 * `preprocessImages(images, { dtype: "float32" })`; numpy's arrays are converted before its timing too.
 */
import { asFloat32, fromFloat64Array, matmul, optimize, zeros } from "../src";
import type { Column, Matrix, Row } from "../src";
import { kernelRuntime } from "../src/kernels";
import { Float32Store } from "../src/kernels/fused32";
import { medianMs } from "../src/core";
import { kernelArray, median, progress, result, round, runNumpy, timed, uniform } from "./common";

const N = 12288,
  M = 209,
  ITERATIONS = 2000,
  LEARNING_RATE = 0.005,
  RECORD_EVERY = 100;
/** Timed trainings per side (median reported); DLNOTES_BENCH_REPEATS=1 for a quicker look. */
const REPEATS = Number(process.env.DLNOTES_BENCH_REPEATS ?? 3);
const MATVEC_WARMUP = 5,
  MATVEC_REPEATS = 41;

const NUMPY = `
import json, sys, time
import numpy as np
p = json.load(sys.stdin)
n, m = p["n"], p["m"]
X = np.fromfile(p["files"]["X"]).reshape(n, m).astype(np.float32)
Y = np.fromfile(p["files"]["Y"]).reshape(1, m).astype(np.float32)
w = np.fromfile(p["files"]["w"]).reshape(n, 1).astype(np.float32)
dZ = np.fromfile(p["files"]["dZ"]).reshape(1, m).astype(np.float32)
lr = np.float32(p["lr"])
def train(iterations):
    w = np.zeros((n, 1), dtype=np.float32); b = np.float32(0); costs = []
    for i in range(iterations):
        A = 1 / (1 + np.exp(-(w.T @ X + b)))
        cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
        dZ = A - Y
        w = w - lr * (X @ dZ.T / m)
        b = b - lr * (np.sum(dZ) / m)
        if i % p["every"] == 0: costs.append(float(cost))
    assert w.dtype == np.float32
    return costs
train(50)
times, cpu = [], []
for _ in range(p["repeats"]):
    t0 = time.perf_counter(); c0 = time.process_time(); costs = train(p["iterations"])
    times.append(time.perf_counter() - t0); cpu.append(time.process_time() - c0)
times.sort(); cpu.sort()
def both():
    return np.dot(w.T, X), np.dot(X, dZ.T)
for _ in range(p["warmup"]): both()
mv = []
c0 = time.process_time()
for _ in range(p["mv_repeats"]):
    t0 = time.perf_counter(); both(); mv.append((time.perf_counter() - t0) * 1e3)
mv_cpu = (time.process_time() - c0) * 1e3 / p["mv_repeats"]
mv.sort()
print(json.dumps({"s": times[len(times) // 2], "cpu_s": cpu[len(cpu) // 2], "costs": costs,
                  "mv_ms": mv[len(mv) // 2], "mv_cpu_ms": mv_cpu}))
`;

function maxAbsDiff(a: number[], b: number[]): number {
  if (a.length !== b.length) throw new Error(`float32: ${a.length} costs against ${b.length}`);
  return Math.max(...a.map((v, i) => Math.abs(v - b[i])));
}

async function main(): Promise<void> {
  // The data of logreg.bench.ts: pixel-like features in [0, 1), labels from a noisy linear rule.
  const x = uniform(11, N * M, kernelArray(N * M));
  const rule = uniform(12, N).map((v) => v - 0.5);
  const noise = uniform(13, M);
  const y = new Float64Array(M);
  for (let j = 0; j < M; j++) {
    let s = 0;
    for (let i = 0; i < N; i++) s += rule[i] * x[i * M + j];
    y[j] = s + (noise[j] - 0.5) * 2 > 0 ? 1 : 0;
  }
  const X = fromFloat64Array(x, [N, M]) as Matrix;
  const Y = fromFloat64Array(y, [1, M]) as Row;
  const X32 = asFloat32(X);
  const train = (data: Matrix | typeof X32, iterations: number) =>
    optimize(zeros([N, 1]) as Column, 0, data, Y, {
      numIterations: iterations,
      learningRate: LEARNING_RATE,
      recordEvery: RECORD_EVERY,
    });

  await kernelRuntime()?.whenWorkerReady();
  progress(`float32: X (${N},${M}), ${ITERATIONS} iterations, median of ${REPEATS}; float32 and float64 alternate`);
  train(X32, 50);
  train(X, 50);
  const t32: number[] = [],
    t64: number[] = [],
    cpu32: number[] = [];
  let costs32: number[] = [],
    costs64: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const a = timed(() => train(X32, ITERATIONS).costs);
    const b = timed(() => train(X, ITERATIONS).costs);
    costs32 = a.value;
    costs64 = b.value;
    t32.push(a.s);
    cpu32.push(a.cpuS);
    t64.push(b.s);
    progress(
      `float32: run ${r + 1}: float32 ${a.s.toFixed(3)} s (CPU ${a.cpuS.toFixed(3)} s), float64 ${b.s.toFixed(3)} s`,
    );
  }

  // The two products of one iteration, float32 (the store behind X32) and float64 (public matmul).
  const wData = uniform(2, N).map((v) => (v - 0.5) * 0.02),
    dZData = uniform(3, M).map((v) => v - 0.5);
  const store = new Float32Store(x, N, M);
  const w = fromFloat64Array(wData, [N, 1]) as Column;
  const dZ = fromFloat64Array(dZData, [1, M]) as Row;
  const mv32 = timed(() =>
    medianMs(
      () => {
        store.rowTimes(wData);
        store.timesVector(dZData);
      },
      MATVEC_REPEATS,
      MATVEC_WARMUP,
    ),
  );
  const mv64 = medianMs(
    () => {
      matmul(w.T, X);
      matmul(X, dZ.T);
    },
    MATVEC_REPEATS,
    MATVEC_WARMUP,
  );
  store.dispose();
  progress(`float32: matvec pair float32 ${mv32.value.toFixed(3)} ms, float64 ${mv64.toFixed(3)} ms`);

  const np = runNumpy(
    NUMPY,
    { X: x, Y: y, w: wData, dZ: dZData },
    {
      n: N,
      m: M,
      iterations: ITERATIONS,
      lr: LEARNING_RATE,
      every: RECORD_EVERY,
      repeats: REPEATS,
      warmup: MATVEC_WARMUP,
      mv_repeats: MATVEC_REPEATS,
    },
  ) as unknown as { s: number; cpu_s: number; costs: number[]; mv_ms: number; mv_cpu_ms: number };
  progress(`float32: numpy float32 training ${np.s.toFixed(3)} s, matvec pair ${np.mv_ms.toFixed(3)} ms`);

  const s32 = median(t32),
    s64 = median(t64);
  result({
    benchmark: "logreg-train-float32-12288x209x2000",
    dlnotes_f32_s: round(s32),
    numpy_f32_s: round(np.s),
    ratio: round(s32 / np.s),
    dlnotes_f64_s: round(s64),
    ratio_vs_float64: round(s32 / s64),
    dlnotes_f32_cpu_s: round(median(cpu32)),
    numpy_f32_cpu_s: round(np.cpu_s),
    cost_diff_vs_float64: round(maxAbsDiff(costs32, costs64), 3),
    cost_diff_vs_numpy_f32: round(maxAbsDiff(costs32, np.costs), 3),
  });
  const mvCpuMs = (mv32.cpuS * 1000) / (MATVEC_REPEATS + MATVEC_WARMUP);
  result({
    benchmark: "matvec-float32-12288x209",
    dlnotes_f32_ms: round(mv32.value),
    numpy_f32_ms: round(np.mv_ms),
    ratio: round(mv32.value / np.mv_ms),
    dlnotes_f64_ms: round(mv64),
    ratio_vs_float64: round(mv32.value / mv64),
    dlnotes_f32_cpu_ms: round(mvCpuMs),
    numpy_f32_cpu_ms: round(np.mv_cpu_ms),
  });
  X32.dispose();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
