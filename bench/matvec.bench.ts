/**
 * matvec-12288x209: the two matrix-vector products of one logistic-regression iteration, w^T X and
 * X dZ^T with X of shape (12288, 209), through the library's public `matmul`, against numpy's np.dot on
 * the same data in the same run.
 *
 * X is made in the kernels' shared memory BEFORE timing, as the course's X is (`preprocessImages` returns
 * it there; any array can be put there once with `toKernelMemory`), just as numpy's X lives in numpy's
 * memory: the timed products read it in place and copy nothing per call. w and dZ are ordinary arrays.
 */
import { fromFloat64Array, matmul } from "../src";
import type { Column, Matrix, Row } from "../src";
import { kernelRuntime } from "../src/kernels";
import { kernelArray, median, progress, result, round, runNumpy, timed, uniform } from "./common";

const N = 12288,
  M = 209,
  WARMUP = 5,
  REPEATS = 41;

const NUMPY = `
import json, sys, time
import numpy as np
p = json.load(sys.stdin)
n, m = p["n"], p["m"]
X = np.fromfile(p["files"]["X"]).reshape(n, m)
w = np.fromfile(p["files"]["w"]).reshape(n, 1)
dZ = np.fromfile(p["files"]["dZ"]).reshape(1, m)
def both():
    z = np.dot(w.T, X)
    dw = np.dot(X, dZ.T)
    return z, dw
for _ in range(p["warmup"]): both()
times = []
c0 = time.process_time()
for _ in range(p["repeats"]):
    t0 = time.perf_counter(); both(); times.append((time.perf_counter() - t0) * 1e3)
cpu_ms = (time.process_time() - c0) * 1e3 / p["repeats"]
times.sort()
def median_ms(f):
    t = []
    for _ in range(p["repeats"]):
        t0 = time.perf_counter(); f(); t.append((time.perf_counter() - t0) * 1e3)
    t.sort()
    return t[len(t) // 2]
wTX_ms = median_ms(lambda: np.dot(w.T, X))
XdZ_ms = median_ms(lambda: np.dot(X, dZ.T))
z, dw = both()
print(json.dumps({"ms": times[len(times) // 2], "cpu_ms": cpu_ms, "wTX_ms": wTX_ms, "XdZ_ms": XdZ_ms,
                  "z0": float(z[0, 0]), "dw0": float(dw[0, 0])}))
`;

async function main(): Promise<void> {
  const x = uniform(1, N * M, kernelArray(N * M)),
    wData = uniform(2, N).map((v) => (v - 0.5) * 0.02),
    dZData = uniform(3, M).map((v) => v - 0.5);
  const X = fromFloat64Array(x, [N, M]) as Matrix;
  const w = fromFloat64Array(wData, [N, 1]) as Column;
  const dZ = fromFloat64Array(dZData, [1, M]) as Row;
  await kernelRuntime()?.whenWorkerReady(); // the helper thread starts in the background on first use
  progress(`matvec: X (${N},${M}); w.T @ X and X @ dZ.T, ${REPEATS} repeats`);
  const both = () => {
    matmul(w.T, X);
    matmul(X, dZ.T);
  };
  // The pair and each product alone are timed in turns, so that all three see the kernels in the same state
  // (compiled, the thread choice settled): timed one after the other, the pair alone paid for the warm-up.
  const times = { pair: [] as number[], wTX: [] as number[], XdZ: [] as number[] };
  const parts: [keyof typeof times, () => unknown][] = [
    ["pair", both],
    ["wTX", () => matmul(w.T, X)],
    ["XdZ", () => matmul(X, dZ.T)],
  ];
  const run = timed(() => {
    for (let r = 0; r < WARMUP + REPEATS; r++) {
      for (const [name, fn] of parts) {
        const t0 = performance.now();
        fn();
        if (r >= WARMUP) times[name].push(performance.now() - t0);
      }
    }
  });
  const dlnotesMs = median(times.pair),
    wTXMs = median(times.wTX),
    XdZMs = median(times.XdZ);
  // each round runs the two products twice (the pair, then each alone)
  const cpuMs = (run.cpuS * 1000) / (2 * (REPEATS + WARMUP));
  progress(`matvec: dlnotes ${dlnotesMs.toFixed(3)} ms (w.T @ X ${wTXMs.toFixed(3)}, X @ dZ.T ${XdZMs.toFixed(3)})`);
  const np = runNumpy(NUMPY, { X: x, w: wData, dZ: dZData }, { n: N, m: M, warmup: WARMUP, repeats: REPEATS });
  progress(`matvec: numpy ${np.ms.toFixed(3)} ms`);
  const z0 = matmul(w.T, X).get(0, 0),
    dw0 = matmul(X, dZ.T).get(0, 0);
  progress(
    `matvec: agreement with numpy z[0] ${Math.abs(z0 - np.z0) / Math.abs(np.z0)}, dw[0] ${Math.abs(dw0 - np.dw0) / Math.abs(np.dw0)} (relative)`,
  );
  result({
    benchmark: "matvec-12288x209",
    dlnotes_ms: round(dlnotesMs),
    dlnotes_min_ms: round(Math.min(...times.pair)),
    numpy_ms: round(np.ms),
    ratio: round(dlnotesMs / np.ms),
    dlnotes_cpu_ms: round(cpuMs),
    numpy_cpu_ms: round(np.cpu_ms),
    wTX_ms: round(wTXMs),
    XdZ_ms: round(XdZMs),
    numpy_wTX_ms: round(np.wTX_ms),
    numpy_XdZ_ms: round(np.XdZ_ms),
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
