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
  todo,
} from "../src/exercises";
import { column, row } from "../src";
import type { Column, Matrix, Row } from "../src";
import { assertHint, assertPass, printed } from "./fixtures/selfcheck";

type Images = NDArray<[number, number, number, number]>;

test("lesson01 checkUnroll: right answer and typical mistakes", () => {
  assertPass(() => checkUnroll((images: Images) => images.reshape([images.shape[0], -1]).T));
  assertHint(
    () => checkUnroll((images: Images) => images.reshape([images.shape[0], -1])),
    /one ROW per image.*transpose/,
  );
  assertHint(
    () => checkUnroll((images: Images) => images.reshape([-1, images.shape[0]])),
    /mixes pixels of different images/,
  );
  assertHint(
    () => checkUnroll((images: Images) => images.transpose([0, 3, 1, 2]).reshape([images.shape[0], -1]).T),
    /channel by channel/,
  );
  assertHint(
    () => checkUnroll((images: Images) => images.transpose([0, 2, 1, 3]).reshape([images.shape[0], -1]).T),
    /rows and columns of the picture swapped/,
  );
  assertHint(() => checkUnroll((images: Images) => images.reshape([images.shape[0], -1]).T.div(255)), /divided by 255/);
  assertHint(() => checkUnroll((images: Images) => images.flatten()), /one long vector/);
  assertHint(() => checkUnroll(() => undefined), /forget to return/);
  assertHint(
    () =>
      checkUnroll(() => {
        throw new Error("boom");
      }),
    /threw Error: boom/,
  );
  assertHint(
    () => checkUnroll((images: Images) => images.reshape([images.shape[0], -1]).T.map((v, i) => (i === 7 ? v + 1 : v))),
    /X\[\d+\]\[\d+\] is/,
  );
  assert.throws(() => checkUnroll(42 as never), /checkUnroll: expected your function/);
});

test("lesson01 checkLabelRow: (1,m) passes for every list; (m,), (m,1), plain arrays, wrong values, fixed lengths get hints", () => {
  assertPass(() => checkLabelRow((labels) => row(labels)));
  assertPass(() => checkLabelRow((labels) => array([labels])));
  assertHint(() => checkLabelRow((labels) => array(labels)), /\(5,\), a rank-1 array/);
  assertHint(() => checkLabelRow((labels) => array([labels]).T), /\(5,1\), a column/);
  assertHint(() => checkLabelRow((labels) => labels), /plain JavaScript array/);
  assertHint(
    () => checkLabelRow((labels) => row(labels.map((v, i) => (i === 2 ? 1 - v : v)))),
    /Y\[0\]\[2\] is 1 while label 2 is 0/,
  );
  assertHint(() => checkLabelRow(() => row([1, 0, 0, 1, 1])), /labelRow\(\[0, 1, 1\]\): expected shape \(1,3\)/);
  assertHint(
    () =>
      checkLabelRow(() => {
        throw new Error("boom");
      }),
    /threw Error: boom/,
  );
  assert.throws(() => checkLabelRow(array([[1, 0]]) as never), /checkLabelRow: expected your function/);
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
  assertHint(
    () => checkSigmoid((z) => 1 / (1 + Math.exp(-(z as unknown as number)))),
    /the sigmoid of an array is an array/,
  );
  assertHint(() => checkSigmoid((z) => z.neg().exp().add(1).pow(-1).reshape([1, -1])), /must keep the shape/);
  assert.throws(() => checkSigmoid(null as never), /checkSigmoid/);
});

