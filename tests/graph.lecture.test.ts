// Every number the lecture states about computation graphs, reproduced with the autodiff Value.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Value, formatGraphNumber, graphToText, seededRandom } from "../src";

/** The lecture's J(a, b, c) = 3(a + bc), built step by step as in its diagram. */
function lectureGraph(a0: number, b0: number, c0: number) {
  const a = new Value(a0, "a"),
    b = new Value(b0, "b"),
    c = new Value(c0, "c");
  const u = b.mul(c, "u");
  const v = a.add(u, "v");
  const J = v.mul(3, "J");
  return { a, b, c, u, v, J };
}

test("J = 3(a + bc) at a=5, b=3, c=2: u=6, v=11, J=33 and dJ/dv=3, dJ/da=3, dJ/du=3, dJ/db=6, dJ/dc=9", () => {
  const { a, b, c, u, v, J } = lectureGraph(5, 3, 2);
  assert.deepEqual([u.data, v.data, J.data], [6, 11, 33]);
  J.backward();
  assert.equal(v.grad, 3);
  assert.equal(a.grad, 3);
  assert.equal(u.grad, 3);
  assert.equal(b.grad, 6);
  assert.equal(c.grad, 9);
  assert.equal(J.grad, 1);
  assert.equal(
    graphToText(J),
    [
      "a = 5             dJ/da = 3",
      "b = 3             dJ/db = 6",
      "c = 2             dJ/dc = 9",
      "u = b·c = 6       dJ/du = 3",
      "v = a + u = 11    dJ/dv = 3",
      "J = 3·v = 33      dJ/dJ = 1",
    ].join("\n"),
  );
});

test("nudging a from 5 to 5.001 moves J from 33 to 33.003 (printed rounded, as the lecture does)", () => {
  const nudged = lectureGraph(5.001, 3, 2).J;
  assert.ok(Math.abs(nudged.data - 33.003) < 1e-12);
  // eslint-disable-next-line no-loss-of-precision -- the exact float JavaScript computes for 3 * 11.001
  assert.equal(formatGraphNumber(33.003000000000004), "33.003", "float noise is rounded away when printed");
  assert.equal(formatGraphNumber(nudged.data), "33.003");
  // The change in J is dJ/da times the change in a: 0.003 = 3 * 0.001.
  const { a, J } = lectureGraph(5, 3, 2);
  J.backward();
  assert.ok(Math.abs((nudged.data - J.data) / 0.001 - a.grad) < 1e-9);
  // Nudging b or c moves J by 6x and 9x as much.
  assert.equal(formatGraphNumber(lectureGraph(5, 3.001, 2).J.data), "33.006");
  assert.equal(formatGraphNumber(lectureGraph(5, 3, 2.001).J.data), "33.009");
});

test("logistic regression on one example: dz = a - y, dw1 = x1 dz, dw2 = x2 dz, db = dz for random inputs", () => {
  const rng = seededRandom(6);
  const uniform = (lo: number, hi: number) => lo + (hi - lo) * rng.next();
  for (let trial = 0; trial < 200; trial++) {
    const x1v = uniform(-3, 3),
      x2v = uniform(-3, 3),
      yv = rng.next() < 0.5 ? 0 : 1;
    const w1 = new Value(uniform(-2, 2), "w1"),
      w2 = new Value(uniform(-2, 2), "w2"),
      b = new Value(uniform(-1, 1), "b");
    const x1 = new Value(x1v, "x1"),
      x2 = new Value(x2v, "x2"),
      y = new Value(yv, "y");
    const z = w1.mul(x1).add(w2.mul(x2)).add(b, "z");
    const a = z.sigmoid("a");
    // L(a, y) = -(y log a + (1 - y) log(1 - a))
    const L = y
      .mul(a.log())
      .add(Value.from(1).sub(y).mul(Value.from(1).sub(a).log()))
      .neg("L");
    L.backward();
    const dz = a.data - yv;
    const tol = 1e-12;
    assert.ok(Math.abs(z.grad - dz) < tol, `dz ${z.grad} vs a - y = ${dz}`);
    assert.ok(Math.abs(w1.grad - x1v * dz) < tol, "dw1 = x1 dz");
    assert.ok(Math.abs(w2.grad - x2v * dz) < tol, "dw2 = x2 dz");
    assert.ok(Math.abs(b.grad - dz) < tol, "db = dz");
    // da = -y/a + (1-y)/(1-a), the lecture's intermediate step.
    assert.ok(Math.abs(a.grad - (-yv / a.data + (1 - yv) / (1 - a.data))) < 1e-9 * Math.max(1, Math.abs(a.grad)));
    // The loss itself: -log a for y = 1, -log(1 - a) for y = 0.
    assert.ok(Math.abs(L.data - (yv === 1 ? -Math.log(a.data) : -Math.log(1 - a.data))) < 1e-12);
  }
});
