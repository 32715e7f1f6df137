/**
 * Self-checks for notebook 06 (logistic regression on the graph, over m examples): the gradients of one
 * example and the vectorized propagate. Each check prints "✔ pass" or a hint (see feedback.ts).
 */
import { array } from "../ndarray/create";
import { column, row } from "../ndarray/narrow";
import { NDArray } from "../ndarray/ndarray";
import type { Column, Matrix, Row } from "../ndarray/ndarray";
import { formatShape } from "../ndarray/shape";
import { seededRandom } from "../ndarray/random";
import { propagate } from "../learn/logistic";
import {
  Verdict,
  allClose,
  attempt,
  describe,
  fmt,
  fmtList,
  hint,
  notAttempted,
  pass,
  report,
  requireFunction,
} from "./feedback";
import { sigmoidScalar } from "../learn/activation";

// ---------------------------------------------------------------------------------------------------
// Exercise 1: the gradients of one example with two features

/** What your one-example function returns: dz = dL/dz and the gradients of the loss. */
export interface OneExampleGradients {
  dz: number;
  dw1: number;
  dw2: number;
  db: number;
}

type OneExampleFn = (x1: number, x2: number, w1: number, w2: number, b: number, y: number) => unknown;

function judgeOneExample(fn: OneExampleFn): Verdict {
  const cases: [number, number, number, number, number, number][] = [
    [1.5, -2, 0.3, 0.8, -0.1, 1],
    [-0.7, 2.5, -1.2, 0.4, 0.5, 0],
    [3, 1, 0.2, -0.6, 0, 1],
  ];
  for (const args of cases) {
    const [x1, x2, w1, w2, b, y] = args;
    const call = `f(${args.join(", ")})`;
    const r = attempt(() => fn(...args));
    if (!r.ok && r.notAttempted)
      return notAttempted(
        "compute z and a = σ(z) first; section 1 gives dz, and each parameter's gradient follows from dz by the chain rule",
      );
    if (!r.ok) return hint(`${call} threw ${r.error}`);
    const got = r.value as Partial<OneExampleGradients> | null;
    if (typeof got !== "object" || got === null)
      return hint(`${call} should return { dz, dw1, dw2, db }, got ${describe(got)}`);
    const absent = (["dz", "dw1", "dw2", "db"] as const).filter((k) => typeof got[k] !== "number");
    if (absent.length > 0) return hint(`${call} returned no number for ${absent.join(", ")}`);
    const a = sigmoidScalar(w1 * x1 + w2 * x2 + b);
    const dz = a - y;
    const want = [dz, x1 * dz, x2 * dz, dz];
    const values = [got.dz, got.dw1, got.dw2, got.db] as number[];
    if (allClose(values, want)) continue;
    const show = `${call}: dz = ${fmt(values[0])}`;
    if (allClose([values[0]], [-dz]))
      return hint(`${show}. The sign is flipped: dz = a − y (the prediction minus the label)`);
    if (allClose([values[0]], [a * (1 - a)]))
      return hint(
        `${show}. a(1 − a) is only da/dz; multiply by dL/da = −y/a + (1 − y)/(1 − a), which simplifies to a − y`,
      );
    if (allClose([values[0]], [w1 * x1 + w2 * x2 + b - y]))
      return hint(`${show}. Apply the sigmoid first: a = σ(z), then dz = a − y`);
    if (!allClose([values[0]], [dz])) return hint(`${show}: dz is the prediction a = σ(z) minus the label y`);
    if (allClose([values[1], values[2]], [dz, dz]))
      return hint(`${call}: dw1 = dw2 = dz; multiply by the feature: dw1 = x1·dz, dw2 = x2·dz`);
    if (allClose([values[1], values[2]], [x2 * dz, x1 * dz]))
      return hint(`${call}: dw1 and dw2 are swapped; dw1 = x1·dz goes with w1`);
    if (allClose([values[1], values[2]], [w1 * dz, w2 * dz]))
      return hint(`${call}: you multiplied dz by the weights; dz/dw1 = x1, so dw1 = x1·dz`);
    if (!allClose([values[3]], [dz])) return hint(`${call}: db = ${fmt(values[3])}, but dz/db = 1, so db = dz`);
    return hint(`${call}: dw1, dw2 = ${fmtList(values.slice(1, 3))}: each is its feature times dz`);
  }
  return pass("dz = a − y, dw1 = x1·dz, dw2 = x2·dz, db = dz on three examples");
}

/**
 * Exercise 1 of notebook 06: checks your `f(x1, x2, w1, w2, b, y)` returning { dz, dw1, dw2, db } for
 * one example, z = w1 x1 + w2 x2 + b, a = σ(z), cross-entropy loss. Prints "✔ pass" or a hint (sign of
 * dz, sigmoid missing, features not multiplied in).
 * @throws TypeError if `f` is not a function.
 */
export function checkOneExampleGradients(f: OneExampleFn): void {
  requireFunction("checkOneExampleGradients", f, "f(x1, x2, w1, w2, b, y) => { dz, dw1, dw2, db }");
  report("gradients of one example", judgeOneExample(f));
}

// ---------------------------------------------------------------------------------------------------
// Exercise 2: vectorized propagate

