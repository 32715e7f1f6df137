/**
 * The small-operation fast paths (issue 18): results cut from shared blocks, views made without `ndarray()`,
 * the flat element-wise loops and the written-out sigmoid must give exactly what the general code gives.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import ndarray from "ndarray";
import { NDArray, array, arange, fromFloat64Array, sigmoid, sigmoidDerivative } from "../src";
import { sigmoidScalar } from "../src/core";
import { binary } from "../src/ndarray/elementwise";
import { POOLED_MAX, POOL_BLOCK_BYTES, contiguousStorage, resultData } from "../src/ndarray/storage";

/** Values where the sigmoid's two formulas, the exponential and the comparisons are most likely to differ. */
const SPECIAL = [0, -0, 1, -1, 0.5, -0.5, 36.7, -36.7, 709.8, -709.8, 745.2, -745.2, 746, -746, 1e-300, -1e-300];
const EDGES = [...SPECIAL, Infinity, -Infinity, NaN, 5e-324, -5e-324, 1e308, -1e308];

/** The sigmoid as the course writes it, one formula per sign (what sigmoidScalar computed before issue 18). */
function twoFormulaSigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** The same number, telling -0 from 0 and every NaN equal. */
function sameNumbers(got: ArrayLike<number>, want: ArrayLike<number>, what: string): void {
  assert.equal(got.length, want.length, `${what}: length`);
  for (let i = 0; i < want.length; i++) {
    assert.ok(Object.is(got[i], want[i]), `${what}[${i}]: got ${got[i]}, want ${want[i]}`);
  }
}

test("small results share a block yet keep their own values", () => {
  const a = arange(9).reshape([3, 3]);
  const results: NDArray[] = [];
  for (let k = 0; k < 3 * (POOL_BLOCK_BYTES / 72); k++) results.push(a.add(k)); // several blocks' worth
  results[5].set([1, 1], -1); // writing one result must not touch its neighbours in the block
  results.forEach((r, k) => {
    const want = Array.from({ length: 9 }, (_, i) => (k === 5 && i === 4 ? -1 : i + k));
    sameNumbers(r.toFloat64Array(), want, `result ${k}`);
  });
  const first = results[0].toFloat64Array();
  assert.ok(first.buffer.byteLength > first.byteLength, "a (3,3) result is a view into a larger shared block");
});

test("resultData: zero-filled, exact length, shared only between 9 and POOLED_MAX values", () => {
  for (const size of [0, 1, 8, 9, 17, POOLED_MAX, POOLED_MAX + 1, 1000]) {
    const data = resultData(size);
    assert.equal(data.length, size);
    assert.ok(
      data.every((v) => Object.is(v, 0)),
      `size ${size} is zero-filled`,
    );
    const shared = data.buffer.byteLength !== data.byteLength;
    assert.equal(shared, size > 8 && size <= POOLED_MAX, `size ${size} shared`);
  }
});

test("contiguousStorage makes the view ndarray() makes (class, shape, strides, offset), for ranks 1 to 3 and empty shapes", () => {
  for (const shape of [[5], [0], [3, 3], [1, 7], [4, 0], [0, 4], [2, 3, 4], [2, 0, 3]]) {
    const data = new Float64Array(shape.reduce((p, q) => p * q, 1));
    const fast = contiguousStorage(data, shape),
      slow = ndarray(data, shape.slice());
    assert.equal(fast.constructor, slow.constructor, `class for ${shape}`);
    assert.deepEqual(
      [fast.shape, fast.stride, fast.offset, fast.data],
      [slow.shape, slow.stride, slow.offset, slow.data],
      `${shape}`,
    );
    assert.notEqual(fast.shape, shape, "the shape is copied");
  }
});

test("sigmoid, sigmoidScalar and the derivative give the two-formula sigmoid's bits, after inputs of one sign too", () => {
  // First many calls with positive inputs only (as propagate makes them), then both signs: the loop must not
  // depend on which branch V8 has seen.
  const positive = fromFloat64Array(
    Float64Array.from({ length: 209 }, (_, i) => 0.1 + i * 1e-4),
    [1, 209],
  );
  for (let k = 0; k < 3000; k++) sigmoid(positive);
  const many = Array.from({ length: 4000 }, (_, i) => Math.sinh((i - 2000) / 250) * (i % 3 === 0 ? 1e-3 : 1));
  for (const values of [EDGES, many]) {
    const want = values.map(twoFormulaSigmoid);
    sameNumbers(sigmoid(array(values)).toFloat64Array(), want, "sigmoid");
    sameNumbers(values.map(sigmoidScalar), want, "sigmoidScalar");
    sameNumbers(
      sigmoidDerivative(array(values)).toFloat64Array(),
      want.map((s) => s * (1 - s)),
      "sigmoidDerivative",
    );
    values.forEach((v, i) => assert.ok(Object.is(sigmoid(v), want[i]), `sigmoid(${v}) as a number`));
  }
});

test("flat fast paths equal the general broadcasting path (non-flat and broadcast operands take it)", () => {
  const values = [...EDGES, 2, -3, 0.25, 7];
  const n = values.length; // 27: a pooled result
  const x = fromFloat64Array(Float64Array.from(values), [3, n / 3]);
  const y = fromFloat64Array(Float64Array.from(values).reverse(), [3, n / 3]);
  // the same values laid out column-major: not flat, so the general path runs
  const xGeneral = x.T.copy().T,
    yGeneral = y.T.copy().T;
  assert.equal(xGeneral.isContiguous || yGeneral.isContiguous, false);
  for (const op of ["add", "sub", "mul", "div", "lt", "le", "gt", "ge", "eq", "ne"] as const) {
    sameNumbers(x[op](y).toFloat64Array(), x[op](yGeneral).toFloat64Array(), op);
    // a number on either side against the same number broadcast as a (1,1) array
    for (const c of [0, -0, 2.5, NaN, -Infinity]) {
      const cArray = array([[c]]);
      sameNumbers(binary(op, x, c).toFloat64Array(), binary(op, xGeneral, cArray).toFloat64Array(), `${op} with ${c}`);
      sameNumbers(binary(op, c, x).toFloat64Array(), binary(op, cArray, xGeneral).toFloat64Array(), `${c} ${op}`);
    }
  }
  for (const op of ["neg", "exp", "log", "sqrt", "abs"] as const) {
    sameNumbers(x[op]().toFloat64Array(), xGeneral[op]().toFloat64Array(), op);
  }
});
