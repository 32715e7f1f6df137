/**
 * The seam through which fast kernels plug into the array type. The array layer owns this interface and
 * never imports an implementation: src/kernels implements it and registers itself when it is loaded (the
 * package entry loads it), so ndarray works alone with its plain loops and gets faster when kernels are there.
 */
import type { NdArray } from "ndarray";

/** What a fast-kernel backend offers the array layer. */
export interface KernelBackend {
  /**
   * The 2-D matrix product `a @ b` (shapes already checked: (m,k) and (k,n)) as a row-major (m,n) Float64Array,
   * or null when the backend has no fast path for these operands (the caller then runs its plain loop). Must
   * give exactly the plain loop's numbers.
   */
  matmul(a: NdArray<Float64Array>, b: NdArray<Float64Array>): Float64Array | null;
}

let current: KernelBackend | null = null;

/**
 * Installs the backend the array operations try first (replacing any earlier one); null goes back to the
 * plain loops.
 * @example registerKernelBackend({ matmul: (a, b) => null }) // a backend that never helps
 */
export function registerKernelBackend(backend: KernelBackend | null): void {
  current = backend;
}

/** The registered backend, or null (plain loops only). */
export function kernelBackend(): KernelBackend | null {
  return current;
}
