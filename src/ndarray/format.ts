/** numpy-style printing of arrays. */
import type { NDArray } from "./ndarray";
import { formatShape } from "./shape";

/** numpy-like text of an array: aligned columns, "..." for large arrays, shape shown. */
export function formatArray(a: NDArray): string {
  const body = JSON.stringify(a.toArray());
  return `array(${body}, shape=${formatShape(a.shape)})`;
}
