/**
 * The job protocol between the main thread and the kernels' helper worker, written down once.
 *
 * Both threads share one `WebAssembly.Memory`. Its first bytes are a control block; the heap starts above:
 *
 * ```
 * byte 0      control block: Int32 slots, named by `Slot` below (64 slots reserved)
 * byte 512    job arguments: MAX_ARGS float64 values (kernel arguments are numbers: addresses, sizes, a rate)
 * byte 1024   heap (HEAP_START): blocks handed out by SharedHeap
 * ```
 *
 * A job: the main thread writes the arguments and the job's slots, then publishes a new sequence number in
 * `Slot.next` (opening the job's blocks) and in `Slot.command` (waking the worker). The work is cut into
 * blocks of outputs; each thread claims the next block with a compare-exchange on `Slot.next`, which packs
 * the job's sequence number (high 16 bits) with the index of the next unclaimed block (low 16 bits), so a
 * thread that wakes up late for an old job can never claim a block of a newer one. Every finished block adds
 * one to `Slot.finished`; the main thread, after running the blocks the worker has not claimed, waits until
 * it equals `Slot.blocks`.
 */

/** The Int32 slots of the control block. */
export const Slot = {
  /** Sequence number of the latest job; the worker sleeps on it (Atomics.wait) between jobs. */
  command: 0,
  /** Index into KERNEL_NAMES of the job's kernel. */
  kernel: 2,
  /** How many job arguments were written. */
  argCount: 3,
  /** Index of the argument pair [start, end) that a block walks in pieces (the range still arriving). */
  range: 4,
  /** Range units per piece while the range is still arriving. */
  chunk: 5,
  /** How much of the range is available (e.g. rows already copied in); walkers wait until it covers a piece. */
  progress: 6,
  /** Set to 1 when a kernel threw in a block. */
  failed: 7,
  /** Set to 1 by the worker once it runs (jobs go to it only after that). */
  ready: 8,
  /** `seq << 16 | next unclaimed block` (see {@link packNext}). */
  next: 9,
  /** Number of blocks finished so far. */
  finished: 10,
  /** Number of blocks of the job. */
  blocks: 11,
  /** Index of the argument pair [start, end) of OUTPUTS that is cut into claimable blocks. */
  claim: 12,
  /** Outputs per block. */
  blockSize: 13,
  /**
   * Index of an argument that each block offsets by `block * perBlockStride` (e.g. the address of the
   * block's own partial-sum buffer, so partial sums can be added in a fixed order afterwards). With a
   * stride of 0 (the default) nothing changes.
   */
  perBlockArg: 14,
  /** See `perBlockArg`. */
  perBlockStride: 15,
} as const;

/** Number of Int32 slots reserved for the control block. */
export const CONTROL_SLOTS = 64;
/** Byte address of the job arguments (float64). */
export const ARGS_BYTE = 512;
/** Most arguments a job may have (the call in blocks.ts passes exactly this many). */
export const MAX_ARGS = 16;
/** Byte address where the heap starts. */
export const HEAP_START = 1024;
/** Most blocks per job (the low 16 bits of `Slot.next`); also the "closed" marker. */
export const MAX_BLOCKS = 0xffff;

/** `Slot.next`'s value for block `block` of job `seq`. */
export function packNext(seq: number, block: number): number {
  return ((seq & 0xffff) << 16) | (block & 0xffff);
}

/** The job sequence number and next block index packed in `Slot.next`. */
export function unpackNext(value: number): { seq: number; block: number } {
  return { seq: value >>> 16, block: value & 0xffff };
}

/** Exported functions of kernels.wasm (see kernels.wat for the exact semantics). */
export interface KernelExports {
  rowvec(a: number, b: number, out: number, n: number, p0: number, p1: number, j0: number, j1: number): void;
  matcol(a: number, b: number, out: number, k: number, i0: number, i1: number): void;
  fusedRows(
    x: number,
    dz: number,
    w: number,
    dw: number,
    zpart: number,
    m: number,
    i0: number,
    i1: number,
    lr: number,
  ): void;
  /** out = the `count` partial sums of length m at `parts` added in order; the parts are then set to zero. */
  addParts(parts: number, count: number, m: number, out: number): void;
  /** float32 kernels (the `float32` section of kernels.wat, driven by fused32.ts). */
  dotRows32(x: number, v: number, out: number, s: number, i0: number, i1: number): void;
  zRows32(x: number, w: number, zpart: number, s: number, i0: number, i1: number): void;
  fusedRows32(
    x: number,
    dz: number,
    w: number,
    dw: number,
    zpart: number,
    s: number,
    m: number,
    i0: number,
    i1: number,
    lr: number,
  ): void;
}

/** Kernel names in the order `Slot.kernel` numbers them. */
export const KERNEL_NAMES = ["rowvec", "matcol", "fusedRows", "dotRows32", "zRows32", "fusedRows32"] as const;
/** The name of one kernel. */
export type KernelName = (typeof KERNEL_NAMES)[number];

/** The control block and argument views over a shared memory (the same layout on both threads). */
export function controlViews(buffer: ArrayBufferLike): { ctrl: Int32Array; args: Float64Array } {
  return { ctrl: new Int32Array(buffer, 0, CONTROL_SLOTS), args: new Float64Array(buffer, ARGS_BYTE, MAX_ARGS) };
}
