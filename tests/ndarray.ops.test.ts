/** Element-wise arithmetic, reductions and matrix products: values, edge cases and error messages. */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  array,
  arange,
  zeros,
  column,
  row,
  matmul,
  dot,
  outer,
  add,
  sub,
  mul,
  div,
  pow,
  exp,
  log,
  sqrt,
  abs,
  ShapeError,
  ValueError,
  NDArray,
} from "../src";
import type { Matrix } from "../src";

const list = (a: NDArray) => a.toArray();

test("binary ops broadcast like numpy: (3,1) with (1,4), rank mismatch, numbers on either side", () => {
  const c = column([1, 2, 3]);
  const r = row([10, 20, 30, 40]);
  const s = c.add(r);
  assert.deepEqual(s.shape, [3, 4]);
  assert.deepEqual(list(s), [
    [11, 21, 31, 41],
    [12, 22, 32, 42],
    [13, 23, 33, 43],
  ]);
  assert.deepEqual(
    list(
      array([
        [1, 2],
        [3, 4],
      ]).sub(array([1, 2])),
    ),
    [
      [0, 0],
      [2, 2],
    ],
  );
  assert.deepEqual(list(array([1, 2]).mul(3)), [3, 6]);
  assert.deepEqual(list(sub(1, array([0.25, 1]))), [0.75, 0]);
  assert.deepEqual(list(div(1, array([2, 4]))), [0.5, 0.25]);
  assert.deepEqual(list(add(1, 2)), 3, "two numbers give a 0-d array");
  assert.deepEqual(list(mul(array([1, 2]), array([[3], [4]]))), [
    [3, 6],
    [4, 8],
  ]);
  assert.deepEqual(list(pow(2, array([0, 3]))), [1, 8]);
  assert.deepEqual(list(array([2, 9]).div(array([4, 3]))), [0.5, 3]);
});

test("comparisons give 1/0 and NaN compares false except ne", () => {
  const a = array([1, 2, NaN]);
  assert.deepEqual(list(a.lt(2)), [1, 0, 0]);
  assert.deepEqual(list(a.le(2)), [1, 1, 0]);
  assert.deepEqual(list(a.gt(1)), [0, 1, 0]);
  assert.deepEqual(list(a.ge(1)), [1, 1, 0]);
  assert.deepEqual(list(a.eq(a)), [1, 1, 0]);
  assert.deepEqual(list(a.ne(a)), [0, 0, 1]);
});

test("broadcast errors name the operation and both shapes as numpy prints them", () => {
  // (The example (3,1) (4,) does broadcast, to (3,4), in numpy and here: see the first test.)
  assert.deepEqual(zeros([3, 1]).add(zeros([4])).shape, [3, 4]);
  const c = zeros([3, 2]);
  const v = zeros([4]);
  for (const op of ["add", "sub", "mul", "div", "pow", "lt", "le", "gt", "ge", "eq", "ne"] as const) {
    assert.throws(() => (c as NDArray)[op](v), {
      name: "ShapeError",
      message: `${op}: operands could not be broadcast together with shapes (3,2) (4,)`,
    });
  }
  assert.throws(() => sub(zeros([2, 3]), zeros([3, 2])), {
    message: "sub: operands could not be broadcast together with shapes (2,3) (3,2)",
  });
  assert.throws(() => zeros([0]).add(zeros([2])), {
    message: "add: operands could not be broadcast together with shapes (0,) (2,)",
  });
  assert.throws(() => zeros([2]).add([1, 2] as unknown as NDArray), {
    name: "TypeError",
    message: "add: expected an NDArray or a number, got a plain JavaScript array of length 2 (wrap it with array(...))",
  });
  assert.throws(() => add("1" as unknown as number, zeros([1])), {
    name: "TypeError",
    message: "add: expected an NDArray or a number, got a string",
  });
});

