/** Creation, shape manipulation (views and copies), element access and narrowing: values and error messages. */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  array,
  arange,
  linspace,
  zeros,
  ones,
  full,
  fromFloat64Array,
  column,
  row,
  asColumn,
  asRow,
  asVector,
  asMatrix,
  concatenate,
  stack,
  unrollImages,
  formatShape,
  broadcastShapes,
  NDArray,
} from "../src";

const list = (a: NDArray) => a.toArray();

test("zeros/ones/full/array/fromFloat64Array", () => {
  assert.deepEqual(list(zeros([2, 1])), [[0], [0]]);
  assert.deepEqual(list(ones([3])), [1, 1, 1]);
  assert.deepEqual(list(full([1, 2], 7)), [[7, 7]]);
  assert.deepEqual(array([[1], [2]]).shape, [2, 1]);
  assert.deepEqual(array(5).shape, []);
  assert.deepEqual(array([]).shape, [0]);
  assert.deepEqual(array([[], []]).shape, [2, 0]);
  const data = Float64Array.of(1, 2, 3, 4);
  const a = fromFloat64Array(data, [2, 2]);
  data[0] = 9;
  assert.equal(a.get(0, 0), 9, "no copy");
  assert.throws(() => full([2], "1" as unknown as number), {
    name: "TypeError",
    message: "full: fill value must be a number, got string",
  });
  assert.throws(() => zeros([2, -1]), {
    name: "ShapeError",
    message: "zeros: invalid shape [2, -1]: dimensions must be non-negative integers",
  });
  assert.throws(() => zeros([1.5]), { name: "ShapeError" });
  assert.throws(() => fromFloat64Array(data, [3]), {
    message: "fromFloat64Array: 4 values do not fill shape [3] (3 elements)",
  });
});

test("array rejects ragged and non-numeric input with the position", () => {
  assert.throws(() => array([[1, 2], [3]]), {
    name: "ShapeError",
    message: "array: ragged nested sequence at [1]: expected length 2 (inferred shape [2, 2]), got length 1",
  });
  assert.throws(() => array([1, [2]] as never), {
    name: "ShapeError",
    message: "array: ragged nested sequence at [1]: expected a number at depth 1, got an array",
  });
  assert.throws(() => array([[1], 2] as never), {
    name: "ShapeError",
    message: "array: ragged nested sequence at [1]: expected length 1 (inferred shape [2, 1]), got a number",
  });
  assert.throws(() => array([1, "2"] as never), {
    name: "TypeError",
    message: "array: expected numbers, got string at [1]",
  });
  assert.throws(() => array([null] as never), {
    name: "TypeError",
    message: "array: expected numbers, got null at [0]",
  });
});

test("arange and linspace give numpy's values", () => {
  assert.deepEqual(list(arange(4)), [0, 1, 2, 3]);
  assert.deepEqual(list(arange(1, 2, 0.25)), [1, 1.25, 1.5, 1.75]);
  assert.deepEqual(list(arange(3, 0, -1)), [3, 2, 1]);
  assert.deepEqual(list(arange(0, -1)), []);
  assert.deepEqual(list(arange(0.1, 0.6, 0.1)), [0.1, 0.2, 0.30000000000000004, 0.4, 0.5]);
  assert.deepEqual(list(linspace(0, 1, 5)), [0, 0.25, 0.5, 0.75, 1]);
  assert.deepEqual(list(linspace(2, 3, 1)), [2]);
  assert.deepEqual(list(linspace(0, 1, 0)), []);
  assert.throws(() => arange(0, 1, 0), { name: "ValueError", message: "arange: step must not be zero" });
  assert.throws(() => arange(0, Infinity), {
    name: "ValueError",
    message: "arange: start, stop and step must be finite, got 0, Infinity, 1",
  });
  assert.throws(() => linspace(0, 1, -1), {
    name: "ValueError",
    message: "linspace: num must be a non-negative integer, got -1",
  });
  assert.throws(() => linspace(0, NaN), {
    name: "ValueError",
    message: "linspace: start and stop must be finite, got 0, NaN",
  });
});

