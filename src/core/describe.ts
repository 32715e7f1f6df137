/**
 * One way to name an unexpected value in a message, used by the library's TypeErrors and by the
 * exercises' hints alike: "undefined (did you forget to return a value?)", "the number 3",
 * "an NDArray of shape (3,1)", "a plain JavaScript array of length 2 (wrap it with array(...))".
 */
import { formatShape } from "./format";

/** Anything with a numeric shape and a way to read its elements: an NDArray, seen from below the array layer. */
interface ShapedArray {
  readonly shape: readonly number[];
  toFloat64Array(): Float64Array;
}

function isShapedArray(value: unknown): value is ShapedArray {
  return (
    typeof value === "object" &&
    value !== null &&
    Array.isArray((value as ShapedArray).shape) &&
    typeof (value as ShapedArray).toFloat64Array === "function"
  );
}

/**
 * A short description of any value for error messages and hints.
 * @example describe([1, 2]) // "a plain JavaScript array of length 2 (wrap it with array(...))"
 */
export function describe(value: unknown): string {
  if (value === undefined) return "undefined (did you forget to return a value?)";
  if (value === null) return "null";
  if (isShapedArray(value)) return `an NDArray of shape ${formatShape(value.shape)}`;
  if (typeof value === "number") return `the number ${value}`;
  if (Array.isArray(value)) return `a plain JavaScript array of length ${value.length} (wrap it with array(...))`;
  if (typeof value === "function") return "a function";
  const type = typeof value;
  return `${type === "object" ? "an" : "a"} ${type}`;
}
