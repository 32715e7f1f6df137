/**
 * The float32 handle of the opt-in float32 path (see float32.ts and `asFloat32`): its own file so that
 * validate.ts can recognise it without importing the conversion.
 */
import { ValueError, formatShape, fromFloat64Array } from "../ndarray";
import type { Matrix } from "../ndarray";
import { Float32Store } from "../kernels/fused32";

/**
 * A read-only float32 copy of a matrix X (n features, m examples) in the kernels' memory, made by
 * {@link asFloat32}. Pass it as X to `propagate`, `optimize`, `predict` or `model`. It has no array
 * operations on purpose (the library's arrays are float64); `toFloat64()` gives an ordinary copy.
 *
 * Its memory is freed when it is garbage collected, or at once with {@link Float32Matrix.dispose}; a
 * disposed Float32Matrix cannot be used again.
 */
export class Float32Matrix {
  /** The element type, for printing and for telling it apart from an NDArray. */
  readonly dtype = "float32" as const;
  /** (n, m): features (rows) and examples (columns), as the NDArray it was made from. */
  readonly shape: readonly [number, number];
  /** Number of features (rows). */
  readonly n: number;
  /** Number of examples (columns). */
  readonly m: number;
  #store: Float32Store;

  /** Use {@link asFloat32}: it checks the values. */
  private constructor(store: Float32Store) {
    this.#store = store;
    this.n = store.n;
    this.m = store.m;
    this.shape = [store.n, store.m];
  }

  /** @internal Wraps values already checked (finite, in float32's range), row-major (n, m). */
  static fromChecked(values: Float64Array, n: number, m: number): Float32Matrix {
    return new Float32Matrix(new Float32Store(values, n, m));
  }

  /** True once {@link dispose} ran. */
  get disposed(): boolean {
    return this.#store.disposed;
  }

  /**
   * Frees its memory now rather than when it is garbage collected (X of the course is 10 MB in float32).
   * Using it afterwards throws. Calling dispose twice is fine.
   */
  dispose(): void {
    this.#store.dispose();
  }

  /**
   * An ordinary float64 NDArray (n, m) with the float32 values (each within a relative 6e-8 of the values
   * it was made from).
   * @throws ValueError when disposed
   */
  toFloat64(): Matrix {
    return fromFloat64Array(float32StoreOf("toFloat64", "X", this).toFloat64(), [this.n, this.m]) as Matrix;
  }

  /** e.g. `Float32Matrix (12288,209)`. */
  toString(): string {
    return `Float32Matrix ${formatShape(this.shape)}${this.disposed ? " (disposed)" : ""}`;
  }

  /** What Node's `util.inspect` (and so tslab and console.log) prints: the same short line, no values. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  /** @internal The kernels' store behind `x`. */
  static storeOf(x: Float32Matrix): Float32Store {
    return x.#store;
  }
}

/** True when `x` is a {@link Float32Matrix}. */
export function isFloat32Matrix(x: unknown): x is Float32Matrix {
  return x instanceof Float32Matrix;
}

/**
 * The kernels' store of a Float32Matrix argument, for the learn functions.
 * @throws ValueError when it was disposed, naming the operation and the argument.
 */
export function float32StoreOf(op: string, name: string, x: Float32Matrix): Float32Store {
  const store = Float32Matrix.storeOf(x);
  if (store.disposed)
    throw new ValueError(
      `${op}: ${name} is a Float32Matrix ${formatShape(x.shape)} that was disposed; make it again with asFloat32(...)`,
    );
  return store;
}
