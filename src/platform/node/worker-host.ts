/**
 * The Node entry of the kernels' helper worker: a tiny message-port shim. The worker script
 * (src/kernels/worker.ts) is written for the browser's dedicated-worker API (`onmessage` on the global
 * scope); this file gives it that API on Node's `worker_threads`, then loads it.
 */
import { parentPort, workerData } from "node:worker_threads";

type WorkerScope = { onmessage: ((event: { data: unknown }) => void) | null };
const scope = globalThis as unknown as WorkerScope;
scope.onmessage = null;

require((workerData as { script: string }).script);
parentPort?.once("message", (data: unknown) => scope.onmessage?.({ data }));
