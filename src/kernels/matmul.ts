/**
 * Fast 2-D matrix products for the shapes of logistic regression: a row times a matrix, `(1,k) @ (k,n)`
 * (`w^T X`), and a matrix times a column, `(m,k) @ (k,1)` (`X dZ^T`). They run the SIMD kernels of
 * kernels.wat and return bit-for-bit the numbers of the plain loop in src/ndarray/linalg.ts.
 *
 * A big operand in ordinary memory is STREAMED: its rows pass through a small cache-sized buffer in the
 * shared heap (copy a chunk, compute on it while it is in cache). Copying it whole into the heap first and
 * computing on both cores was measured slower, 3.1-3.6 ms against 1.7-1.9 ms per product for (12288,209):
 * the whole copy triples the memory traffic, which is what bounds these products; streaming also needs no
 * heap block the size of the operand. A big operand that already lives in the shared heap (made by
 * `toKernelMemory` or `preprocessImages`) is used in place: `X dZ^T` is split between both cores by blocks of
 * rows; `w^T X` runs on one (see rowTimesMatrix).
 *
 * Work is split by OUTPUTS (rows of `X dZ^T`), never inside one sum, and `w^T X` adds the rows in order, so
 * each output is summed in the plain loop's order whatever the path and whichever thread ran it.
 */
import type { NdArray } from "ndarray";
import { KernelRuntime, WorkerJob, getRuntime } from "./runtime";

/** Below this many multiply-adds the plain loop is as fast (no copy, no thread hand-off). */
const MIN_FAST_WORK = 1 << 15;
/** Below this many multiply-adds everything stays on the main thread. */
const MIN_PARALLEL_WORK = 1 << 18;
/** Values of the big operand per streamed chunk: about 128 KiB, so a chunk is still in cache when it is computed on. */
const CHUNK_DOUBLES = 1 << 14;
/**
 * Values of `a` per claimable block of rows of `X dZ^T` (about 1 MiB): the kernel reads a block as eight
 * sequential runs of rows, which must stay long for the hardware prefetcher (runs of 32 rows of 209 values
 * were still as fast as one run), and a thread descheduled on a busy machine holds up one small block of
 * about 20 for (12288, 209), never half the product.
 */
const ROW_BLOCK_DOUBLES = 1 << 17;

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
  const heap = rt.f64,
    at = address / 8;
  const step = k === 1 ? 1 : v.shape[0] === 1 ? v.stride[1] : v.stride[0];
  if (step === 1) {
    heap.set(v.data.subarray(v.offset, v.offset + k), at); // w.T of a column, dZ.T of a row: one block copy
    return;
  }
  for (let p = 0, src = v.offset; p < k; p++, src += step) heap[at + p] = v.data[src];
}

/**
 * Streams the rows of a row-major view `x` (rows, cols) through a small heap buffer: for each chunk of rows
 * [r0, r1), copies them in and calls `run(base, r0, r1)`, where `base` is the address that row 0 would have
 * (so the kernels index rows as if the whole matrix were in the heap; wasm's i32 addresses wrap).
 */
function streamRows(
  rt: KernelRuntime,
  x: NdArray<Float64Array>,
  rows: number,
  cols: number,
  run: (base: number, r0: number, r1: number) => void,
): void {
  // a multiple of 4: the kernels take rows in groups of 4 (matcol) or 2 (rowvec), leftovers one by one
  const chunkRows = Math.max(4, 4 * Math.floor(CHUNK_DOUBLES / cols / 4));
  const buffer = rt.alloc(Math.min(rows, chunkRows) * cols);
  try {
    const heap = rt.f64,
      at = buffer / 8,
      rowBytes = cols * 8;
    for (let r0 = 0; r0 < rows; r0 += chunkRows) {
      const r1 = Math.min(rows, r0 + chunkRows);
      heap.set(x.data.subarray(x.offset + r0 * cols, x.offset + r1 * cols), at);
      run((buffer - r0 * rowBytes) | 0, r0, r1);
    }
  } finally {
    rt.release(buffer);
  }
}

/** `(m,k) @ (k,1)`: output i is row i of `a` dotted with `b`. In the heap, both threads claim blocks of rows. */
function matrixTimesColumn(
  rt: KernelRuntime,
  a: NdArray<Float64Array>,
  b: NdArray<Float64Array>,
  m: number,
  k: number,
): Float64Array {
  const base = rt.addressOf(a.data);
  const vec = rt.alloc(k),
    out = rt.alloc(m);
  try {
    putVector(rt, b, vec, k);
    let result = null as Float64Array | null; // (an assertion: it is set inside runJob's callback)
    if (base < 0) {
      streamRows(rt, a, m, k, (at, r0, r1) => rt.kernels.matcol(at, vec, out, k, r0, r1));
    } else {
      const address = base + a.offset * 8;
      if (m >= 16 && m * k >= MIN_PARALLEL_WORK) {
        // Shared, every block can be claimed by either thread (the main thread claims inside finishWorker).
        const blockRows = Math.max(64, Math.ceil(ROW_BLOCK_DOUBLES / k));
        const job: WorkerJob = {
          kernel: "matcol",
          args: [address, vec, out, k, 0, m],
          rangeArg: 4,
          chunk: m,
          blockSize: blockRows,
        };
        rt.runJob(
          job,
          m,
          () => rt.kernels.matcol(address, vec, out, k, 0, m),
          () => (result = new Float64Array(m)), // made while the worker wakes up
        );
      } else {
        rt.kernels.matcol(address, vec, out, k, 0, m);
      }
    }
    const at = out / 8;
    if (!result) return rt.f64.slice(at, at + m);
    result.set(rt.f64.subarray(at, at + m));
    return result;
  } finally {
    rt.release(out);
    rt.release(vec);
  }
}

/** `(1,k) @ (k,n)`: output j sums a[p]*b[p,j] over p in order, on the main thread. */
function rowTimesMatrix(
  rt: KernelRuntime,
  a: NdArray<Float64Array>,
  b: NdArray<Float64Array>,
  k: number,
  n: number,
): Float64Array {
  const base = rt.addressOf(b.data);
  const vec = rt.alloc(k),
    out = rt.alloc(n);
  try {
    putVector(rt, a, vec, k);
    rt.f64.fill(0, out / 8, out / 8 + n);
    if (base < 0) {
      // chunks of rows in order: each out[j] still adds a[p]*b[p,j] for p = 0, 1, 2, ...
      streamRows(rt, b, k, n, (at, p0, p1) => rt.kernels.rowvec(vec, at, out, n, p0, p1, 0, n));
    } else {
      // One thread: the sums run down the rows in order, so two threads could only split the columns, and
      // reading every row in two halves (a stream with gaps) was measured 2-4x slower than one thread
      // reading the rows whole.
      rt.kernels.rowvec(vec, base + b.offset * 8, out, n, 0, k, 0, n);
    }
    return rt.f64.slice(out / 8, out / 8 + n);
  } finally {
    rt.release(out);
    rt.release(vec);
  }
}
