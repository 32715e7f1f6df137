/**
 * The kernels' helper worker, compiled to dist/kernels/worker.js next to kernels.wasm.
 *
 * Written against the dedicated-worker API of browsers (its first message arrives through `onmessage` on the
 * global scope); in Node, src/platform/node/worker-host.ts provides that one handler on `worker_threads`.
 * The first message is a {@link KernelWorkerInit}: the compiled kernels and the shared memory. From then on
 * the worker talks to the main thread only through that memory (see protocol.ts): it reports itself ready,
 * then sleeps on `Slot.command` and runs the blocks of each new job.
 *
 * It spins briefly before sleeping because jobs arrive back to back during training and a wake-up from
 * Atomics.wait costs tens of microseconds.
 */
import type { KernelWorkerInit } from "../platform/types";
import { KernelFunction, createBlockRunner } from "./blocks";
import { Slot, controlViews } from "./protocol";
import { SPIN_MS } from "./timing";

type WorkerScope = { onmessage: ((event: { data: KernelWorkerInit }) => void) | null };
const scope = globalThis as unknown as WorkerScope;

/** Serves jobs forever (the worker is stopped with its process, or terminated). */
function serve({ module, memory, names }: KernelWorkerInit): void {
  const exportsOf = new WebAssembly.Instance(module, { env: { memory } }).exports as Record<string, KernelFunction>;
  const { ctrl, args } = controlViews(memory.buffer);
  const runBlocks = createBlockRunner(
    names.map((name) => exportsOf[name]),
    ctrl,
    args,
  );
  Atomics.store(ctrl, Slot.ready, 1);
  let seen = Atomics.load(ctrl, Slot.command);
  for (;;) {
    // spin for up to SPIN_MS after a job (a clock read every 256 checks), then sleep
    const spinUntil = performance.now() + SPIN_MS;
    for (let spin = 1; Atomics.load(ctrl, Slot.command) === seen; spin++) {
      if ((spin & 255) === 0 && performance.now() > spinUntil) break;
    }
    Atomics.wait(ctrl, Slot.command, seen);
    seen = Atomics.load(ctrl, Slot.command);
    runBlocks(seen);
  }
}

scope.onmessage = (event) => {
  scope.onmessage = null;
  serve(event.data);
};