test("shape, size, ndim, item, get/set with negative indices", () => {
  const a = arange(6).reshape([2, 3]);
  assert.deepEqual([a.shape, a.size, a.ndim], [[2, 3], 6, 2]);
  assert.equal(a.get(-1, -1), 5);
  a.set([0, -1], 42);
  assert.equal(a.get(0, 2), 42);
  assert.equal(array([[7]]).item(), 7);
  assert.equal(array(3).item(), 3);
  assert.throws(() => a.get(2, 0), {
    name: "ShapeError",
    message: "get: index 2 is out of bounds for axis 0 with size 2",
  });
  assert.throws(() => a.get(0), { name: "ShapeError", message: "get: got 1 indices for array of shape (2,3)" });
  assert.throws(() => a.set([0, 1.5], 1), { message: "set: index 1.5 is out of bounds for axis 1 with size 3" });
  assert.throws(() => a.item(), {
    name: "ShapeError",
    message: "item: can only convert an array of size 1, got shape (2,3)",
  });
});

test("reshape (with -1) is a view of contiguous data and a copy otherwise; errors", () => {
  const a = arange(6);
  const m = a.reshape([2, -1]);
  assert.deepEqual(m.shape, [2, 3]);
  m.set([1, 0], 99);
  assert.equal(a.get(3), 99, "a view shares memory");
  const t = m.T.reshape([-1]);
  assert.deepEqual(list(t), [0, 99, 1, 4, 2, 5], "transposed data read in row-major order");
  assert.throws(() => a.reshape([4, -1]), {
    name: "ShapeError",
    message: "reshape: cannot reshape array of size 6 (shape (6,)) into shape (4,-1)",
  });
  assert.throws(() => a.reshape([-1, -1]), {
    message: "reshape: can only specify one unknown dimension (-1), got (-1,-1)",
  });
  assert.throws(() => a.reshape([5]), {
    message: "reshape: cannot reshape array of size 6 (shape (6,)) into shape (5,)",
  });
  assert.deepEqual(list(m.flatten()), [0, 1, 2, 99, 4, 5]);
});

test("transpose, T and isContiguous", () => {
  const a = arange(24).reshape([2, 3, 4]);
  assert.deepEqual(a.T.shape, [4, 3, 2]);
  assert.equal(a.T.get(3, 2, 1), a.get(1, 2, 3));
  const p = a.transpose([1, 0, 2]);
  assert.deepEqual(p.shape, [3, 2, 4]);
  assert.equal(p.get(2, 1, 0), a.get(1, 2, 0));
  assert.equal(a.isContiguous, true);
  assert.equal(p.isContiguous, false);
  assert.deepEqual(arange(3).T.shape, [3], "rank 1 unchanged, as in numpy");
  assert.deepEqual(column([1, 2]).T.shape, [1, 2]);
  assert.throws(() => a.transpose([0, 1]), {
    name: "ShapeError",
    message: "transpose: axes [0, 1] do not match array of shape (2,3,4)",
  });
  assert.throws(() => a.transpose([0, 0, 1]), {
    message: "transpose: axes [0, 0, 1] do not match array of shape (2,3,4)",
  });
  assert.throws(() => a.transpose([0, 1, 3]), {
    message: "transpose: axis 3 is out of bounds for array of dimension 3",
  });
});

