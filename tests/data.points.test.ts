/** The 2-D data set for decision-boundary pictures: shapes, balance, overlap, determinism, bad options. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { load2DDataset, ValueError } from "../src";

test("X is (2, m), Y is (1, m), half of each class, shuffled", () => {
  const { X, Y, description } = load2DDataset();
  assert.deepEqual(X.shape, [2, 200]);
  assert.deepEqual(Y.shape, [1, 200]);
  const labels = Array.from(Y.toFloat64Array());
  assert.ok(labels.every((y) => y === 0 || y === 1));
  assert.equal(labels.filter((y) => y === 1).length, 100);
  assert.notDeepEqual(labels, [...labels].sort());
  assert.match(description, /^Synthetic: 200 points/);
  const odd = load2DDataset({ m: 41 });
  assert.deepEqual(odd.X.shape, [2, 41]);
  assert.equal(Array.from(odd.Y.toFloat64Array()).filter((y) => y === 1).length, 21);
});

/** Fraction of points on the wrong side of the best boundary x1 + x2 = 0.75. */
function wrongSide(spread: number): number {
  const { X, Y } = load2DDataset({ m: 2000, spread });
  let wrong = 0;
  for (let j = 0; j < 2000; j++) {
    const predicted = X.get(0, j) + X.get(1, j) > 0.75 ? 1 : 0;
    if (predicted !== Y.get(0, j)) wrong++;
  }
  return wrong / 2000;
}

test("the classes overlap a little: a straight line gets about 92 % right; spread controls the overlap", () => {
  const wrong = wrongSide(1);
  assert.ok(wrong > 0.05 && wrong < 0.11, `wrong side: ${wrong}`); // theory: P(z > sqrt(2)) = 7.9 %
  assert.ok(wrongSide(0.3) < 0.01);
  assert.ok(wrongSide(2) > 0.2);
});

test("deterministic: the same options give the same points, another seed other points", () => {
  const a = load2DDataset();
  assert.deepEqual(load2DDataset().X.toFloat64Array(), a.X.toFloat64Array());
  assert.equal(a.X.sum().toFixed(9), "163.149821693");
  assert.deepEqual(
    [a.X.get(0, 0), a.X.get(1, 0), a.Y.get(0, 0)].map((v) => v.toFixed(9)),
    ["0.771291631", "1.948854375", "1.000000000"],
  );
  assert.notDeepEqual(load2DDataset({ seed: 1 }).X.toFloat64Array(), a.X.toFloat64Array());
});

test("bad options are refused with a message naming them", () => {
  assert.throws(
    () => load2DDataset({ m: 1 }),
    (e: unknown) => e instanceof ValueError && /load2DDataset: m must be/.test(e.message),
  );
  assert.throws(() => load2DDataset({ m: 10.5 }), ValueError);
  assert.throws(() => load2DDataset({ spread: 0 }), /spread must be a positive finite number, got 0/);
  assert.throws(() => load2DDataset({ spread: NaN }), ValueError);
  assert.throws(() => load2DDataset({ seed: 0.5 }), /seed must be an integer/);
});
