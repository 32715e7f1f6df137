/** Every bad input of the learn module gets an error that names the operation and the problem. */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  array,
  column,
  row,
  zeros,
  ShapeError,
  ValueError,
  propagate,
  optimize,
  predict,
  accuracy,
  model,
  initializeWithZeros,
  crossEntropyLoss,
  squaredErrorLoss,
  cost,
  gradientCheck,
  sigmoid,
} from "../src";
import type { Column, Matrix, Row } from "../src";

const w = column([1, 2]);
const X = array([
  [1, 2, 3],
  [4, 5, 6],
]);
const Y = row([1, 0, 1]);
const ok = { numIterations: 10, learningRate: 0.1 };

/** Asserts that fn throws an error of class E whose message contains every fragment. */
function throwsWith(fn: () => unknown, E: new (...a: never[]) => Error, ...fragments: string[]): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof E, `expected ${E.name}, got ${(e as Error)?.name}: ${(e as Error)?.message}`);
    for (const f of fragments)
      assert.ok(e.message.includes(f), `message ${JSON.stringify(e.message)} lacks ${JSON.stringify(f)}`);
    return true;
  });
}

test("labels that are not 0/1: the value and its index are named", () => {
  throwsWith(
    () => propagate(w, 0, X, row([1, 0.5, 0])),
    ValueError,
    "propagate",
    "labels Y",
    "0.5",
    "[0, 1]",
    "example 1",
  );
  throwsWith(() => optimize(w, 0, X, row([1, 0, 2]), ok), ValueError, "optimize", "2", "[0, 2]");
  throwsWith(() => optimize(w, 0, X, row([-1, 0, 1]), ok), ValueError, "-1", "[0, 0]");
  throwsWith(() => accuracy(row([1, 0, 3]), row([1, 0, 1])), ValueError, "accuracy", "Yhat", "3");
});

test("mismatched shapes: all shapes are shown", () => {
  throwsWith(
    () => propagate(column([1, 2, 3]), 0, X, Y),
    ShapeError,
    "propagate",
    "w (3,1)",
    "X (2,3)",
    "Y (1,3)",
    "w has 3 rows but X has n = 2",
  );
  throwsWith(() => propagate(w, 0, X, row([1, 0])), ShapeError, "w (2,1)", "X (2,3)", "Y (1,2)", "Y has 2 examples");
  throwsWith(
    () =>
      propagate(
        w,
        0,
        X,
        array([
          [1, 0, 1],
          [0, 1, 0],
        ]) as unknown as Row,
      ),
    ShapeError,
    "Y (2,3)",
    "Y must be a row (1,m)",
  );
  throwsWith(
    () =>
      propagate(
        array([
          [1, 2],
          [3, 4],
        ]) as unknown as Column,
        0,
        X,
        Y,
      ),
    ShapeError,
    "w (2,2)",
    "w must be a column (n,1)",
  );
  throwsWith(() => optimize(w, 0, X, row([1, 0, 1, 1]), ok), ShapeError, "optimize", "Y (1,4)");
  throwsWith(() => predict(column([1, 2, 3]), 0, X), ShapeError, "predict", "w (3,1)", "X (2,3)");
  throwsWith(
    () => propagate(array([1, 2]) as unknown as Column, 0, X, Y),
    ShapeError,
    "w must be 2-D",
    "(2,)",
    "reshape",
  );
  throwsWith(() => accuracy(row([1, 0]), row([1, 0, 1])), ShapeError, "accuracy", "(1,2)", "(1,3)");
  throwsWith(
    () => model(X, Y, array([[1], [2], [3]]), row([1]), ok),
    ShapeError,
    "model",
    "XTrain (2,3)",
    "XTest (3,1)",
  );
  throwsWith(
    () => propagate([[1], [2]] as unknown as Column, 0, X, Y),
    TypeError,
    "w must be an NDArray",
    "plain JavaScript array",
  );
});

test("NaN and Infinity: the argument and the position are named", () => {
  const Xbad = array([
    [1, 2, 3],
    [4, NaN, 6],
  ]);
  throwsWith(() => propagate(w, 0, Xbad, Y), ValueError, "propagate", "X contains NaN at [1, 1]");
  throwsWith(
    () => optimize(column([1, Infinity]), 0, X, Y, ok),
    ValueError,
    "optimize",
    "w contains Infinity at [1, 0]",
  );
  throwsWith(() => optimize(w, NaN, X, Y, ok), ValueError, "b must be a finite number", "NaN");
  throwsWith(() => propagate(w, 0, X, row([1, -Infinity, 0])), ValueError, "Y contains -Infinity at [0, 1]");
  throwsWith(
    () =>
      predict(
        w,
        0,
        array([
          [Infinity, 0, 0],
          [0, 0, 0],
        ]),
      ),
    ValueError,
    "predict",
    "X contains Infinity at [0, 0]",
  );
  throwsWith(() => model(X, Y, array([[1], [NaN]]), row([1]), ok), ValueError, "model", "XTest contains NaN at [1, 0]");
});

test("learning rate <= 0 or not finite", () => {
  for (const lr of [0, -0.1, NaN, Infinity]) {
    throwsWith(
      () => optimize(w, 0, X, Y, { numIterations: 10, learningRate: lr }),
      ValueError,
      "optimize",
      "learningRate must be a finite number > 0",
      String(lr),
    );
  }
  throwsWith(
    () => optimize(w, 0, X, Y, { numIterations: 10, learningRate: "0.1" as unknown as number }),
    TypeError,
    "learningRate must be a number",
  );
  throwsWith(() => model(X, Y, X, Y, { learningRate: -1 }), ValueError, "learningRate", "-1");
});

