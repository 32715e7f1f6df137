/**
 * Self-checks of notebooks 01-03: a right answer prints "✔ pass", typical wrong answers print the specific
 * hint (and never throw), misuse of a check throws a TypeError naming the check.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { NDArray, array } from "../src";
import {
  checkBoundary,
  checkCost,
  checkCrossEntropyLoss,
  checkFeatureCount,
  checkLabelRow,
  checkNonConvexPoint,
  checkPredictProba,
  checkSigmoid,
  checkUnroll,
  lesson03Data,
} from "../src/exercises";
import type { Column, Matrix, Row } from "../src";
import { assertHint, assertPass } from "./fixtures/selfcheck";

type Images = NDArray<[number, number, number, number]>;

test("lesson01 checkUnroll: right answer and typical mistakes", () => {
  assertPass(() => checkUnroll((images: Images) => images.reshape([images.shape[0], -1]).T));
  assertHint(() => checkUnroll((images: Images) => images.reshape([images.shape[0], -1])), /one ROW per image.*transpose/);
  assertHint(() => checkUnroll((images: Images) => images.reshape([-1, images.shape[0]])), /mixes pixels of different images/);
  assertHint(() => checkUnroll((images: Images) => images.transpose([0, 3, 1, 2]).reshape([images.shape[0], -1]).T), /channel by channel/);
  assertHint(() => checkUnroll((images: Images) => images.transpose([0, 2, 1, 3]).reshape([images.shape[0], -1]).T), /rows and columns of the picture swapped/);
  assertHint(() => checkUnroll((images: Images) => images.reshape([images.shape[0], -1]).T.div(255)), /divided by 255/);
  assertHint(() => checkUnroll((images: Images) => images.flatten()), /one long vector/);
  assertHint(() => checkUnroll(() => undefined), /forget to return/);
  assertHint(() => checkUnroll(() => { throw new Error("boom"); }), /threw Error: boom/);
  assertHint(() => checkUnroll((images: Images) => images.reshape([images.shape[0], -1]).T.map((v, i) => (i === 7 ? v + 1 : v))), /X\[\d+\]\[\d+\] is/);
  assert.throws(() => checkUnroll(42 as never), /checkUnroll: expected your function/);
});

test("lesson01 checkLabelRow: (1,m) passes; (m,), (m,1), plain arrays and wrong values get hints", () => {
  const labels = [1, 0, 0, 1, 1];
  assertPass(() => checkLabelRow(array([labels]), labels));
  assertHint(() => checkLabelRow(array(labels), labels), /\(5,\) is a rank-1 array/);
  assertHint(() => checkLabelRow(array([labels]).T, labels), /\(5,1\) is a column/);
  assertHint(() => checkLabelRow(labels, labels), /plain JavaScript array/);
  assertHint(() => checkLabelRow(array([[1, 0, 1, 1, 1]]), labels), /Y\[0\]\[2\] is 1 while label 2 is 0/);
  assertHint(() => checkLabelRow(array([[1, 0, 0]]), labels), /expected shape \(1,5\)/);
  assert.throws(() => checkLabelRow(array([labels]), [2, 3] as never), /checkLabelRow: the second argument/);
});

test("lesson01 checkFeatureCount: h*w*3 passes; forgotten channels, hard-coded 12288 get hints", () => {
  assertPass(() => checkFeatureCount((h, w) => h * w * 3));
  assertHint(() => checkFeatureCount((h, w) => h * w), /3 numbers per pixel/);
  assertHint(() => checkFeatureCount(() => 12288), /only right for 64x64/);
  assertHint(() => checkFeatureCount((h) => h * h * 3), /both the height and the width/);
  assertHint(() => checkFeatureCount((h, w) => String(h * w * 3)), /should return a number/);
  assert.throws(() => checkFeatureCount(undefined as never), /checkFeatureCount/);
});

test("lesson02 checkSigmoid: stable sigmoid passes; sign, reciprocal, overflow, scalar-only get hints", () => {
  const one = (z: NDArray<[number]>) => z.mul(0).add(1);
  assertPass(() => checkSigmoid((z) => one(z).div(z.neg().exp().add(1))));
  assertHint(() => checkSigmoid((z) => one(z).div(z.exp().add(1))), /1 - sigma\(z\), a sign slip/);
  assertHint(() => checkSigmoid((z) => z.neg().exp().add(1)), /take its reciprocal/);
  assertHint(() => checkSigmoid((z) => z.exp().div(z.exp().add(1))), /overflows.*NaN/);
  assertHint(() => checkSigmoid((z) => 1 / (1 + Math.exp(-(z as unknown as number)))), /the sigmoid of an array is an array/);
  assertHint(() => checkSigmoid((z) => z.neg().exp().add(1).pow(-1).reshape([1, -1])), /must keep the shape/);
  assert.throws(() => checkSigmoid(null as never), /checkSigmoid/);
});

test("lesson02 checkPredictProba: sigma(w^T X + b) passes; missing transpose, b, sigmoid get hints", () => {
  const sig = (z: Matrix) => z.neg().exp().add(1).pow(-1);
  assertPass(() => checkPredictProba((w: Column, b: number, X: Matrix) => sig(w.T.matmul(X).add(b))));
  assertHint(() => checkPredictProba((w: Column, b: number, X: Matrix) => sig((w as Matrix).matmul(X).add(b))), /the product you want is w\.T @ X/);
  assertHint(() => checkPredictProba((w: Column, b: number, X: Matrix) => sig(X.T.matmul(w).add(b))), /\(4,1\) is a column/);
  assertHint(() => checkPredictProba((w: Column, _b: number, X: Matrix) => sig(w.T.matmul(X))), /forgot to add b/);
  assertHint(() => checkPredictProba((w: Column, b: number, X: Matrix) => w.T.matmul(X).add(b)), /forgot the sigmoid/);
  assertHint(() => checkPredictProba((w: Column, b: number, X: Matrix) => sig(w.T.matmul(X).sub(b))), /added, not subtracted/);
  assertHint(() => checkPredictProba((w: Column, b: number, X: Matrix) => sig(w.T.matmul(X).add(b)).flatten()), /rank-1/);
  assert.throws(() => checkPredictProba("w.T @ X" as never), /checkPredictProba/);
});

test("lesson02 checkBoundary: x2 = 2 x1 - 1 with class 1 above; tilt, shift, swapped sides, shapes", () => {
  assertPass(() => checkBoundary(array([[-2], [1]]), 1));
  assertPass(() => checkBoundary(array([[-6], [3]]), 3));
  assertHint(() => checkBoundary(array([[2], [-1]]), -1), /sides are swapped/);
  assertHint(() => checkBoundary(array([[-1], [1]]), 1), /slope -w1\/w2 = 1 should be 2/);
  assertHint(() => checkBoundary(array([[-2], [1]]), 3), /crosses the x2 axis at -b\/w2 = -3 instead of -1/);
  assertHint(() => checkBoundary(array([-2, 1]), 1), /rank-1/);
  assertHint(() => checkBoundary(array([[-2, 1]]), 1), /\(1,2\), a row/);
  assertHint(() => checkBoundary([[-2], [1]], 1), /plain JavaScript array/);
  assertHint(() => checkBoundary(array([[1], [0]]), 1), /vertical line/);
  assertHint(() => checkBoundary(array([[-2], [1]]), NaN), /b should be a finite number/);
  assert.throws(() => (checkBoundary as (w: unknown) => void)(array([[-2], [1]])), /checkBoundary: call it as checkBoundary\(w, b\)/);
});

test("lesson03 checkCrossEntropyLoss: right loss passes; sign, log10, swapped, missing term, squared error", () => {
  assertPass(() => checkCrossEntropyLoss((a, y) => -(y * Math.log(a) + (1 - y) * Math.log(1 - a))));
  assertHint(() => checkCrossEntropyLoss((a, y) => y * Math.log(a) + (1 - y) * Math.log(1 - a)), /sign is flipped/);
  assertHint(() => checkCrossEntropyLoss((a, y) => -(y * Math.log10(a) + (1 - y) * Math.log10(1 - a))), /log base 10/);
  assertHint(() => checkCrossEntropyLoss((a, y) => -(a * Math.log(y) + (1 - a) * Math.log(1 - y))), /swap the arguments/);
  assertHint(() => checkCrossEntropyLoss((a, y) => -(y * Math.log(a))), /for y = 0 your loss is always 0/);
  assertHint(() => checkCrossEntropyLoss((a, y) => (a - y) ** 2), /squared error/);
  assertHint(() => checkCrossEntropyLoss((a, y) => -(y * Math.log(1 - a) + (1 - y) * Math.log(a))), /two logs are swapped/);
  assert.throws(() => checkCrossEntropyLoss({} as never), /checkCrossEntropyLoss/);
});

test("lesson03 checkCost: mean of the losses passes; sum, array, sign, squared error get hints", () => {
  const losses = (A: Row, Y: Row) => Y.mul(A.log()).add(Y.neg().add(1).mul(A.neg().add(1).log())).neg();
  assertPass(() => checkCost((A, Y) => losses(A, Y).mean()));
  assertPass(() => checkCost((A, Y) => losses(A, Y).sum() / Y.shape[1]));
  assertHint(() => checkCost((A, Y) => losses(A, Y).sum()), /SUM of the losses.*divide by m/);
  assertHint(() => checkCost((A, Y) => losses(A, Y).sum() / 4), /divided by 4, but this Y has m = 3/);
  assertHint(() => checkCost((A, Y) => losses(A, Y)), /those are the losses/);
  assertHint(() => checkCost((A, Y) => -losses(A, Y).mean()), /sign is flipped/);
  assertHint(() => checkCost((A, Y) => A.sub(Y).pow(2).mean()), /mean squared error/);
  assert.throws(() => checkCost(3 as never), /checkCost/);
});

test("lesson03 checkNonConvexPoint: a point where the squared-error cost bends down passes", () => {
  assert.deepEqual([...lesson03Data.x], [-2, -0.5, 1, 3]);
  assertPass(() => checkNonConvexPoint(4));
  assertPass(() => checkNonConvexPoint(-1.5));
  assertHint(() => checkNonConvexPoint(0.5), /bends UP/);
  assertHint(() => checkNonConvexPoint(1000), /far out/);
  assertHint(() => checkNonConvexPoint("4"), /finite number/);
  assert.throws(() => (checkNonConvexPoint as () => void)(), /exactly one number/);
});
