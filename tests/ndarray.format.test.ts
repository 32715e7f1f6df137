/**
 * Printing: numpy's exact text (checked against numpy's repr on random arrays, with special values,
 * summarised large arrays and wrapped lines), the shape note, and what tslab/console.log show.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { numpyPython } from "./fixtures/jupyter";
import { execFileSync } from "node:child_process";
import { inspect } from "node:util";
import { array, arange, zeros, column, seededRandom, formatArray, NDArray } from "../src";

test("format: numpy-style text with the shape", () => {
  assert.equal(
    String(
      array([
        [1, 2.5],
        [3, 4],
      ]),
    ),
    "array([[1. , 2.5],\n       [3. , 4. ]], shape=(2, 2))",
  );
  assert.equal(String(column([1, -2, 3])), "array([[ 1.],\n       [-2.],\n       [ 3.]], shape=(3, 1))");
  assert.equal(String(array([0.1 + 0.2, 1 / 3])), "array([0.3       , 0.33333333], shape=(2,))");
  assert.equal(String(array([1e-5, 1.5])), "array([1.0e-05, 1.5e+00], shape=(2,))");
  assert.equal(String(array([1, NaN, -Infinity])), "array([  1.,  nan, -inf], shape=(3,))");
  assert.equal(String(array(2.5)), "array(2.5, shape=())");
  assert.equal(String(zeros([2, 0])), "array([], shape=(2, 0))");
  assert.equal(String(zeros([0])), "array([], shape=(0,))");
  // numpy switches to scientific notation when max/min > 1000 (1999 / 1 here)
  assert.equal(
    String(arange(2000)),
    "array([0.000e+00, 1.000e+00, 2.000e+00, ..., 1.997e+03, 1.998e+03,\n       1.999e+03], shape=(2000,))",
  );
  assert.equal(String(arange(1000, 3000)), "array([1000., 1001., 1002., ..., 2997., 2998., 2999.], shape=(2000,))");
  assert.equal(formatArray(arange(3), { shape: false }), "array([0., 1., 2.])");
  assert.equal(formatArray(zeros([0]), { shape: false }), "array([], dtype=float64)");
});

test("format: a long last line moves the shape note to its own line", () => {
  const text = String(arange(12).add(0.125));
  assert.equal(
    text,
    "array([ 0.125,  1.125,  2.125,  3.125,  4.125,  5.125,  6.125,  7.125,\n        8.125,  9.125, 10.125, 11.125], shape=(12,))",
  );
  const wide = String(arange(16).add(0.125));
  assert.ok(wide.endsWith("15.125],\n      shape=(16,))"), wide);
});

test("format: util.inspect (what tslab and console.log show) gives the same text", () => {
  const a = array([
    [1, 2],
    [3, 4],
  ]).T;
  assert.equal(inspect(a), String(a));
  assert.equal(inspect({ w: column([1]) }), "{ w: array([[1.]], shape=(1, 1)) }");
});

const NUMPY_REPR = String.raw`
import json, sys
import numpy as np
# numpy >= 2.2 appends ", shape=(...)" to summarized arrays; the library prints numpy 1.24's repr (and its own
# shape note), so compare against that rule set
if tuple(int(p) for p in np.__version__.split(".")[:2]) >= (2, 2):
    np.set_printoptions(legacy="2.1")
dec = lambda v: float(v) if not isinstance(v, str) else float(v)
out = []
for shape, values in json.load(sys.stdin):
    out.append(repr(np.array([dec(v) for v in values], dtype=np.float64).reshape(shape)))
json.dump(out, sys.stdout)
`;

test("format: identical to numpy's repr on 250 random arrays (numpy 1.24 rules)", () => {
  const rng = seededRandom(99);
  const specials = [
    0,
    -0,
    1,
    -1,
    2.5,
    1 / 3,
    1e-5,
    1e8,
    1 / 512,
    3 / 512,
    1234567885,
    // eslint-disable-next-line no-loss-of-precision -- as written in numpy's tests, rounding included
    67108864.123456789,
    99999999.99999999,
    NaN,
    Infinity,
    -Infinity,
    1e-100,
    1e300,
    5e-324,
    0.1 + 0.2,
    123.456,
    1e-4,
    9.9999999995e-5,
  ];
  const cases: [number[], number[]][] = [];
  for (let k = 0; k < 245; k++) {
    const shape = Array.from({ length: rng.integers(0, 4) }, () => rng.integers(1, k % 10 === 0 ? 14 : 5));
    const size = shape.reduce((p, d) => p * d, 1);
    const kind = k % 5;
    cases.push([
      shape,
      Array.from({ length: size }, () => {
        const u = rng.next();
        if (kind === 0) return specials[rng.integers(0, specials.length)];
        if (kind === 1) return rng.integers(-1000, 1000);
        if (kind === 2) return (u - 0.5) * 10 ** rng.integers(-8, 10);
        if (kind === 3) return Math.round(u * 100) / 8;
        return u;
      }),
    ]);
  }
  cases.push([[7, 11, 13], Array.from({ length: 1001 }, (_, i) => i)]);
  cases.push([[2000], Array.from({ length: 2000 }, (_, i) => i / 7)]);
  cases.push([[40, 40], Array.from({ length: 1600 }, (_, i) => Math.sin(i) * 1e-3)]);
  cases.push([[3, 400], Array.from({ length: 1200 }, (_, i) => -i)]);
  cases.push([[1, 30], Array.from({ length: 30 }, (_, i) => i * 1e6)]);
  // Non-finite values and -0 travel as strings Python's float() understands.
  const enc = (v: number) =>
    Number.isFinite(v) && !Object.is(v, -0) ? v : Object.is(v, -0) ? "-0" : String(v).replace("Infinity", "inf");
  const want: string[] = JSON.parse(
    execFileSync(numpyPython(), ["-c", NUMPY_REPR], {
      input: JSON.stringify(cases.map(([s, v]) => [s, v.map(enc)])),
      maxBuffer: 64 << 20,
    }).toString(),
  );
  const differences = cases
    .map(([shape, values], i) => [formatArray(array(values).reshape(shape) as NDArray, { shape: false }), want[i]])
    .filter(([got, expected]) => got !== expected);
  assert.deepEqual(differences.slice(0, 3), [], `${differences.length} of ${cases.length} differ from numpy`);
});
