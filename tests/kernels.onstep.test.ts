// optimize's onStep: a callback that declares only (iteration, cost), like the live cost curve of lesson 07, gets
// its params made on demand (no copy of every weight per step of the fused kernel), and still exactly those a
// three-parameter callback gets, if it reaches them during the call; after the call they are refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { seededRandom, optimize } from "../src";
import type { Column, Matrix, Params, Row } from "../src";

const rng = seededRandom(31);
const X = rng.uniform([700, 209]) as Matrix; // large enough for the fused kernel's two threads
const Y = rng.integers(0, 2, [1, 209]) as Row;
const w0 = rng.normal([700, 1], 0, 0.01) as Column;
const options = { numIterations: 12, learningRate: 0.01 };

for (const kernel of ["fused", "plain"] as const) {
  test(`an onStep of two parameters that reads its params during the call sees the same as one of three (${kernel})`, () => {
    const declared: number[][] = [];
    optimize(w0, 0.1, X, Y, {
      ...options,
      kernel,
      onStep: (_i, _cost, p) => declared.push([p.b, ...p.w.toFloat64Array()]),
    });
    const onDemand: number[][] = [];
    optimize(w0, 0.1, X, Y, {
      ...options,
      kernel,
      // two declared parameters; the third only through `arguments`
      onStep: function (this: unknown, _i: number, _cost: number) {
        // eslint-disable-next-line prefer-rest-params
        const p = arguments[2] as Params;
        onDemand.push([p.b, ...p.w.toFloat64Array()]);
      },
    });
    assert.equal(onDemand.length, options.numIterations);
    assert.deepEqual(onDemand, declared);
  });
}

test("params an onStep of two parameters did not read during the call are refused afterwards, with a clear message", () => {
  const kept: Params[] = [];
  optimize(w0, 0.1, X, Y, {
    ...options,
    onStep: function (this: unknown, _i: number, _cost: number) {
      // eslint-disable-next-line prefer-rest-params
      kept.push(arguments[2] as Params);
    },
  });
  assert.equal(kept.length, options.numIterations);
  assert.throws(() => kept[3].w, /read after the call returned; declare them/);
});
