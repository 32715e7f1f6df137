/**
 * Where the kernels' build products live and how the helper worker is started in Node.
 *
 * `npm run build` writes `dist/kernels/kernels.wasm` (scripts/build-kernels.mjs) next to the compiled worker
 * `dist/kernels/worker.js`. Both are always read from dist/, also when the library runs from its TypeScript
 * sources (tsx, tests): this file is three folders below the project root in src/ and in dist/ alike.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Worker } from "node:worker_threads";
import type { KernelWorkerHandle, KernelWorkerInit } from "../types";

const ROOT = resolve(__dirname, "..", "..", "..");
/** The assembled kernels (see src/kernels/kernels.wat). */
export const KERNELS_WASM = resolve(ROOT, "dist", "kernels", "kernels.wasm");
/** The compiled worker script (src/kernels/worker.ts). */
export const KERNEL_WORKER = resolve(ROOT, "dist", "kernels", "worker.js");
/** The Node entry that gives the worker script a browser-style `onmessage` (src/platform/node/worker-host.ts). */
const WORKER_HOST = resolve(ROOT, "dist", "platform", "node", "worker-host.js");

/** `DLNOTES_THREADS=1` keeps every kernel on the main thread (for comparisons and debugging). */
function threadsDisabled(): boolean {
  return process.env.DLNOTES_THREADS === "1";
}

/** The compiled kernels, or null when they are missing or this Node lacks shared memory. */
export function loadKernelModule(): WebAssembly.Module | null {
  if (typeof SharedArrayBuffer === "undefined" || !existsSync(KERNELS_WASM)) return null;
  return new WebAssembly.Module(readFileSync(KERNELS_WASM));
}

/**
 * Starts the helper worker thread. It is `unref()`ed, so it never keeps a process (a script, `node --test`,
 * a tslab kernel) alive.
 */
export function startKernelWorker(init: KernelWorkerInit, onFailure: () => void): KernelWorkerHandle | null {
  if (threadsDisabled() || !existsSync(KERNEL_WORKER) || !existsSync(WORKER_HOST)) return null;
  try {
    const worker = new Worker(WORKER_HOST, { workerData: { script: KERNEL_WORKER } });
    worker.on("error", onFailure);
    worker.on("exit", onFailure);
    worker.unref();
    worker.postMessage(init);
    return { terminate: () => void worker.terminate() };
  } catch {
    onFailure();
    return null;
  }
}