test("lesson02 checkPredictProba: sigma(w^T X + b) passes; missing transpose, b, sigmoid get hints", () => {
  const sig = (z: Matrix) => z.neg().exp().add(1).pow(-1);
  assertPass(() => checkPredictProba((w: Column, b: number, X: Matrix) => sig(w.T.matmul(X).add(b))));
  assertHint(
    () => checkPredictProba((w: Column, b: number, X: Matrix) => sig((w as Matrix).matmul(X).add(b))),
    /the product you want is w\.T @ X/,
  );
  assertHint(
    () => checkPredictProba((w: Column, b: number, X: Matrix) => sig(X.T.matmul(w).add(b))),
    /\(4,1\) is a column/,
  );
  assertHint(() => checkPredictProba((w: Column, _b: number, X: Matrix) => sig(w.T.matmul(X))), /forgot to add b/);
  assertHint(() => checkPredictProba((w: Column, b: number, X: Matrix) => w.T.matmul(X).add(b)), /forgot the sigmoid/);
  assertHint(
    () => checkPredictProba((w: Column, b: number, X: Matrix) => sig(w.T.matmul(X).sub(b))),
    /added, not subtracted/,
  );
  assertHint(
    () => checkPredictProba((w: Column, b: number, X: Matrix) => sig(w.T.matmul(X).add(b)).flatten()),
    /rank-1/,
  );
  assert.throws(() => checkPredictProba("w.T @ X" as never), /checkPredictProba/);
});

test("lesson02 checkBoundary: w = (-slope, 1), b = -intercept passes; tilt, shift, swapped sides, shapes get hints", () => {
  const right = (slope: number, intercept: number) => ({ w: column([-slope, 1]), b: -intercept });
  assertPass(() => checkBoundary(right));
  assertPass(() => checkBoundary((s, i) => ({ w: column([-3 * s, 3]), b: -3 * i })));
  const params = checkBoundaryQuietly(right);
  assert.ok(params, "a passing answer returns its { w, b } for the data set's line");
  assert.deepEqual([params.w.get(0, 0), params.w.get(1, 0), params.b], [1, 1, -1]);
  assert.equal(
    checkBoundaryQuietly((s, i) => ({ w: column([s, -1]), b: i })),
    undefined,
    "a failing answer returns undefined",
  );
  assertHint(() => checkBoundary((s, i) => ({ w: column([s, -1]), b: i })), /sides are swapped/);
  assertHint(() => checkBoundary((s, i) => ({ w: column([s, 1]), b: -i })), /slope -w1\/w2 = 1 should be -1/);
  assertHint(
    () => checkBoundary((s, i) => ({ w: column([-s, 1]), b: i })),
    /crosses the x2 axis at -b\/w2 = -1 instead of 1/,
  );
  assertHint(() => checkBoundary(() => ({ w: column([1, 1]), b: -1 })), /for the line x2 = 2 x1 - 1.*slope/);
  assertHint(() => checkBoundary((s, i) => ({ w: array([-s, 1]), b: -i })), /rank-1/);
  assertHint(() => checkBoundary((s, i) => ({ w: array([[-s, 1]]), b: -i })), /\(1,2\), a row/);
  assertHint(() => checkBoundary((s, i) => ({ w: [[-s], [1]], b: -i })), /plain JavaScript array/);
  assertHint(() => checkBoundary(() => ({ w: column([1, 0]), b: 1 })), /vertical line/);
  assertHint(() => checkBoundary((s) => ({ w: column([-s, 1]), b: NaN })), /b should be a finite number/);
  assertHint(() => checkBoundary((s, i) => [column([-s, 1]), -i]), /return an object \{ w, b \}/);
  assert.throws(() => checkBoundary(column([-2, 1]) as never), /checkBoundary: expected your function/);
});

test("lesson03 checkCrossEntropyLoss: right loss passes; sign, log10, swapped, missing term, squared error", () => {
  assertPass(() => checkCrossEntropyLoss((a, y) => -(y * Math.log(a) + (1 - y) * Math.log(1 - a))));
  assertHint(() => checkCrossEntropyLoss((a, y) => y * Math.log(a) + (1 - y) * Math.log(1 - a)), /sign is flipped/);
  assertHint(() => checkCrossEntropyLoss((a, y) => -(y * Math.log10(a) + (1 - y) * Math.log10(1 - a))), /log base 10/);
  assertHint(
    () => checkCrossEntropyLoss((a, y) => -(a * Math.log(y) + (1 - a) * Math.log(1 - y))),
    /swap the arguments/,
  );
  assertHint(() => checkCrossEntropyLoss((a, y) => -(y * Math.log(a))), /for y = 0 your loss is always 0/);
  assertHint(() => checkCrossEntropyLoss((a, y) => (a - y) ** 2), /squared error/);
  assertHint(
    () => checkCrossEntropyLoss((a, y) => -(y * Math.log(1 - a) + (1 - y) * Math.log(a))),
    /two logs are swapped/,
  );
  assert.throws(() => checkCrossEntropyLoss({} as never), /checkCrossEntropyLoss/);
});

