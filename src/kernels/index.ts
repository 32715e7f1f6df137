/**
 * Fast numeric kernels (to be filled in: see the kernels brief). The ndarray and learn modules call
 * these hooks and fall back to their plain loops when a hook returns null.
 */
import type { NdArray } from "ndarray";

/**
 * Fast path for a 2-D matrix product `a @ b`. Returns the row-major (m, n) result, or null when no fast
 * kernel applies (the caller then uses the plain loop). Must give exactly the plain loop's numbers.
 */
export function fastMatmul(_a: NdArray<Float64Array>, _b: NdArray<Float64Array>): Float64Array | null {
  return null;
}
