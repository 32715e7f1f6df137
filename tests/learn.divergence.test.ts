/** A diverging run stops with a warning and a flag instead of producing NaN plots; healthy runs are left alone. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { seededRandom, optimize, propagate, initializeWithZeros, model, DEFAULT_ABOVE_START_STEPS } from "../src";
import type { Column, Matrix, Row } from "../src";

/** Noisy labels that no line separates: a too-large learning rate makes the cost bounce far above the start. */
function noisy() {
  const rng = seededRandom(5);
  return { X: rng.uniform([5, 300]) as Matrix, Y: rng.integers(0, 2, [1, 300]) as Row };
}

/**
 * The warning lines printed during a test: lines on stdout that start with "⚠" (the library's one way to
 * warn). Anything written with console.warn/console.error (stderr) fails the test.
 */
function captureWarnings(t: {
  mock: { method: (o: object, name: string, impl: (...a: unknown[]) => void) => unknown };
}): string[] {
  const warnings: string[] = [];
  t.mock.method(console, "log", (s: unknown) => {
    if (String(s).startsWith("⚠ ")) warnings.push(String(s));
  });
  for (const name of ["warn", "error"]) {
    t.mock.method(console, name, (s: unknown) => assert.fail(`console.${name} (stderr) was used: ${String(s)}`));
  }
  return warnings;
}

for (const kernel of ["plain", "auto"] as const) {
  test(`too-large learning rate: stops with a warning and diverged { iteration, reason } (${kernel})`, (t) => {
    const warnings = captureWarnings(t);
    const { X, Y } = noisy();
    const { w, b } = initializeWithZeros(5);
    const steps: number[] = [];
    const r = optimize(w, b, X, Y, {
      numIterations: 2000,
      learningRate: 50,
      recordEvery: 1,
      kernel,
      onStep: (_i, c) => steps.push(c),
    });
    assert.ok(r.diverged, "the run is flagged");
    assert.equal(r.diverged.iteration, DEFAULT_ABOVE_START_STEPS);
    assert.match(r.diverged.reason, /stayed above its starting value/);
    assert.equal(r.iterationsRun, r.diverged.iteration);
    assert.equal(warnings.length, 1);
    assert.match(
      warnings[0],
      /^⚠ optimize: training diverged at iteration 200 \(learning rate 50\).*smaller learning rate/,
    );
    assert.ok(r.costs.every(Number.isFinite) && steps.every(Number.isFinite));
    assert.ok(r.params.w.toFloat64Array().every(Number.isFinite));
    // The returned gradients belong to the returned parameters (whichever path ran).
    const at = propagate(r.params.w, r.params.b, X, Y).grads;
    assert.deepEqual(r.grads.dw.toArray(), at.dw.toArray());
    assert.equal(r.grads.db, at.db);
  });

  test(`a learning rate that overflows the weights: stops at the first Infinity/NaN cost (${kernel})`, (t) => {
    const warnings = captureWarnings(t);
    const { X, Y } = noisy();
    const { w, b } = initializeWithZeros(5);
    const steps: number[] = [];
    const r = optimize(w, b, X, Y, {
      numIterations: 100,
      learningRate: 1e308,
      kernel,
      onStep: (_i, c) => steps.push(c),
    });
    assert.ok(r.diverged);
    assert.equal(r.diverged.iteration, 1);
    assert.ok(!Number.isFinite(r.diverged.cost));
    assert.match(r.diverged.reason, /the cost became (Infinity|NaN)/);
    assert.equal(warnings.length, 1);
    assert.ok(r.costs.every(Number.isFinite), "no NaN/Infinity in the recorded costs");
    assert.ok(steps.every(Number.isFinite), "no NaN/Infinity handed to onStep");
  });
}

test("the rising-cost rule fires after risingSteps consecutive increases (healthy runs rise at most a few steps in a row)", (t) => {
  captureWarnings(t);
  const { X, Y } = noisy();
  const { w, b } = initializeWithZeros(5);
  const costs: number[] = [];
  const r = optimize(w, b, X, Y, {
    numIterations: 2000,
    learningRate: 50,
    kernel: "plain",
    divergence: { risingSteps: 2, aboveStartSteps: 10_000 },
    onStep: (_i, c) => costs.push(c),
  });
  assert.ok(r.diverged);
  assert.match(r.diverged.reason, /rose at each of the last 2 iterations/);
  const i = r.diverged.iteration;
  assert.ok(costs[i] > costs[i - 1] && costs[i - 1] > costs[i - 2]);
  assert.ok(i < 200, "well before the above-start rule would have fired");
});

test("divergence: false runs to the end; model passes the flag through", (t) => {
  const warnings = captureWarnings(t);
  const { X, Y } = noisy();
  const { w, b } = initializeWithZeros(5);
  const r = optimize(w, b, X, Y, { numIterations: 300, learningRate: 50, divergence: false });
  assert.equal(r.diverged, null);
  assert.equal(r.iterationsRun, 300);
  const d = model(X, Y, X, Y, { numIterations: 300, learningRate: 50 });
  assert.ok(d.diverged);
  assert.equal(warnings.length, 1);
});

test("a run that overshoots and then recovers (separable data, large learning rate) is not flagged", (t) => {
  const warnings = captureWarnings(t);
  const rng = seededRandom(3);
  const n = 400,
    m = 60;
  const X = rng.uniform([n, m]) as Matrix;
  const z = (rng.normal([n, 1]) as Column).T.matmul(X).toFloat64Array();
  const median = Float64Array.from(z).sort()[m / 2];
  const Y = rng.uniform([1, m]).map((_v, j) => (z[j] > median ? 1 : 0)) as Row;
  const { w, b } = initializeWithZeros(n);
  const r = optimize(w, b, X, Y, { numIterations: 600, learningRate: 0.5, recordEvery: 1 });
  assert.equal(r.diverged, null);
  assert.ok(Math.max(...r.costs) > 5 * r.costs[0], "the cost did overshoot");
  assert.ok(r.costs[599] < 0.01 * r.costs[0], `and recovered: ${r.costs[599]}`);
  assert.deepEqual(warnings, []);
});

test("onWarning receives the divergence warning (without the ⚠) instead of the printed line", (t) => {
  const warnings = captureWarnings(t);
  const { X, Y } = noisy();
  const { w, b } = initializeWithZeros(5);
  const received: string[] = [];
  const r = optimize(w, b, X, Y, { numIterations: 2000, learningRate: 50, onWarning: (m) => received.push(m) });
  assert.ok(r.diverged);
  assert.equal(warnings.length, 0, "nothing was printed");
  assert.equal(received.length, 1);
  assert.match(received[0], /optimize: training diverged at iteration 200/);
  assert.throws(
    () => optimize(w, b, X, Y, { numIterations: 1, learningRate: 0.1, onWarning: 3 as never }),
    /onWarning must be a function/,
  );
});