test("lesson03 checkCost: mean of the losses passes; sum, array, sign, squared error get hints", () => {
  const losses = (A: Row, Y: Row) =>
    Y.mul(A.log())
      .add(Y.neg().add(1).mul(A.neg().add(1).log()))
      .neg();
  assertPass(() => checkCost((A, Y) => losses(A, Y).mean()));
  assertPass(() => checkCost((A, Y) => losses(A, Y).sum() / Y.shape[1]));
  assertHint(() => checkCost((A, Y) => losses(A, Y).sum()), /SUM of the losses.*divide by m/);
  assertHint(() => checkCost((A, Y) => losses(A, Y).sum() / 4), /divided by 4, but this Y has m = 3/);
  assertHint(() => checkCost((A, Y) => losses(A, Y)), /those are the losses/);
  assertHint(() => checkCost((A, Y) => -losses(A, Y).mean()), /sign is flipped/);
  assertHint(() => checkCost((A, Y) => A.sub(Y).pow(2).mean()), /mean squared error/);
  assert.throws(() => checkCost(3 as never), /checkCost/);
});

test("lesson03 checkNonConvexPoint: a function that finds where the squared-error cost bends down passes", () => {
  assert.deepEqual([...lesson03Data.x], [-2, -0.5, 1, 3]);
  // the top of the hump: the highest grid point with lower neighbours
  const hump = (J: (w: number) => number) => {
    let best = NaN;
    for (let w = -9.9; w < 9.95; w += 0.1) if (J(w) > J(w - 0.1) && J(w) > J(w + 0.1) && !(J(best) >= J(w))) best = w;
    return best;
  };
  assertPass(() => checkNonConvexPoint(hump));
  const line = printed(() => checkNonConvexPoint(hump));
  assert.match(line, /bend DOWN for b = 0 and b = 1/);
  assert.doesNotMatch(line, /\d\.\d/, "a pass does not print the answer's points");
  assertHint(() => checkNonConvexPoint(() => -2.5), /with b = 1 the cost bends UP at w = -2\.5/);
  assertHint(() => checkNonConvexPoint(() => 0.5), /bends UP/);
  assertHint(() => checkNonConvexPoint(() => 1000), /outside \[-10, 10\]/);
  assertHint(() => checkNonConvexPoint(() => "4"), /finite number/);
  assert.throws(() => (checkNonConvexPoint as (w: unknown) => void)(4), /checkNonConvexPoint: expected your function/);
});

test("lessons 01-03: a todo() stub prints 'not attempted yet' with a hint, and never throws", () => {
  const stubs: [string, () => void][] = [
    ["unroll", () => checkUnroll(() => todo("unroll"))],
    ["label row Y", () => checkLabelRow(() => todo("labelRow"))],
    ["feature count n_x", () => checkFeatureCount(() => todo("featureCount"))],
    ["sigmoid", () => checkSigmoid(() => todo("mySigmoid"))],
    ["predictProba", () => checkPredictProba(() => todo("predictProba"))],
    ["decision boundary", () => checkBoundary(() => todo("boundaryFor"))],
    ["cross-entropy loss", () => checkCrossEntropyLoss(() => todo("myLoss"))],
    ["cost", () => checkCost(() => todo("myCost"))],
    ["non-convex point", () => checkNonConvexPoint(() => todo("findBendDown"))],
  ];
  for (const [exercise, run] of stubs) {
    const line = printed(run);
    assert.ok(line.startsWith(`… not attempted yet — ${exercise}: `), line);
    assert.ok(line.length > `… not attempted yet — ${exercise}: `.length + 20, `the line carries a hint: ${line}`);
  }
  assert.equal(
    checkBoundaryQuietly(() => todo("boundaryFor")),
    undefined,
  );
});

/** checkBoundary's return value, with its printed line swallowed. */
function checkBoundaryQuietly(f: (slope: number, intercept: number) => unknown) {
  let result: ReturnType<typeof checkBoundary>;
  printed(() => {
    result = checkBoundary(f);
  });
  return result;
}
