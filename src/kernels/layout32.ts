/**
 * The float32 kernels' layout and block running, shared by the float32 store and its fused training step
 * (fused32.ts). The layout is described in the float32 section of kernels.wat.
 */
import { KernelRuntime, WorkerJob } from "./runtime";

/** Below this many elements of X everything stays on the main thread. */
const MIN_PARALLEL_ELEMENTS = 1 << 17;
/** Elements of X per block of rows (256 KiB of float32): see BLOCK_ELEMENTS in fused.ts. */
const BLOCK_ELEMENTS = 1 << 16;
/** At most this many blocks (each has its own partial z) and at least this many rows per block. */
const MAX_BLOCKS_PER_PASS = 64,
  MIN_BLOCK_ROWS = 8;

/** m rounded up to a multiple of 4: the float32 row stride (whole f32x4 vectors). */
export function paddedColumns(m: number): number {
  return (m + 3) & ~3;
}

/** n rounded up to a multiple of 4: the rows the kernels walk (groups of four; the padding rows are zero). */
export function paddedRows(n: number): number {
  return (n + 3) & ~3;
}

/** Index of element (i, j) in the grouped layout with row stride s (see kernels.wat). */
export function at(i: number, j: number, s: number): number {
  return (i >> 2) * 4 * s + (j >> 2) * 16 + (i & 3) * 4 + (j & 3);
}

/** Rows per block for an (n, s) float32 matrix: a multiple of 4 (the kernels take rows four at a time). */
export function blockRowsFor(n: number, s: number): number {
  const rows = Math.max(Math.ceil(BLOCK_ELEMENTS / s), Math.ceil(n / MAX_BLOCKS_PER_PASS), MIN_BLOCK_ROWS);
  return 4 * Math.ceil(rows / 4);
}

export type HeapBlocks = { rt: KernelRuntime; blocks: number[] };
/** Frees the heap blocks of stores and steps that were dropped without dispose(). */
export const heapCleanup = new FinalizationRegistry<HeapBlocks>(({ rt, blocks }) => {
  for (const b of blocks) rt.release(b);
});

/** A float32 view of the whole memory, re-made only after the memory has grown. */
const f32Views = new WeakMap<KernelRuntime, Float32Array>();
export function heapF32(rt: KernelRuntime): Float32Array {
  const buffer = rt.memory.buffer;
  let view = f32Views.get(rt);
  if (!view || view.buffer !== buffer) {
    view = new Float32Array(buffer);
    f32Views.set(rt, view);
  }
  return view;
}

/** Allocates `count` float32 values (64-byte aligned) in the heap; returns the byte address. */
export function allocF32(rt: KernelRuntime, count: number): number {
  return rt.alloc(Math.ceil(count / 2));
}

/**
 * Runs `kernel` over rows args[rangeArg] .. args[rangeArg+1] in fixed blocks of `blockRows` rows: on both
 * threads when X is big (`elements`) and the helper is up, else block by block here. The blocks are the same
 * either way, so the numbers are too. `args[perBlockArg]` is offset by `block * perBlockStride` in each block.
 */
export function runRowBlocks(
  rt: KernelRuntime,
  elements: number,
  kernel: "zRows32" | "dotRows32" | "fusedRows32",
  args: number[],
  rangeArg: number,
  perBlockArg: number,
  blockRows: number,
  perBlockStride: number,
): void {
  const i0 = args[rangeArg],
    n = args[rangeArg + 1];
  const blockCount = Math.ceil((n - i0) / blockRows);
  const alone = () => {
    const fn = rt.kernels[kernel] as (...a: number[]) => void;
    const a = scratch;
    for (let k = 0; k < args.length; k++) a[k] = args[k];
    for (let b = 0; b < blockCount; b++) {
      a[rangeArg] = i0 + b * blockRows;
      a[rangeArg + 1] = Math.min(n, a[rangeArg] + blockRows);
      a[perBlockArg] = args[perBlockArg] + b * perBlockStride;
      // all ten argument slots (a kernel ignores those beyond its own): no array is made per call
      fn(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9]);
    }
  };
  if (blockCount > 1 && elements >= MIN_PARALLEL_ELEMENTS) {
    const job: WorkerJob = { kernel, args, rangeArg, chunk: n, blockSize: blockRows, perBlockArg, perBlockStride };
    rt.runJob(job, n, alone);
  } else {
    alone();
  }
}

/** Arguments of one block call, reused (a training makes thousands of passes of about 40 calls each). */
const scratch = new Array<number>(10).fill(0);

/** z[j] = sum over blocks b, in order, of parts[b][j] (float32 partials added in float64). */
export function sumParts(
  f32: Float32Array,
  parts: number,
  blockCount: number,
  s: number,
  m: number,
  out?: Float64Array,
) {
  const z = out ?? new Float64Array(m);
  const first = parts / 4;
  for (let j = 0; j < m; j++) z[j] = f32[first + j];
  for (let b = 1, at = first + s; b < blockCount; b++, at += s) {
    for (let j = 0; j < m; j++) z[j] += f32[at + j];
  }
  return z;
}
