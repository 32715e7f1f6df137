/**
 * Running the claimable blocks of the current job: the same code on the main thread and in the worker, so
 * both walk a block identically (a block's numbers do not depend on which thread ran it).
 *
 * A block is a range of OUTPUTS (`args[claim] .. args[claim+1]`); inside it the kernel walks
 * `args[range] .. args[range+1]` in pieces and, before each piece, waits until `Slot.progress` covers it
 * (rows still being copied in by the main thread).
 */
import { MAX_ARGS, Slot, packNext, unpackNext } from "./protocol";

/** A kernel as the job protocol calls it: numbers in, nothing out (results are written to the memory). */
export type KernelFunction = (...args: number[]) => void;

/** How long a walker sleeps at most between checks of `Slot.progress` (ms). */
const PROGRESS_WAIT_MS = 50;

/**
 * Calls `fn` with all MAX_ARGS argument slots, without allocating (a training runs thousands of jobs).
 * A wasm function ignores the arguments beyond its own count, so every kernel of up to MAX_ARGS
 * parameters gets all of its arguments.
 */
function callWithArgs(fn: KernelFunction, a: Float64Array): void {
  fn(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13], a[14], a[15]);
}
if (MAX_ARGS !== 16) throw new Error("kernels: callWithArgs must pass exactly MAX_ARGS arguments");

/**
 * One thread's block runner, with its own scratch copy of the job's arguments (so running a block allocates
 * nothing: per-job garbage makes each thread's young generation grow over a training).
 */
export function createBlockRunner(
  fns: readonly KernelFunction[],
  ctrl: Int32Array,
  args: Float64Array,
): (seq: number) => void {
  const a = new Float64Array(MAX_ARGS);
  /** Claims and runs blocks of job `seq` until none is left. */
  return function runBlocks(seq: number): void {
    for (;;) {
      const v = Atomics.load(ctrl, Slot.next);
      const { seq: jobSeq, block } = unpackNext(v);
      if (jobSeq !== (seq & 0xffff) || block >= ctrl[Slot.blocks]) return;
      if (Atomics.compareExchange(ctrl, Slot.next, v, packNext(jobSeq, block + 1)) !== v) continue;
      try {
        a.set(args);
        const c = ctrl[Slot.claim],
          size = ctrl[Slot.blockSize],
          r = ctrl[Slot.range],
          chunk = ctrl[Slot.chunk];
        const claimEnd = a[c + 1];
        a[c] += block * size;
        a[c + 1] = Math.min(claimEnd, a[c] + size);
        a[ctrl[Slot.perBlockArg]] += block * ctrl[Slot.perBlockStride];
        const fn = fns[ctrl[Slot.kernel]];
        const lo = a[r],
          hi = a[r + 1];
        for (let s = lo; s < hi;) {
          let have;
          while ((have = Atomics.load(ctrl, Slot.progress)) <= s)
            Atomics.wait(ctrl, Slot.progress, have, PROGRESS_WAIT_MS);
          // everything that has arrived, at least one chunk (the copy advances chunk by chunk)
          const e = Math.min(hi, Math.max(have, s + chunk));
          while ((have = Atomics.load(ctrl, Slot.progress)) < e)
            Atomics.wait(ctrl, Slot.progress, have, PROGRESS_WAIT_MS);
          a[r] = s;
          a[r + 1] = e;
          callWithArgs(fn, a);
          s = e;
        }
      } catch {
        ctrl[Slot.failed] = 1;
      }
      Atomics.add(ctrl, Slot.finished, 1);
      Atomics.notify(ctrl, Slot.finished);
    }
  };
}
