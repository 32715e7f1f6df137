// addParts (kernels.wat): the fused training pass leaves one partial z per block of rows; addParts adds them in
// block order, exactly as the plain loop `z = p0; z += p1; ...` does, and zeroes them for the next pass.
import { test } from "node:test";
import assert from "node:assert/strict";
import { kernelRuntime } from "../src/kernels";
import { rng } from "./fixtures/rng";

const rt = kernelRuntime();

for (const [count, m] of [
  [1, 1],
  [3, 7],
  [40, 209],
  [5, 64],
]) {
  test(
    `addParts sums ${count} parts of length ${m} in block order, bit for bit, and zeroes them`,
    { skip: !rt },
    () => {
      const parts = rt!.alloc(count * m),
        out = rt!.alloc(m);
      try {
        const random = rng(count * 1000 + m);
        // values of mixed magnitudes and signs, so a different order of the additions would change bits
        const values = Float64Array.from(
          { length: count * m },
          () => (random() - 0.5) * 10 ** Math.floor(random() * 12),
        );
        rt!.f64.set(values, parts / 8);
        const expected = new Float64Array(m);
        for (let j = 0; j < m; j++) expected[j] = values[j];
        for (let b = 1; b < count; b++) for (let j = 0; j < m; j++) expected[j] += values[b * m + j];
        rt!.kernels.addParts(parts, count, m, out);
        const heap = rt!.f64;
        assert.deepEqual(heap.slice(out / 8, out / 8 + m), expected);
        assert.ok(
          heap.slice(parts / 8, parts / 8 + count * m).every((v) => v === 0),
          "every part is zero afterwards",
        );
      } finally {
        rt!.release(parts);
        rt!.release(out);
      }
    },
  );
}
