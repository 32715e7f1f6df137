/** Matrix products: matmul/dot of 2-D arrays, outer products. */
import ndarray from "ndarray";
import { NDArray } from "./ndarray";
import { ShapeError } from "../core";
import { checkSize, formatShape } from "./shape";
import { kernelBackend } from "./backend";

/**
 * `T`, but TypeScript may not infer `T` from here (what `NoInfer` does in TypeScript 5.4+). Used for
 * the inner dimension of a matrix product: it is read from the first operand only, so a column
 * `(n,1)` times a general matrix (the course's forgotten `w.T`) is a compile error instead of
 * `K` quietly widening to `number`.
 */
export type InferFromFirst<T> = [T][T extends unknown ? 0 : never];

/**
 * Matrix product of an (m, k) and a (k, n) array, giving (m, n) — numpy's `A @ B` for 2-D arrays.
 * Both operands must be 2-D: a rank-1 `(n,)` array does not compile here; reshape it to a column
 * `(n, 1)` or row `(1, n)` first, as the course recommends.
 * @throws ShapeError when the inner dimensions differ, e.g. `matmul: shapes (3,2) and (3,1) not aligned: 2 (dim 1) != 3 (dim 0)`
 */
export function matmul<M extends number, K extends number, N extends number>(
  a: NDArray<[M, K]>,
  b: NDArray<[InferFromFirst<K>, N]>,
): NDArray<[M, N]> {
  for (const [name, x] of [
    ["first", a],
    ["second", b],
  ] as const) {
    if (!(x instanceof NDArray)) throw new TypeError(`matmul: ${name} operand must be an NDArray, got ${typeof x}`);
    if (x.ndim !== 2) {
      throw new ShapeError(
        `matmul: ${name} operand must be 2-D, got shape ${formatShape(x.shape)}; reshape a (n,) vector to a column (n,1) or a row (1,n)`,
      );
    }
  }
  const [m, k] = a.shape;
  const [k2, n] = b.shape;
  if (k !== k2) {
    throw new ShapeError(
      `matmul: shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} not aligned: ${k} (dim 1) != ${k2} (dim 0)`,
    );
  }
  checkSize("matmul", [m, n]);
  const fast = kernelBackend()?.matmul(a.storage, b.storage) ?? null;
  if (fast) return new NDArray(ndarray(fast, [m, n])) as NDArray<[M, N]>;
  const out = new Float64Array(m * n);
  const A = a.storage,
    B = b.storage;
  const ad = A.data,
    bd = B.data;
  const [as0, as1] = A.stride,
    [bs0, bs1] = B.stride;
  // i-p-j order: the inner loop walks a row of B and a row of the output.
  for (let i = 0; i < m; i++) {
    const orow = i * n;
    for (let p = 0; p < k; p++) {
      const aip = ad[A.offset + i * as0 + p * as1];
      let bj = B.offset + p * bs0;
      for (let j = 0; j < n; j++, bj += bs1) out[orow + j] += aip * bd[bj];
    }
  }
  return new NDArray(ndarray(out, [m, n])) as NDArray<[M, N]>;
}

/** numpy's `np.dot` for 2-D arrays (same as {@link matmul}). */
export const dot = matmul;

/** Outer product of two rank-1 arrays: (m,) and (n,) give (m, n). */
export function outer(a: NDArray<[number]>, b: NDArray<[number]>): NDArray<[number, number]> {
  if (a.ndim !== 1 || b.ndim !== 1) {
    throw new ShapeError(`outer: operands must be 1-D, got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  }
  return matmul(a.reshape([-1, 1]) as NDArray<[number, number]>, b.reshape([1, -1]) as NDArray<[number, number]>);
}