test("unary ops, also on transposed and sliced views; numpy's special values", () => {
  const m = array([
    [1, 4],
    [9, 16],
  ]);
  assert.deepEqual(list(m.T.sqrt()), [
    [1, 3],
    [2, 4],
  ]);
  assert.deepEqual(list(sqrt(m.slice(1, 1))), [[2], [4]]);
  assert.deepEqual(list(array([-1.5, 2]).abs()), [1.5, 2]);
  assert.deepEqual(list(abs(array([-3]))), [3]);
  assert.deepEqual(list(array([1, -2]).neg()), [-1, 2]);
  assert.equal(exp(array([1])).item(), Math.E);
  assert.deepEqual(list(log(array([1, 0, -1]))), [0, -Infinity, NaN]);
  assert.deepEqual(list(array(0).exp()), 1, "0-d arrays work");
  assert.throws(() => exp(2 as unknown as NDArray), {
    name: "TypeError",
    message: "exp: expected an NDArray, got number (for a single number use Math.exp)",
  });
});

test("pow follows C/numpy where JavaScript differs (1**NaN, 1**inf, (-1)**inf)", () => {
  assert.deepEqual(list(array([1, 1, -1, -1, 2]).pow(array([NaN, Infinity, Infinity, -Infinity, 0.5]))), [
    1,
    1,
    1,
    1,
    Math.SQRT2,
  ]);
  assert.deepEqual(list(pow(1, array([NaN]))), [1]);
  assert.deepEqual(list(array([-8]).pow(1 / 3)), [NaN], "a negative base with a fractional power is NaN, as in numpy");
  assert.deepEqual(list(array(1).pow(NaN)), 1);
});

test("clip and map", () => {
  assert.deepEqual(list(array([-2, 0.5, 3, NaN]).clip(0, 1)), [0, 0.5, 1, NaN]);
  assert.throws(() => array([1]).clip(1, 0), {
    name: "ValueError",
    message: "clip: need numbers lo <= hi, got lo=1, hi=0",
  });
  assert.throws(() => array([1]).clip(NaN, 0), ValueError);
  assert.deepEqual(
    list(
      array([
        [1, 2],
        [3, 4],
      ]).T.map((v, i) => v * 10 + i),
    ),
    [
      [10, 31],
      [22, 43],
    ],
  );
  assert.throws(() => array([1, 2]).map(() => undefined as unknown as number), {
    name: "TypeError",
    message: "map: the function returned undefined for element 0 (value 1); it must return a number",
  });
});

test("sum/mean/max/min/argmax/argmin over all elements and along axes, with keepdims", () => {
  const a = array([
    [1, 5, 3],
    [4, 2, 6],
  ]);
  assert.equal(a.sum(), 21);
  assert.equal(a.mean(), 3.5);
  assert.equal(a.max(), 6);
  assert.equal(a.min(), 1);
  assert.equal(a.argmax(), 5);
  assert.equal(a.argmin(), 0);
  assert.deepEqual(list(a.sum(0)), [5, 7, 9]);
  assert.deepEqual(a.sum(0, true).shape, [1, 3]);
  assert.deepEqual(list(a.sum(1, true)), [[9], [12]]);
  assert.deepEqual(list(a.mean(-1)), [3, 4]);
  assert.deepEqual(list(a.max(0)), [4, 5, 6]);
  assert.deepEqual(list(a.min(1)), [1, 2]);
  assert.deepEqual(list(a.argmax(1)), [1, 2]);
  assert.deepEqual(list(a.argmin(0, true)), [[0, 1, 0]]);
  assert.deepEqual(list(a.T.sum(1)), [5, 7, 9], "transposed view");
  assert.deepEqual(list(a.slice(1, 2, undefined, -2).sum(0)), [9, 5], "sliced view with a negative step");
});