/** What your vectorized propagate returns: dw (n, 1), db and the cost J. */
export interface MyPropagateResult {
  dw: NDArray;
  db: number;
  cost: number;
}

type PropagateFn = (w: Column, b: number, X: Matrix, Y: Row) => unknown;

/** The course's propagate example and a random problem with m = 5 examples and n = 3 features. */
function propagateCases(): [Column, number, Matrix, Row][] {
  const rng = seededRandom(6);
  const X = rng.normal([3, 5]) as Matrix;
  const labels = [1, 0, 0, 1, 1];
  return [
    [
      column([1, 2]),
      2,
      array([
        [1, 2],
        [3, 4],
      ]),
      row([1, 0]),
    ],
    [rng.normal([3, 1], 0, 0.5) as Column, -0.3, X, row(labels)],
  ];
}

function judgePropagate(fn: PropagateFn): Verdict {
  for (const [w, b, X, Y] of propagateCases()) {
    const m = X.shape[1];
    const call = `propagate with w ${formatShape(w.shape)}, X ${formatShape(X.shape)}`;
    const r = attempt(() => fn(w, b, X, Y));
    if (!r.ok && r.notAttempted)
      return notAttempted(
        "follow the formulas of section 3 with whole arrays; dw must have the shape of w, and db and the cost are means over the m columns",
      );
    if (!r.ok) return hint(`${call} threw ${r.error}`);
    const got = r.value as Partial<MyPropagateResult> | null;
    if (typeof got !== "object" || got === null)
      return hint(`${call} should return { dw, db, cost }, got ${describe(got)}`);
    const want = propagate(w, b, X, Y);
    if (!(got.dw instanceof NDArray))
      return hint(`${call}: dw should be an NDArray of shape ${formatShape(w.shape)}, got ${describe(got.dw)}`);
    const wantDw = want.grads.dw.toFloat64Array();
    const shape = got.dw.shape;
    if (shape.length === 2 && shape[0] === 1 && shape[1] === w.shape[0] && w.shape[0] > 1) {
      return hint(
        `${call}: dw has shape ${formatShape(shape)}, expected ${formatShape(w.shape)} like w: use X·dZᵀ (dZ transposed), not dZ·Xᵀ`,
      );
    }
    if (shape.length !== 2 || shape[0] !== w.shape[0] || shape[1] !== 1)
      return hint(`${call}: dw has shape ${formatShape(shape)}, expected ${formatShape(w.shape)} like w`);
    const dw = got.dw.toFloat64Array();
    if (typeof got.db !== "number") return hint(`${call}: db should be a number, got ${describe(got.db)}`);
    if (typeof got.cost !== "number") return hint(`${call}: cost should be a number, got ${describe(got.cost)}`);
    const scaled = (v: Float64Array, k: number) => Array.from(v, (x) => x * k);
    if (!allClose(dw, wantDw)) {
      if (allClose(dw, scaled(wantDw, m))) return hint(`${call}: dw is m = ${m} times too large: divide X·dZᵀ by m`);
      if (allClose(dw, scaled(wantDw, -1))) return hint(`${call}: dw has the wrong sign: dZ = A − Y, not Y − A`);
      return hint(`${call}: dw = ${fmtList(dw)} is off; dw = (1/m) X·dZᵀ with dZ = A − Y`);
    }
    if (!allClose([got.db], [want.grads.db])) {
      if (allClose([got.db], [want.grads.db * m]))
        return hint(`${call}: db = ${fmt(got.db)} is m = ${m} times too large: db = (1/m)·sum(dZ)`);
      if (allClose([got.db], [-want.grads.db])) return hint(`${call}: db has the wrong sign: dZ = A − Y`);
      return hint(`${call}: db = ${fmt(got.db)} is off; db = (1/m)·sum(dZ)`);
    }
    if (!allClose([got.cost], [want.cost])) {
      if (allClose([got.cost], [-want.cost]))
        return hint(
          `${call}: cost = ${fmt(got.cost)} has the wrong sign: J = −(1/m)·sum(Y log A + (1 − Y) log(1 − A)) is ≥ 0`,
        );
      if (allClose([got.cost], [want.cost * m]))
        return hint(`${call}: cost = ${fmt(got.cost)} is the SUM of the losses; the cost is their mean (divide by m)`);
      return hint(`${call}: cost = ${fmt(got.cost)} is off; J = −(1/m)·sum(Y log A + (1 − Y) log(1 − A))`);
    }
  }
  return pass("dw, db and cost right on the course's example and on a random one");
}

/**
 * Exercise 2 of notebook 06: checks your vectorized `propagate(w, b, X, Y)` returning { dw, db, cost }
 * on the course's example (w = [[1],[2]], b = 2, X = [[1,2],[3,4]], Y = [[1,0]]) and a random problem.
 * Prints "✔ pass" or a hint (shape of dw, missing 1/m, signs).
 * @throws TypeError if `propagateFn` is not a function.
 */
export function checkPropagate(propagateFn: PropagateFn): void {
  requireFunction("checkPropagate", propagateFn, "propagate(w, b, X, Y) => { dw, db, cost }");
  report("vectorized propagate", judgePropagate(propagateFn));
}
