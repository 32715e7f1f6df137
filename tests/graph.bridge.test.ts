// Bridge from the computation graph to the vectorized model: backpropagation through a scalar graph of
// m-example logistic regression (mean cross-entropy) gives exactly the gradients of learn's propagate.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Value, array, column, propagate, row, seededRandom } from "../src";

test("autodiff of the mean cross-entropy over m examples equals propagate's dw (n,1), db and cost", () => {
  const rng = seededRandom(7);
  for (let trial = 0; trial < 20; trial++) {
    const n = 1 + rng.integers(0, 4),
      m = 1 + rng.integers(0, 6);
    const Xv = Array.from({ length: n }, () => Array.from({ length: m }, () => -2 + 4 * rng.next()));
    const Yv = Array.from({ length: m }, () => (rng.next() < 0.5 ? 0 : 1));
    const wv = Array.from({ length: n }, () => -1 + 2 * rng.next());
    const bv = -1 + 2 * rng.next();

    // The scalar graph, one example at a time, exactly as the lecture draws it.
    const w = wv.map((x, i) => new Value(x, `w${i + 1}`));
    const b = new Value(bv, "b");
    let total: Value = Value.from(0);
    for (let j = 0; j < m; j++) {
      let z: Value = b;
      for (let i = 0; i < n; i++) z = w[i].mul(Xv[i][j]).add(z);
      const a = z.sigmoid();
      const y = Yv[j];
      const loss = Value.from(y)
        .mul(a.log())
        .add(Value.from(1 - y).mul(Value.from(1).sub(a).log()))
        .neg();
      total = total.add(loss);
    }
    const cost = total.div(m).named("J");
    cost.backward();

    const reference = propagate(column(wv), bv, array(Xv), row(Yv));
    assert.deepEqual(reference.grads.dw.shape, [n, 1]);
    const near = (actual: number, expected: number, what: string) =>
      assert.ok(
        Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)),
        `trial ${trial}, ${what}: ${actual} vs ${expected}`,
      );
    for (let i = 0; i < n; i++) near(w[i].grad, reference.grads.dw.get(i, 0), `dw[${i}]`);
    near(b.grad, reference.grads.db, "db");
    near(cost.data, reference.cost, "cost");
  }
});
