/**
 * Making the `ndarray` view of a fresh contiguous result without the `ndarray()` entry function.
 *
 * `ndarray(data, shape)` finds the view class on every call: it tests whether `data` is a Node Buffer,
 * names its type with `Object.prototype.toString`, computes the strides and the offset, then calls the
 * cached class. For a (3,3) add that took about as long as the addition itself (0.13-0.17 µs of 0.6-1 µs).
 * Results are always a Float64Array laid out row-major from offset 0, so the view class of each rank is
 * looked up once here and called directly: the same class, so the same objects as `ndarray()` makes.
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
