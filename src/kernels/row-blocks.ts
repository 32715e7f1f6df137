/**
 * Passes over X (n rows, m columns) cut into fixed blocks of rows that either thread can claim, each block
 * adding its rows' share of a sum over the rows into its own partial vector, and the partials then added in
 * block order: so the numbers never depend on which thread ran which block, and a thread descheduled by a
 * busy machine holds up one small block, never half the pass. The training passes (fused.ts, fused32.ts)
 * and {@link rowTimesByBlocks} (propagate's `z = w^T X`) use these blocks.
 */
import type { NdArray } from "ndarray";
import { KernelName, KernelRuntime, WorkerJob, getRuntime } from "./runtime";

/** Below this many elements of X a pass stays on the main thread. */
export const MIN_PARALLEL_ELEMENTS = 1 << 17;
/**
 * Elements of X per block of rows (about 512 KiB of float64): small enough that a thread descheduled while
 * holding a block (another process busy on the machine) delays the pass by a small fraction only, big enough
 * that claiming a block and adding its partial z cost about 1 % of the pass.
 */
const BLOCK_ELEMENTS = 1 << 16;
/**
 * Bounds on the blocks, because each block has its own partial z (m values): at most this many blocks, and at
 * least MIN_BLOCK_ROWS rows per block, so the partial sums take at most 1/8 of X's memory (wide X, many examples).
 */
const MAX_BLOCKS_PER_PASS = 64,
  MIN_BLOCK_ROWS = 8;

/** Rows per block for X of n rows of `rowElements` values (float64 or float32: the same count of elements). */
export function rowsPerBlock(n: number, rowElements: number): number {
  return Math.max(Math.ceil(BLOCK_ELEMENTS / rowElements), Math.ceil(n / MAX_BLOCKS_PER_PASS), MIN_BLOCK_ROWS);
}

/**
 * Runs `kernel` over rows args[rangeArg] .. args[rangeArg+1] in fixed blocks of `blockRows` rows: on both
 * threads when X is big (`elements`) and the helper is up and has lately been faster (runtime.runJob), else
 * block by block here. The blocks are the same either way, so the numbers are too. `args[perBlockArg]` is
 * offset by `block * perBlockStride` in each block (each block's own partial sum).
 */
export function runRowBlocks(
  rt: KernelRuntime,
  elements: number,
  kernel: KernelName,
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

/**
 * `z = w^T X` (length m) for X, an (n, m) view of rows without gaps (any offset) in the kernels' memory, on
 * both threads: each block of rows
 * sums its rows in order into its own partial z (the `rowvec` kernel of matmul), and the partials are added in
 * block order. `matmul` adds all n rows in order on one thread, because it promises the plain loop's bits;
 * this order differs from it by about 1e-16 relative and can be shared by two threads.
 * @returns null when this path does not apply (no WebAssembly runtime, X not in the kernels' memory, not
 *   row-major without gaps, too small to share, or `w` not of length n): the caller then uses `matmul`.
 */
export function rowTimesByBlocks(w: Float64Array, X: NdArray<Float64Array>): Float64Array | null {
  const rt = getRuntime();
  if (!rt || X.shape.length !== 2) return null;
  const [n, m] = X.shape;
  if (n * m < MIN_PARALLEL_ELEMENTS || w.length !== n) return null;
  // X's own memory, read in place: rows one after the other with no gaps (any offset), never a copy of a view
  if (X.stride[1] !== 1 || X.stride[0] !== m) return null;
  const base = rt.addressOf(X.data);
  if (base < 0) return null;
  const x = base + X.offset * 8;
  const blockRows = rowsPerBlock(n, m),
    blockCount = Math.ceil(n / blockRows);
  const wAt = rt.alloc(n),
    parts = rt.alloc(blockCount * m),
    sum = rt.alloc(m);
  try {
    const heap = rt.f64;
    heap.set(w, wAt / 8);
    heap.fill(0, parts / 8, parts / 8 + blockCount * m);
    runRowBlocks(rt, n * m, "rowvec", [wAt, x, parts, m, 0, n, 0, m], 4, 2, blockRows, m * 8);
    rt.kernels.addParts(parts, blockCount, m, sum);
    return rt.f64.slice(sum / 8, sum / 8 + m);
  } finally {
    rt.release(sum);
    rt.release(parts);
    rt.release(wAt);
  }
}