test("reductions: ties give the first index, NaN propagates and wins argmax/argmin, empty arrays", () => {
  assert.equal(array([3, 1, 3]).argmax(), 0);
  assert.equal(array([1, 0, 0]).argmin(), 1);
  assert.ok(Number.isNaN(array([1, NaN, 3]).max()));
  assert.ok(Number.isNaN(array([NaN, 1]).min()));
  assert.ok(Number.isNaN(array([1, NaN]).sum()));
  assert.equal(array([1, NaN, 5, NaN]).argmax(), 1);
  assert.equal(array([1, NaN, -5]).argmin(), 1);
  assert.deepEqual(
    list(
      array([
        [1, NaN],
        [2, 0],
      ]).max(1),
    ),
    [NaN, 2],
  );
  assert.equal(zeros([0]).sum(), 0);
  assert.deepEqual(list(zeros([2, 0]).sum(1)), [0, 0]);
  assert.throws(() => zeros([0]).max(), {
    name: "ShapeError",
    message: "max: zero-size array (shape (0,)) has no extreme value",
  });
  assert.throws(() => zeros([0]).mean(), { message: "mean: zero-size array (shape (0,)) has no mean" });
  assert.throws(() => zeros([2, 0]).argmax(1), {
    message: "argmax: zero-size array along axis 1 (shape (2,0)) has no extreme value",
  });
  assert.throws(() => zeros([2, 3]).sum(2), {
    name: "ShapeError",
    message: "sum: axis 2 is out of bounds for array of dimension 2",
  });
  assert.throws(() => zeros([2, 3]).mean(-3), { message: "mean: axis -3 is out of bounds for array of dimension 2" });
  assert.throws(() => zeros([2]).sum(undefined as unknown as number, true), { message: "sum: keepdims needs an axis" });
});

test("sums are compensated: 0.1 ten thousand times and cancelling magnitudes", () => {
  const tenths = zeros([10000]).add(0.1);
  assert.equal(tenths.sum(), 1000);
  assert.equal(array([1e16, 1, -1e16]).sum(), 1, "a naive left-to-right sum gives 0");
  assert.equal(
    array([[1e16], [1], [-1e16]])
      .sum(0)
      .item(),
    1,
  );
});

test("matmul/dot of 2-D arrays (also transposed and sliced views) and outer", () => {
  const A = array([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  const B = array([
    [1, 0],
    [0, 1],
    [1, 1],
  ]);
  assert.deepEqual(list(A.matmul(B)), [
    [4, 5],
    [10, 11],
  ]);
  assert.deepEqual(list(matmul(A, A.T)), [
    [14, 32],
    [32, 77],
  ]);
  assert.deepEqual(list(dot(B.T, B)), [
    [2, 1],
    [1, 2],
  ]);
  assert.deepEqual(
    list(A.slice(1, 0, undefined, 2).matmul(column([1, -1]))),
    [[-2], [-2]],
    "columns 0 and 2 of A (a strided view)",
  );
  assert.deepEqual(list(column([1, 2]).matmul(row([3, 4]))), [
    [3, 4],
    [6, 8],
  ]);
  assert.deepEqual(list(matmul(zeros([2, 0]) as Matrix, zeros([0, 3]) as Matrix)), [
    [0, 0, 0],
    [0, 0, 0],
  ]);
  assert.deepEqual(list(outer(array([1, 2]), array([3, 4, 5]))), [
    [3, 4, 5],
    [6, 8, 10],
  ]);
  assert.ok(
    Number.isNaN(
      array([[NaN, 1]])
        .matmul(array([[0], [1]]))
        .item(),
    ),
    "NaN * 0 stays NaN",
  );
});

test("matmul/outer errors name the shapes", () => {
  assert.throws(() => matmul(zeros([3, 2]), zeros([3, 1])), {
    name: "ShapeError",
    message: "matmul: shapes (3,2) and (3,1) not aligned: 2 (dim 1) != 3 (dim 0)",
  });
  assert.throws(() => matmul(arange(3) as unknown as Matrix, zeros([3, 1])), {
    message:
      "matmul: first operand must be 2-D, got shape (3,); reshape a (n,) vector to a column (n,1) or a row (1,n)",
  });
  assert.throws(() => matmul(zeros([1, 3]), zeros([3]) as unknown as Matrix), {
    message: /^matmul: second operand must be 2-D, got shape \(3,\)/,
  });
  assert.throws(() => matmul([[1]] as unknown as Matrix, zeros([1, 1])), {
    name: "TypeError",
    message: "matmul: first operand must be an NDArray, got object",
  });
  assert.throws(() => outer(zeros([2, 1]) as unknown as NDArray<[number]>, arange(2)), {
    name: "ShapeError",
    message: "outer: operands must be 1-D, got shapes (2,1) and (2,)",
  });
  assert.ok(ShapeError.prototype instanceof Error);
});
