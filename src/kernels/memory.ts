/**
 * Arrays that live in the kernels' shared WebAssembly memory.
 *
 * The fast kernels (matrix products, the fused training step) read their big operand from the shared
 * heap, where the helper worker can read it too. An array in ordinary memory has to be copied or
 * streamed into that heap on EVERY call, and for matrix-vector products that copy costs more than the
 * product itself. A large, long-lived array (the course's X) can instead be put in kernel memory once:
 * products and training then use it in place, on both cores, with no extra copy of it in memory.
 *
 * A block of kernel memory belongs to the Float64Array returned by {@link kernelFloat64Array} (the data
 * buffer object that an NDArray and all its views share): it is freed when that object is garbage
 * collected. So keep the NDArray (or a view of it, or its `toFloat64Array()`) while you use the data; a
 * `subarray()` of the buffer alone does NOT keep the block.
 */
import ndarray from "ndarray";
import { NDArray } from "../ndarray/ndarray";
import { checkSize } from "../ndarray/shape";
import type { Shape } from "../ndarray/shape";
import { KernelRuntime, getRuntime } from "./runtime";

type HeapBlock = { rt: KernelRuntime; address: number };
/** Returns a kernel-memory block to the heap once the Float64Array that owns it is collected. */
const blockCleanup = new FinalizationRegistry<HeapBlock>(({ rt, address }) => rt.release(address));

/**
 * A zero-filled Float64Array of `length` values in the kernels' shared memory, or null when the kernel
 * runtime is unavailable or its memory is not shared (a page without SharedArrayBuffer); then use an
 * ordinary `new Float64Array(length)`. Its block is freed when the returned object is garbage collected.
 * @throws RangeError when `length` is not a non-negative integer or the shared heap cannot grow that much;
 *   ShapeError above the library's limit of elements per array (MAX_ELEMENTS, 2^27)
 * @example
 * const data = kernelFloat64Array(n * m) ?? new Float64Array(n * m);
 * // fill data, then: const X = fromFloat64Array(data, [n, m]);
 */
export function kernelFloat64Array(length: number): Float64Array | null {
  if (!Number.isSafeInteger(length) || length < 0)
    throw new RangeError(`kernelFloat64Array: length must be a non-negative integer, got ${length}`);
  checkSize("kernelFloat64Array", [length]);
  const rt = getRuntime();
  // Growing an unshared memory detaches every view of it: an array living there would die with the next grow.
  if (!rt || !rt.shared) return null;
  const address = rt.alloc(length);
  const view = new Float64Array(rt.f64.buffer, address, length);
  view.fill(0); // a released block may hold an earlier array's values
  blockCleanup.register(view, { rt, address });
  return view;
}

/** True when `a`'s elements live in the kernels' shared memory (products with it need no copy). */
export function inKernelMemory(a: NDArray<Shape>): boolean {
  const rt = getRuntime();
  return rt !== null && rt.addressOf(a.storage.data) >= 0;
}

/**
 * A copy of `a` in the kernels' shared memory (contiguous, row-major), for a large array used by many
 * products or a training loop: they then read it in place on both cores instead of copying it into
 * the kernel heap at every call. Make it once, keep it, and drop the original. Returns `a` itself when it
 * already lives there, and an ordinary copy when the kernel runtime is unavailable (same numbers, just
 * slower products). The memory is freed when the result and all its views are garbage collected.
 * @example
 * const X = toKernelMemory(fromFloat64Array(pixels, [12288, 209]));
 * matmul(w.T, X); // no copy of X
 */
export function toKernelMemory<S extends Shape>(a: NDArray<S>): NDArray<S> {
  if (inKernelMemory(a)) return a;
  const data = kernelFloat64Array(a.size);
  if (!data) return a.copy();
  const values = a.toFloat64Array(); // a's own buffer when it is contiguous (then nothing is copied twice)
  data.set(values);
  return new NDArray<S>(ndarray(data, a.shape.slice()));
}