test("slice: Python slice rules, views sharing memory, errors", () => {
  const X = arange(20).reshape([2, 10]);
  const first = X.slice(1, 0, 3);
  assert.deepEqual(list(first), [
    [0, 1, 2],
    [10, 11, 12],
  ]);
  first.set([0, 0], -1);
  assert.equal(X.get(0, 0), -1, "a view");
  assert.deepEqual(list(arange(10).slice(0, -3)), [7, 8, 9]);
  assert.deepEqual(list(arange(10).slice(0, 8, 2, -3)), [8, 5]);
  assert.deepEqual(list(arange(5).slice(0, 4, undefined, -2)), [4, 2, 0]);
  assert.deepEqual(list(arange(5).slice(0, 1, 100)), [1, 2, 3, 4], "bounds are clipped");
  assert.deepEqual(list(arange(5).slice(0, 3, 1)), [], "empty");
  assert.deepEqual(list(arange(5).slice(0, -100, 2)), [0, 1]);
  assert.deepEqual(
    list(X.T.slice(0, 1, 3)),
    [
      [1, 11],
      [2, 12],
    ],
    "slice of a transposed view",
  );
  assert.throws(() => X.slice(2, 0, 1), {
    name: "ShapeError",
    message: "slice: axis 2 is out of bounds for array of dimension 2",
  });
  assert.throws(() => X.slice(0, 0, 1, 0), { name: "ValueError", message: "slice: step must not be zero" });
  assert.throws(() => X.slice(0, 0.5), { name: "ValueError", message: "slice: start must be an integer, got 0.5" });
});

test("concatenate and stack", () => {
  const a = array([[1, 2]]);
  const b = array([
    [3, 4],
    [5, 6],
  ]);
  assert.deepEqual(list(concatenate([a, b])), [
    [1, 2],
    [3, 4],
    [5, 6],
  ]);
  assert.deepEqual(list(concatenate([b.T, a.T], 1)), [
    [3, 5, 1],
    [4, 6, 2],
  ]);
  assert.deepEqual(list(concatenate([arange(2), arange(0), arange(1)])), [0, 1, 0]);
  assert.deepEqual(list(stack([arange(2), arange(2).add(5)])), [
    [0, 1],
    [5, 6],
  ]);
  assert.deepEqual(list(stack([arange(2), arange(2).add(5)], 1)), [
    [0, 5],
    [1, 6],
  ]);
  assert.deepEqual(list(stack([array(1), array(2)])), [1, 2]);
  assert.throws(() => concatenate([a, arange(2)] as NDArray[]), {
    name: "ShapeError",
    message:
      "concatenate: all shapes must match except along axis 0, but array 0 has shape (1,2) and array 1 has shape (2,)",
  });
  assert.throws(() => concatenate([a, b], 1), {
    message:
      "concatenate: all shapes must match except along axis 1, but array 0 has shape (1,2) and array 1 has shape (2,2)",
  });
  assert.throws(() => concatenate([]), { name: "ValueError", message: "concatenate: need at least one array" });
  assert.throws(() => concatenate([array(1)]), {
    name: "ShapeError",
    message: "concatenate: zero-dimensional arrays cannot be concatenated",
  });
  assert.throws(() => concatenate([a, [1] as unknown as NDArray]), {
    name: "TypeError",
    message: "concatenate: element 1 is not an NDArray (got object)",
  });
  assert.throws(() => stack([arange(2), arange(3)]), {
    name: "ShapeError",
    message: "stack: all input arrays must have the same shape, but array 0 has shape (2,) and array 1 has shape (3,)",
  });
  assert.throws(() => stack([arange(2)], 2), { message: "stack: axis 2 is out of bounds for array of dimension 2" });
});

test("unrollImages matches numpy's X.reshape(m, -1).T element for element", () => {
  // 2 images of 2x2 pixels with 3 channels; value = 1000*image + 100*row + 10*col + channel
  const images = zeros([2, 2, 2, 3]).map((_, i) => {
    const [m, r, c, ch] = [Math.floor(i / 12), Math.floor(i / 6) % 2, Math.floor(i / 3) % 2, i % 3];
    return 1000 * m + 100 * r + 10 * c + ch;
  }) as NDArray<[number, number, number, number]>;
  const X = unrollImages(images);
  assert.deepEqual(X.shape, [12, 2]);
  assert.deepEqual(list(X.slice(1, 0, 1).flatten()), [0, 1, 2, 10, 11, 12, 100, 101, 102, 110, 111, 112]);
  assert.equal(X.get(5, 1), 1012);
  assert.equal(X.isContiguous, true);
  assert.deepEqual(unrollImages(zeros([0, 4, 4, 3])).shape, [48, 0]);
  assert.throws(() => unrollImages(zeros([2, 3, 4]) as never), {
    name: "ShapeError",
    message: "unrollImages: expected images of shape (m, height, width, channels), got shape (2,3,4)",
  });
});

