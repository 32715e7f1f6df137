/**
 * logreg-train-12288x209x2000: 2000 iterations of batch gradient descent for logistic regression on X of
 * shape (12288, 209) (the course's image shape), learning rate 0.005, through the public `optimize`,
 * against the course's vectorized numpy loop on the same data in the same run.
 *
 * X is made in the kernels' shared memory before timing, as the course's X is (`preprocessImages` returns
 * it there), just as numpy's X lives in numpy's memory: training reads it in place, no copy of it is made.
 *
 * Memory, as reported in the result line:
 * - `data_mb`: the bytes of X and Y (float64), 19.6 MB.
 * - `rss_before_data_mb`: resident set size when `main` starts: the library and this script are loaded,
 *   no data exists yet and no kernel has run (so the helper worker thread, the WebAssembly heap and the
 *   kernel's copy of X all count as training memory).
 * - `peak_rss_mb`: the process's peak resident set size (`process.resourceUsage().maxRSS`) after the warm-up
 *   and the timed runs, read before numpy runs (numpy is a separate process and never counts).
 * - `peak_over_data` = (peak_rss_mb - rss_before_data_mb) / data_mb: the training's memory in units of the
 *   data. It includes the data itself (1; X is in the kernels' shared memory, so the kernel makes no
 *   copy of it), the worker thread (~9 MB) and garbage not yet collected.
 */
import { fromFloat64Array, optimize, zeros } from "../src";
import type { Column, Matrix, Row } from "../src";
import { kernelRuntime } from "../src/kernels";
import { kernelArray, median, progress, result, round, runNumpy, timed, uniform } from "./common";

const N = 12288,
  M = 209,
  ITERATIONS = 2000,
  LEARNING_RATE = 0.005,
  RECORD_EVERY = 100;
/** Timed trainings per side (median reported); DLNOTES_BENCH_REPEATS=1 for a quicker look. */
const REPEATS = Number(process.env.DLNOTES_BENCH_REPEATS ?? 3);

const NUMPY = `
import json, sys, time
import numpy as np
p = json.load(sys.stdin)
n, m = p["n"], p["m"]
X = np.fromfile(p["files"]["X"]).reshape(n, m)
Y = np.fromfile(p["files"]["Y"]).reshape(1, m)
def sigmoid(z):
    return 1 / (1 + np.exp(-z))
def train(iterations, lr, every):
    w = np.zeros((n, 1)); b = 0.0; costs = []
    for i in range(iterations):
        A = sigmoid(w.T @ X + b)
        cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
        dZ = A - Y
        dw = X @ dZ.T / m
        db = np.sum(dZ) / m
        w = w - lr * dw
        b = b - lr * db
        if i % every == 0: costs.append(float(cost))
    return costs
train(50, p["lr"], p["every"])
times = []
cpu = []
for _ in range(p["repeats"]):
    t0 = time.perf_counter(); c0 = time.process_time(); costs = train(p["iterations"], p["lr"], p["every"])
    times.append(time.perf_counter() - t0); cpu.append(time.process_time() - c0)
times.sort(); cpu.sort()
print(json.dumps({"s": times[len(times) // 2], "cpu_s": cpu[len(cpu) // 2], "costs": costs}))
`;

function rssMb(): number {
  return process.memoryUsage().rss / 2 ** 20;
}

async function main(): Promise<void> {
  const rssBefore = rssMb();
  // Pixel-like features in [0, 1); labels from a fixed linear rule plus noise, so the cost falls.
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
  const train = (iterations: number) =>
    optimize(zeros([N, 1]) as Column, 0, X, Y, {
      numIterations: iterations,
      learningRate: LEARNING_RATE,
      recordEvery: RECORD_EVERY,
    });

  await kernelRuntime()?.whenWorkerReady();
  progress(`logreg: X (${N},${M}), ${ITERATIONS} iterations, learning rate ${LEARNING_RATE}, median of ${REPEATS}`);
  const warm = train(50);
  progress(`logreg: optimize ran the "${warm.kernel}" implementation`);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let costs: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const run = timed(() => train(ITERATIONS).costs);
    costs = run.value;
    times.push(run.s);
    cpuTimes.push(run.cpuS);
    progress(`logreg: dlnotes run ${r + 1}: ${run.s.toFixed(3)} s (CPU ${run.cpuS.toFixed(3)} s)`);
  }
  const dlnotesS = median(times);
  const peakRss = process.resourceUsage().maxRSS / 1024;
  const np = runNumpy(
    NUMPY,
    { X: x, Y: y },
    { n: N, m: M, iterations: ITERATIONS, lr: LEARNING_RATE, every: RECORD_EVERY, repeats: REPEATS },
  ) as unknown as {
    s: number;
    cpu_s: number;
    costs: number[];
  };
  progress(
    `logreg: numpy ${np.s.toFixed(3)} s; costs ${np.costs[0].toFixed(6)} -> ${np.costs[np.costs.length - 1].toFixed(6)}`,
  );
  if (np.costs.length !== costs.length)
    throw new Error(`logreg: ${costs.length} recorded costs, numpy has ${np.costs.length}`);
  const costRelDiff = Math.max(...costs.map((c, i) => Math.abs(c - np.costs[i]) / Math.abs(np.costs[i])));
  const dataMb = (x.byteLength + y.byteLength) / 2 ** 20;
  progress(
    `logreg: data ${dataMb.toFixed(1)} MB; RSS before the data ${rssBefore.toFixed(1)} MB, peak ${peakRss.toFixed(1)} MB`,
  );
  result({
    benchmark: "logreg-train-12288x209x2000",
    dlnotes_s: round(dlnotesS),
    numpy_s: round(np.s),
    ratio: round(dlnotesS / np.s),
    dlnotes_cpu_s: round(median(cpuTimes)),
    numpy_cpu_s: round(np.cpu_s),
    cost_rel_diff: round(costRelDiff, 3),
    peak_rss_mb: round(peakRss),
    data_mb: round(dataMb),
    rss_before_data_mb: round(rssBefore),
    peak_over_data: round((peakRss - rssBefore) / dataMb, 3),
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
