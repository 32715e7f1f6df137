/**
 * Fast 2-D matrix products for the shapes of logistic regression: a row times a matrix, `(1,k) @ (k,n)`
 * (`w^T X`), and a matrix times a column, `(m,k) @ (k,1)` (`X dZ^T`). They run the SIMD kernels of
 * kernels.wat on both cores and return bit-for-bit the numbers of the plain loop in src/ndarray/linalg.ts.
 *
 * Work is split by OUTPUTS (columns of `w^T X`, rows of `X dZ^T`), never inside one sum, so each output is
 * summed in the plain loop's order whatever the thread count. The large operand is copied into the shared
 * heap unless it already lives there; the copy is pipelined: the main thread copies row chunks while the
 * worker already computes on the chunks that have arrived, then the main thread computes its own share and
 * takes over the blocks of the worker's share that it has not started.
 */
import type { NdArray } from "ndarray";
import { KernelRuntime, getRuntime } from "./runtime";

/** Below this many multiply-adds the plain loop is as fast (no copy, no thread hand-off). */
const MIN_FAST_WORK = 1 << 15;
/** Below this many multiply-adds everything stays on the main thread. */
const MIN_PARALLEL_WORK = 1 << 18;
/** Rows of the big operand per copy chunk: about 128 KiB, so a chunk is still in cache when the worker reads it. */
const CHUNK_DOUBLES = 1 << 14;
/**
 * Share of the work given to the worker when the main thread must first copy the big operand
 * (copying costs about half a kernel pass here), and when the operand is already in the heap.
 */
const WORKER_SHARE_AFTER_COPY = 0.75;
const WORKER_SHARE_NO_COPY = 0.5;
/**
 * Rows of `X dZ^T` are handed to the threads in blocks of this many copy chunks: the main thread, once done
 * with its own share, runs the blocks the worker has not started (it may be descheduled on a busy machine).
 * The worker's columns of `w^T X` stay ONE block: cutting them into column blocks makes each block re-walk
 * all rows with a large stride, measured 1.4-1.7x slower for (12288,209).
 */
const CHUNKS_PER_ROW_BLOCK = 4;

/**
 * Fast path for a 2-D matrix product `a @ b`. Returns the row-major (m, n) result, or null when no fast
 * kernel applies (the caller then uses its plain loop): small products, shapes other than `(1,k)@(k,n)`
 * and `(m,k)@(k,1)`, a big operand that is not row-major contiguous, or no WebAssembly runtime.
 * Gives exactly the plain loop's numbers.
 */
export function fastMatmul(a: NdArray<Float64Array>, b: NdArray<Float64Array>): Float64Array | null {
  const [m, k] = a.shape;
  const n = b.shape[1];
  if (a.shape.length !== 2 || b.shape.length !== 2 || b.shape[0] !== k) return null;
  if (m * k * n < MIN_FAST_WORK) return null;
  const rt = getRuntime();
  if (!rt) return null;
  if (n === 1 && isRowMajor(a)) return matrixTimesColumn(rt, a, b, m, k);
  if (m === 1 && n > 1 && isRowMajor(b)) return rowTimesMatrix(rt, a, b, k, n);
  return null;
}

/** True when the 2-D view's elements are laid out row by row with no gaps (any offset). */
function isRowMajor(x: NdArray<Float64Array>): boolean {
  const [rows, cols] = x.shape;
  return (cols === 1 || x.stride[1] === 1) && (rows === 1 || x.stride[0] === cols);
}

/** Copies the k elements of a vector view (a (1,k) row or a (k,1) column, any strides) to `address`. */
function putVector(rt: KernelRuntime, v: NdArray<Float64Array>, address: number, k: number): void {
  const heap = rt.f64, at = address / 8;
  const step = v.shape[0] === 1 ? v.stride[1] : v.stride[0];
  for (let p = 0, src = v.offset; p < k; p++, src += step) heap[at + p] = v.data[src];
}

/** Heap address of a row-major matrix view, plus whether it had to be allocated (and must be copied). */
function placeMatrix(rt: KernelRuntime, x: NdArray<Float64Array>, count: number): { address: number; copied: boolean } {
  const base = rt.addressOf(x.data);
  if (base >= 0) return { address: base + x.offset * 8, copied: false };
  return { address: rt.alloc(count), copied: true };
}