test("column/row and the run-time narrowing helpers", () => {
  assert.deepEqual(column([1, 2]).shape, [2, 1]);
  assert.deepEqual(row([1, 2]).shape, [1, 2]);
  assert.deepEqual(column([]).shape, [0, 1]);
  assert.throws(() => column([1, "2"] as never), {
    name: "TypeError",
    message: "column: expected numbers, got string at [1]",
  });
  const m = zeros([3, 1]) as NDArray;
  assert.equal(asColumn(m), m);
  assert.equal(asMatrix(m), m);
  assert.throws(() => asColumn(zeros([3])), {
    name: "ShapeError",
    message: "asColumn: expected a column of shape (n,1), got an NDArray of shape (3,)",
  });
  assert.throws(() => asRow(m), {
    name: "ShapeError",
    message: "asRow: expected a row of shape (1,m), got an NDArray of shape (3,1)",
  });
  assert.throws(() => asVector(m), {
    message: "asVector: expected a rank-1 array of shape (n,), got an NDArray of shape (3,1)",
  });
  assert.throws(() => asMatrix(zeros([2, 2, 2])), {
    message: "asMatrix: expected a 2-D array of shape (n,m), got an NDArray of shape (2,2,2)",
  });
  assert.throws(() => asColumn(5 as never), {
    message: "asColumn: expected a column of shape (n,1), got the number 5",
  });
});

test("formatShape and broadcastShapes", () => {
  assert.equal(formatShape([3]), "(3,)");
  assert.equal(formatShape([3, 1]), "(3,1)");
  assert.equal(formatShape([]), "()");
  assert.deepEqual(broadcastShapes("add", [3, 1], [1, 4]), [3, 4]);
  assert.deepEqual(broadcastShapes("add", [], [2]), [2]);
  assert.throws(() => broadcastShapes("mul", [2, 3], [4, 1, 2]), {
    message: "mul: operands could not be broadcast together with shapes (2,3) (4,1,2)",
  });
});

test("arrays above MAX_ELEMENTS (2^27) are refused with a ShapeError naming the shape and the limit, before allocating", async () => {
  const { MAX_ELEMENTS, ShapeError, matmul, seededRandom } = await import("../src");
  const { kernelFloat64Array } = await import("../src/kernels");
  assert.equal(MAX_ELEMENTS, 2 ** 27);
  const refused = (fn: () => unknown, op: string, shape: string) =>
    assert.throws(fn, (err: Error) => {
      assert.ok(err instanceof ShapeError, `${op}: ${err.name}: ${err.message}`);
      assert.match(
        err.message,
        new RegExp(`^${op}: shape \\(${shape}\\) has \\d+(e\\+\\d+)? elements, more than the limit of 134217728`),
      );
      return true;
    });
  refused(() => zeros([1e9, 1e9]), "zeros", "1000000000,1000000000");
  refused(() => ones([1e9]), "ones", "1000000000,");
  refused(() => full([MAX_ELEMENTS + 1], 2), "full", "134217729,");
  refused(() => zeros([2 ** 14, 1]).add(zeros([1, 2 ** 14])), "add", "16384,16384");
  refused(() => matmul(zeros([2 ** 14, 1]), zeros([1, 2 ** 14])), "matmul", "16384,16384");
  refused(() => arange(0, 1e12), "arange", "1000000000000,");
  refused(() => linspace(0, 1, 1e9), "linspace", "1000000000,");
  refused(() => seededRandom(1).normal([1e5, 1e5]), "normal", "100000,100000");
  refused(() => kernelFloat64Array(MAX_ELEMENTS + 1), "kernelFloat64Array", "134217729,");
  // just below: a broadcast result of 2^13 x 2^13 = 2^26 elements is still made
  assert.equal(zeros([2 ** 13, 1]).add(zeros([1, 2 ** 13])).size, 2 ** 26);
});
