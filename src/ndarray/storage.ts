/**
 * Fresh results for element-wise operations, made cheaply: their data and their `ndarray` view.
 *
 * Data: a Float64Array of more than 8 values (64 bytes) gets its own block of memory outside V8's heap,
 * with bookkeeping that the garbage collector finishes on a helper thread. For a (3,3) result that cost more
 * than the rest of the operation, and it swung with the scheduling of that helper thread (0.25-0.9 µs per
 * result, depending on whether the other core was idle or busy; steady with `--single-threaded-gc`). Small
 * results (up to {@link POOLED_MAX} values) are therefore cut from a shared {@link POOL_BLOCK_BYTES}-byte
 * ArrayBuffer, one outside block for many results.
 *
 * View: `ndarray(data, shape)` finds the view class on every call: it tests whether `data` is a Node Buffer,
 * names its type with `Object.prototype.toString`, computes the strides and the offset, then calls the
 * cached class (0.13-0.17 µs, as long as the rest of a (3,3) add). Results are always laid out row-major
 * from offset 0, so the view class of each rank is looked up once here and called directly: the same class,
 * so the same objects as `ndarray()` makes.
 */
import ndarray from "ndarray";
import type { NdArray } from "ndarray";

type Storage = NdArray<Float64Array>;
/** An `ndarray` view class: `new View(data, ...shape, ...stride, offset)`. */
type ViewClass = new (data: Float64Array, ...shapeStridesOffset: number[]) => Storage;

/** The class `ndarray()` uses for float64 views of `rank` dimensions. */
function viewClass(rank: number): ViewClass {
  return (ndarray(new Float64Array(0), new Array<number>(rank).fill(0)) as unknown as { constructor: ViewClass })
    .constructor;
}

/** Largest result (in values) cut from a shared block; 9 to 32 values, as 8 or fewer live in V8's heap. */
export const POOLED_MAX = 32;
/** Size of a shared block (1 KiB, 14 results of (3,3)): a kept small result keeps at most this much memory alive. */
export const POOL_BLOCK_BYTES = 1024;
let block = new ArrayBuffer(0),
  blockUsed = POOL_BLOCK_BYTES; // full: the first small result makes the first block

/**
 * A zero-filled Float64Array of `size` values for a new result. Up to {@link POOLED_MAX} values it is a view
 * into a block shared with other small results (each result has its own values; the block is freed when the
 * last of them is collected), so its `buffer` is larger than the array and its `byteOffset` may not be 0.
 */
export function resultData(size: number): Float64Array {
  if (size <= 8 || size > POOLED_MAX) return new Float64Array(size);
  const bytes = size * 8;
  if (blockUsed + bytes > POOL_BLOCK_BYTES) {
    block = new ArrayBuffer(POOL_BLOCK_BYTES);
    blockUsed = 0;
  }
  const data = new Float64Array(block, blockUsed, size);
  blockUsed += bytes;
  return data;
}

const View1 = viewClass(1),
  View2 = viewClass(2);

/**
 * A row-major view of `data` (which holds exactly the `shape`'s elements) from offset 0: what
 * `ndarray(data, shape)` returns, made faster for ranks 1 and 2. `shape` is copied.
 */
export function contiguousStorage(data: Float64Array, shape: readonly number[]): Storage {
  switch (shape.length) {
    case 1:
      return new View1(data, shape[0], 1, 0);
    case 2:
      return new View2(data, shape[0], shape[1], shape[1], 1, 0);
    default:
      return ndarray(data, shape.slice());
  }
}
