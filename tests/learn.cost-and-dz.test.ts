// costAndDz (the part of every kernel training step that needs no X) writes the scalar loss and sigmoid out around
// one shared exponential: its numbers must be bit for bit those of logitLoss and sigmoidScalar, summed in order.
import assert from "node:assert/strict";
import test from "node:test";
import { logitLoss, sigmoidScalar } from "../src/core";
import { costAndDz } from "../src/learn/logistic";

/** Deterministic values spread over the range a training sees, with both signs, zeros and large magnitudes. */
function values(m: number, seed: number, scale: number): Float64Array {
  let s = seed >>> 0;
  return Float64Array.from({ length: m }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return ((s / 2 ** 32) * 2 - 1) * scale;
  });
}

test("costAndDz gives the bits of logitLoss and sigmoidScalar, for every sign of z + b and both labels", () => {
  for (const [scale, b] of [
    [1e-3, 0],
    [4, 0.25],
    [40, -3],
    [800, 1e-9],
  ]) {
    const m = 209;
    const z = values(m, 7 + scale, scale);
    z[0] = 0;
    z[1] = -b; // z + b exactly 0
    const y = Float64Array.from(values(m, 11, 1), (v) => (v < 0 ? 0 : 1));
    const dZ = new Float64Array(m);
    const { cost, db } = costAndDz(z, b, y, dZ);
    let expectedCost = 0,
      sumDz = 0;
    for (let j = 0; j < m; j++) {
      expectedCost += logitLoss(z[j] + b, y[j]);
      const d = sigmoidScalar(z[j] + b) - y[j];
      assert.equal(Object.is(dZ[j], d), true, `dZ[${j}] for z + b = ${z[j] + b}: ${dZ[j]} vs ${d}`);
      sumDz += d;
    }
    assert.equal(cost, expectedCost / m, `cost at scale ${scale}`);
    assert.equal(db, (1 / m) * sumDz, `db at scale ${scale}`);
  }
});
