/**
 * Helpers shared by the benchmarks: deterministic data, timing, and running numpy on the same bytes.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { kernelFloat64Array, kernelRuntime } from "../src/kernels";
import { projectPython } from "../tooling/python";

/** Deterministic uniform [0, 1) numbers (mulberry32), the same on every machine; written into `out` when given. */
export function uniform(seed: number, count: number, out: Float64Array = new Float64Array(count)): Float64Array {
  let s = seed >>> 0;
  for (let i = 0; i < count; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  return out;
}

/**
 * `count` zeros in the kernels' shared memory, where the course's X lives once `preprocessImages` made it
 * (ordinary memory when the kernel runtime is unavailable).
 */
export function kernelArray(count: number): Float64Array {
  return kernelFloat64Array(count) ?? new Float64Array(count);
}

/** Prints a progress line (the JSON result lines are printed by bench/run.ts at the very end). */
export function progress(message: string): void {
  console.log(`  ${message}`);
}

/**
 * Runs `script` with the project environment's numpy. Arrays are passed as raw float64 files (their paths are in the
 * JSON on stdin, under `files`); the script prints one JSON object. OpenBLAS's CORETYPE/L2_SIZE
 * overrides of this environment are removed for this command only: they slow a current numpy.
 */
export function runNumpy(
  script: string,
  arrays: Record<string, Float64Array>,
  params: Record<string, unknown>,
): Record<string, number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dlnotes-bench-"));
  try {
    const files: Record<string, string> = {};
    for (const [name, data] of Object.entries(arrays)) {
      files[name] = path.join(dir, `${name}.f64`);
      fs.writeFileSync(files[name], new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    }
    const env = { ...process.env };
    delete env.OPENBLAS_CORETYPE;
    delete env.OPENBLAS_L2_SIZE;
    const run = spawnSync(projectPython(["numpy"]), ["-c", script], {
      input: JSON.stringify({ files, ...params }),
      encoding: "utf8",
      env,
      maxBuffer: 1 << 24,
    });
    if (run.status !== 0) throw new Error(`numpy benchmark failed: ${run.stderr || run.error}`);
    return JSON.parse(run.stdout.trim().split("\n").pop()!);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Emits the benchmark's result line (bench/run.ts collects lines that start with `{"benchmark"`), followed by
 * the conditions it ran under: `load` ("quiet", or "one-core-busy" while bench/run.ts keeps a child process
 * burning a core), `threads` (kernel threads used: 2 with the helper worker, 1 without or with
 * DLNOTES_THREADS=1; a benchmark may give its own) and the 1-minute load average at the end.
 */
export function result(fields: Record<string, unknown>): void {
  const all = { load: benchLoad(), threads: kernelThreads(), ...fields, loadavg_1m: round(os.loadavg()[0], 3) };
  // Spaced like Python's json.dumps, as the issues quote the lines.
  console.log(
    `{${Object.entries(all)
      .map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`)
      .join(", ")}}`,
  );
}

/** The load condition bench/run.ts started this benchmark under. */
export function benchLoad(): string {
  return process.env.DLNOTES_BENCH_LOAD ?? "quiet";
}

/** Threads the kernels use: 2 once the helper worker is up, else 1. */
export function kernelThreads(): number {
  return kernelRuntime()?.workerReady() ? 2 : 1;
}

/** Wall-clock and CPU seconds (this process, all its threads) of `fn`. */
export function timed<T>(fn: () => T): { value: T; s: number; cpuS: number } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { value, s, cpuS: (cpu.user + cpu.system) / 1e6 };
}

/** The median of some numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/** Rounds to `digits` significant digits for the result lines. */
export function round(value: number, digits = 4): number {
  return Number(value.toPrecision(digits));
}