/**
 * Copies `rows` rows of `cols` values from `x` to `address` chunk by chunk, announcing each chunk to the
 * worker, which is already computing on the rows that have arrived.
 */
function copyRowsInChunks(rt: KernelRuntime, x: NdArray<Float64Array>, address: number, rows: number, cols: number, chunkRows: number): void {
  const heap = rt.f64, at = address / 8;
  for (let r = 0; r < rows; r += chunkRows) {
    const end = Math.min(rows, r + chunkRows);
    heap.set(x.data.subarray(x.offset + r * cols, x.offset + end * cols), at + r * cols);
    rt.setProgress(end);
  }
}

/** `(m,k) @ (k,1)`: output i is row i of `a` dotted with `b`; the worker takes the first rows. */
function matrixTimesColumn(rt: KernelRuntime, a: NdArray<Float64Array>, b: NdArray<Float64Array>, m: number, k: number): Float64Array {
  const mat = placeMatrix(rt, a, m * k);
  const vec = rt.alloc(k), out = rt.alloc(m);
  try {
    putVector(rt, b, vec, k);
    const chunkRows = Math.max(1, Math.floor(CHUNK_DOUBLES / k));
    const parallel = m >= 8 && m * k >= MIN_PARALLEL_WORK && rt.workerReady();
    const split = parallel ? Math.floor(m * (mat.copied ? WORKER_SHARE_AFTER_COPY : WORKER_SHARE_NO_COPY)) : 0;
    if (parallel) {
      rt.startWorkerJob(
        { kernel: "matcol", args: [mat.address, vec, out, k, 0, split], rangeArg: 4, chunk: chunkRows, blockSize: chunkRows * CHUNKS_PER_ROW_BLOCK },
        mat.copied ? 0 : m
      );
    }
    try {
      if (mat.copied) copyRowsInChunks(rt, a, mat.address, m, k, chunkRows);
      rt.kernels.matcol(mat.address, vec, out, k, split, m);
    } finally {
      if (parallel) {
        rt.setProgress(0x7fffffff); // even if the copy failed, let the worker run to its end
        rt.finishWorker();
      }
    }
    return rt.f64.slice(out / 8, out / 8 + m);
  } finally {
    rt.release(out);
    rt.release(vec);
    if (mat.copied) rt.release(mat.address);
  }
}

/** `(1,k) @ (k,n)`: output j sums a[p]*b[p,j] over p in order; the worker takes the first columns. */
function rowTimesMatrix(rt: KernelRuntime, a: NdArray<Float64Array>, b: NdArray<Float64Array>, k: number, n: number): Float64Array {
  const mat = placeMatrix(rt, b, k * n);
  const vec = rt.alloc(k), out = rt.alloc(n);
  try {
    putVector(rt, a, vec, k);
    rt.f64.fill(0, out / 8, out / 8 + n);
    const chunkRows = Math.max(2, Math.floor(CHUNK_DOUBLES / n));
    const parallel = n >= 4 && k * n >= MIN_PARALLEL_WORK && rt.workerReady();
    const split = parallel ? Math.floor(n * (mat.copied ? WORKER_SHARE_AFTER_COPY : WORKER_SHARE_NO_COPY)) : 0;
    if (parallel) {
      rt.startWorkerJob(
        { kernel: "rowvec", args: [vec, mat.address, out, n, 0, k, 0, split], rangeArg: 4, chunk: chunkRows, claimArg: 6 },
        mat.copied ? 0 : k
      );
    }
    try {
      if (mat.copied) copyRowsInChunks(rt, b, mat.address, k, n, chunkRows);
      rt.kernels.rowvec(vec, mat.address, out, n, 0, k, split, n);
    } finally {
      if (parallel) {
        rt.setProgress(0x7fffffff); // even if the copy failed, let the worker run to its end
        rt.finishWorker();
      }
    }
    return rt.f64.slice(out / 8, out / 8 + n);
  } finally {
    rt.release(out);
    rt.release(vec);
    if (mat.copied) rt.release(mat.address);
  }
}