test("zero examples", () => {
  const X0 = zeros([2, 0]) as Matrix;
  const Y0 = zeros([1, 0]) as Row;
  throwsWith(() => propagate(w, 0, X0, Y0), ValueError, "propagate", "zero examples", "(2,0)");
  throwsWith(() => optimize(w, 0, X0, Y0, ok), ValueError, "optimize", "zero examples");
  throwsWith(() => accuracy(Y0, Y0), ValueError, "accuracy", "zero examples");
  throwsWith(() => cost([]), ValueError, "cost", "zero examples");
});

test("numIterations must be a non-negative integer; recordEvery and dim positive integers", () => {
  for (const n of [-1, 2.5, NaN, Infinity]) {
    throwsWith(
      () => optimize(w, 0, X, Y, { numIterations: n, learningRate: 0.1 }),
      ValueError,
      "numIterations must be a non-negative integer",
      String(n),
    );
  }
  throwsWith(
    () => optimize(w, 0, X, Y, { ...ok, recordEvery: 0 }),
    ValueError,
    "recordEvery must be an integer >= 1",
    "0",
  );
  throwsWith(() => optimize(w, 0, X, Y, undefined as unknown as typeof ok), TypeError, "options");
  throwsWith(() => optimize(w, 0, X, Y, { ...ok, kernel: "gpu" as "plain" }), TypeError, "kernel", "gpu");
  throwsWith(() => optimize(w, 0, X, Y, { ...ok, divergence: { risingSteps: 0 } }), ValueError, "risingSteps");
  throwsWith(() => initializeWithZeros(0), ValueError, "initializeWithZeros", "dim", "0");
  throwsWith(() => initializeWithZeros(1.5), ValueError, "1.5");
});

test("losses: mismatched shapes, yhat outside [0, 1], wrong types", () => {
  throwsWith(
    () => crossEntropyLoss(row([0.5, 0.5]), column([1, 0]) as unknown as Row),
    ShapeError,
    "crossEntropyLoss",
    "(1,2) (2,1)",
  );
  throwsWith(() => squaredErrorLoss(row([0.5]), row([1, 0])), ShapeError, "squaredErrorLoss", "(1,1) (1,2)");
  throwsWith(() => crossEntropyLoss(1.5, 1), ValueError, "crossEntropyLoss", "[0, 1]", "1.5");
  throwsWith(() => crossEntropyLoss(row([0.2, NaN]), row([1, 0])), ValueError, "NaN", "at [0, 1]");
  throwsWith(() => sigmoid([1, 2] as unknown as number), TypeError, "sigmoid", "plain JavaScript array");
});

test("gradientCheck: length mismatch, bad epsilon, non-finite cost or gradient", () => {
  const f = (t: Float64Array) => t[0] * t[0];
  throwsWith(
    () => gradientCheck(f, Float64Array.of(1, 2), Float64Array.of(2)),
    ShapeError,
    "gradientCheck",
    "1 entries",
    "theta has 2",
  );
  throwsWith(() => gradientCheck(f, Float64Array.of(1), Float64Array.of(2), 0), ValueError, "epsilon", "0");
  throwsWith(() => gradientCheck(() => NaN, Float64Array.of(1), Float64Array.of(2)), ValueError, "costFn returned NaN");
  throwsWith(
    () => gradientCheck(f, Float64Array.of(1), Float64Array.of(NaN)),
    ValueError,
    "analyticGrad contains NaN at [0]",
  );
});

test("propagate and predict find every NaN/Infinity in X through Z, whatever w is, and name the first one", () => {
  // X is scanned only when Z = w^T X + b has a non-finite value: try each bad value at each position,
  // with zero weights (Infinity * 0 is NaN), weights of both signs, and two bad values that could cancel.
  const weights = [column([0, 0]), column([1, -2]), column([-1e-300, 3])];
  for (const bad of [NaN, Infinity, -Infinity]) {
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 3; j++) {
        const values = [
          [1, 2, 3],
          [4, 5, 6],
        ];
        values[i][j] = bad;
        for (const wk of weights) {
          throwsWith(
            () => propagate(wk, 0.5, array(values), Y),
            ValueError,
            "propagate",
            `X contains ${bad} at [${i}, ${j}]`,
          );
          throwsWith(() => predict(wk, 0.5, array(values)), ValueError, "predict", `X contains ${bad} at [${i}, ${j}]`);
        }
      }
    }
  }
  const cancel = array([
    [Infinity, 1, 1],
    [-Infinity, 1, 1],
  ]);
  throwsWith(() => propagate(column([1, 1]), 0, cancel, Y), ValueError, "X contains Infinity at [0, 0]");
});

test("propagate with finite X whose Z overflows still runs (X is finite: only Z is not)", () => {
  const huge = array([
    [1e308, 1, 1],
    [1e308, 1, 1],
  ]);
  assert.doesNotThrow(() => propagate(column([1, 1]), 0, huge, row([1, 0, 1])));
  assert.doesNotThrow(() => predict(column([1, 1]), 0, huge));
});
