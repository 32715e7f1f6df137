/**
 * Self-checks for notebook 03 (loss vs cost; squared error is non-convex with a sigmoid, cross-entropy is convex).
 * Each check prints "✔ pass" or a hint (see feedback.ts for the contract).
 */
import { NDArray, Row } from "../ndarray/ndarray";
import { array } from "../ndarray/create";
import { formatShape } from "../ndarray/shape";
import {
  Verdict,
  allClose,
  attempt,
  describe,
  fmt,
  hint,
  notAttempted,
  pass,
  report,
  requireFunction,
} from "./feedback";
import { sigmoidScalar } from "../learn/activation";

/**
 * The one-feature data set of notebook 03: four examples x with labels y. It is not separable
 * (x = -0.5 is a 1 and x = 1 is a 0), so the best cross-entropy cost sits at a finite w.
 */
export const lesson03Data: { readonly x: readonly number[]; readonly y: readonly number[] } = Object.freeze({
  x: Object.freeze([-2, -0.5, 1, 3]),
  y: Object.freeze([0, 1, 0, 1]),
});

function crossEntropy(yhat: number, y: number): number {
  return -(y * Math.log(yhat) + (1 - y) * Math.log(1 - yhat));
}

function judgeCrossEntropy(loss: (yhat: number, y: number) => unknown): Verdict {
  const cases: [number, number][] = [
    [0.9, 1],
    [0.2, 1],
    [0.9, 0],
    [0.2, 0],
    [0.5, 1],
  ];
  const want = cases.map(([a, y]) => crossEntropy(a, y));
  const values: number[] = [];
  for (const [a, y] of cases) {
    const got = attempt(() => loss(a, y));
    if (!got.ok && got.notAttempted)
      return notAttempted(
        "for y = 1 only the log(yhat) term is active, for y = 0 only log(1 - yhat); Math.log is the natural logarithm, and the loss is >= 0",
      );
    if (!got.ok) return hint(`loss(${a}, ${y}) threw ${got.error}`);
    if (typeof got.value !== "number")
      return hint(`loss(${a}, ${y}) should return a number, got ${describe(got.value)}`);
    values.push(got.value);
  }
  if (allClose(values, want)) {
    return pass("right for y = 1 and for y = 0, from confident right to confident wrong");
  }
  const show = (i: number) => `loss(${cases[i][0]}, ${cases[i][1]}) = ${fmt(values[i])}`;
  if (values.some((v) => !Number.isFinite(v))) {
    const i = values.findIndex((v) => !Number.isFinite(v));
    return hint(
      `${show(i)}: NaN or Infinity for an ordinary yhat. Did you swap the arguments? The log is taken of yhat (and 1 - yhat), never of y`,
    );
  }
  if (
    allClose(
      values,
      want.map((v) => -v),
    )
  )
    return hint(
      `${show(0)}: the sign is flipped; the loss is MINUS (y log yhat + (1 - y) log(1 - yhat)), so it is >= 0`,
    );
  if (
    allClose(
      values,
      want.map((v) => v / Math.LN10),
    )
  )
    return hint(`${show(0)}: that is log base 10; use the natural logarithm (Math.log)`);
  if (
    allClose(
      values,
      cases.map(([a, y]) => (a - y) ** 2),
    ) ||
    allClose(
      values,
      cases.map(([a, y]) => (a - y) ** 2 / 2),
    )
  ) {
    return hint(`${show(0)}: that is the squared error; the cross-entropy uses logarithms`);
  }
  if (
    allClose(
      values,
      cases.map(([a, y]) => crossEntropy(1 - a, y)),
    )
  ) {
    return hint(`${show(0)}: the two logs are swapped; y pairs with log(yhat) and (1 - y) with log(1 - yhat)`);
  }
  const y0 = cases.map(([, y], i) => (y === 0 ? i : -1)).filter((i) => i >= 0);
  if (y0.every((i) => values[i] === 0) && y0.every((i) => want[i] !== 0)) {
    return hint(`${show(y0[0])}: for y = 0 your loss is always 0; add the (1 - y) log(1 - yhat) term`);
  }
  const y1 = cases.map(([, y], i) => (y === 1 ? i : -1)).filter((i) => i >= 0);
  if (y1.every((i) => values[i] === 0))
    return hint(`${show(y1[0])}: for y = 1 your loss is always 0; add the y log(yhat) term`);
  const i = values.findIndex((v, k) => !allClose([v], [want[k]]));
  return hint(show(i));
}

/**
 * Exercise 1 of notebook 03: checks your per-example cross-entropy loss
 * L(yhat, y) = -(y log yhat + (1 - y) log(1 - yhat)) on a few (yhat, y) pairs.
 * Prints "✔ pass" or a hint (sign, log base, swapped terms, a missing term).
 * @throws TypeError if `loss` is not a function.
 */
export function checkCrossEntropyLoss(loss: (yhat: number, y: number) => unknown): void {
  requireFunction("checkCrossEntropyLoss", loss, "loss(yhat, y) => number");
  report("cross-entropy loss", judgeCrossEntropy(loss));
}

function judgeCost(costFn: (Yhat: Row, Y: Row) => unknown): Verdict {
  const sets: [number[], number[]][] = [
    [
      [0.9, 0.2, 0.6, 0.4],
      [1, 0, 1, 0],
    ],
    [
      [0.7, 0.1, 0.95],
      [1, 1, 0],
    ],
  ];
  for (const [yhat, y] of sets) {
    const m = y.length;
    const losses = yhat.map((a, i) => crossEntropy(a, y[i]));
    const want = losses.reduce((s, v) => s + v, 0) / m;
    const got = attempt(() => costFn(array([yhat]) as Row, array([y]) as Row));
    if (!got.ok && got.notAttempted)
      return notAttempted(
        "crossEntropyLoss(Yhat, Y) gives the (1, m) row of losses; the cost is their mean, one number (.sum() / m or .mean())",
      );
    if (!got.ok) return hint(`your function threw ${got.error} for Yhat and Y of shape (1,${m})`);
    const J = got.value;
    if (J instanceof NDArray) {
      if (J.size === m)
        return hint(
          `you returned ${m} numbers (shape ${formatShape(J.shape)}): those are the losses; the cost is their mean, one number`,
        );
      return hint(
        `return the cost as a plain number, not ${describe(J)}: .mean() or .sum() of an array gives a number`,
      );
    }
    if (typeof J !== "number") return hint(`the cost should be a number, got ${describe(J)}`);
    const at = `for m = ${m} examples you give J = ${fmt(J)}`;
    if (allClose([J], [want])) continue;
    if (allClose([J], [want * m]))
      return hint(`${at}: that is the SUM of the losses; the cost is their average, divide by m = Y.shape[1] = ${m}`);
    if (allClose([J], [-want]))
      return hint(`${at}: the sign is flipped; each loss is -(y log yhat + (1 - y) log(1 - yhat)) >= 0`);
    const squared = yhat.reduce((s, a, i) => s + (a - y[i]) ** 2, 0) / m;
    if (allClose([J], [squared]) || allClose([J], [squared / 2]))
      return hint(`${at}: that is the mean squared error; this exercise asks for the cross-entropy cost`);
    const divisor = (want * m) / J;
    if (J > 0 && Math.abs(divisor - Math.round(divisor)) < 1e-9 && Math.round(divisor) !== m) {
      return hint(
        `${at}: that is the sum of the losses divided by ${Math.round(divisor)}, but this Y has m = ${m} examples: use m = Y.shape[1], not a fixed number`,
      );
    }
    if (Number.isNaN(J))
      return hint(
        `${at}: NaN usually means a log of a negative number or 0 * Infinity; check the order of the arguments yhat, y`,
      );
    return hint(at);
  }
  return pass("one number, the mean of the losses, for m = 4 and m = 3");
}

/**
 * Exercise 2 of notebook 03: checks your `cost(Yhat, Y)` that returns the cross-entropy cost,
 * the average of the per-example losses over the m columns of the rows Yhat and Y (shape (1, m)).
 * Prints "✔ pass" or a hint (sum instead of mean, returned an array, sign, squared error).
 * @throws TypeError if `cost` is not a function.
 */
export function checkCost(cost: (Yhat: Row, Y: Row) => unknown): void {
  requireFunction("checkCost", cost, "cost(Yhat, Y) => number");
  report("cost", judgeCost(cost));
}

/** Squared-error cost (1/m) sum 1/2 (yhat - y)^2 of notebook 03's data at weight w and bias b, the checks' own reference. */
function squaredErrorCost(w: number, b = 0): number {
  const { x, y } = lesson03Data;
  let total = 0;
  for (let i = 0; i < x.length; i++) total += 0.5 * (sigmoidScalar(w * x[i] + b) - y[i]) ** 2;
  return total / x.length;
}

/** The step of the second difference, J(w - h) - 2 J(w) + J(w + h), used by the check. */
const BEND_STEP = 1e-3;

/** J(w - h) - 2 J(w) + J(w + h) divided by h^2: about J''(w); negative where J bends down. */
function curvature(J: (w: number) => number, w: number, h = BEND_STEP): number {
  return (J(w - h) - 2 * J(w) + J(w + h)) / (h * h);
}

/** The functions exercise 3's answer is tried on: notebook 03's squared-error cost with b = 0, then with b = 1. */
const BENDY_COSTS: readonly { name: string; J: (w: number) => number }[] = [
  { name: "the squared-error cost with b = 0", J: (w) => squaredErrorCost(w, 0) },
  { name: "the squared-error cost with b = 1", J: (w) => squaredErrorCost(w, 1) },
];

function judgeBendPoint(w: unknown, name: string, J: (w: number) => number): Verdict | null {
  const at = `for ${name}`;
  if (typeof w !== "number" || !Number.isFinite(w))
    return hint(`${at} your function should return one finite number w, got ${describe(w)}`);
  if (w < -10 || w > 10) return hint(`${at} you returned w = ${fmt(w)}, outside [-10, 10]; scan only that range`);
  const c = curvature(J, w);
  // Rounding noise of the second difference is about 1e-10 here, so 1e-8 is a safe margin.
  if (c < -1e-8) return null;
  if (c < 1e-8)
    return hint(
      `${at} the curve is almost straight at w = ${fmt(w)} (curvature ${fmt(c)}); find a place where it clearly bends down`,
    );
  return hint(
    `${at} the cost bends UP at w = ${fmt(w)} (curvature ${fmt(c)} > 0), like a convex function there. Look for the top of a hump, or scan the second difference for a negative value`,
  );
}

function judgeNonConvexPoint(findBendDown: (J: (w: number) => number) => unknown): Verdict {
  for (const { name, J } of BENDY_COSTS) {
    const got = attempt(() => findBendDown(J));
    if (!got.ok && got.notAttempted) {
      return notAttempted(
        "the top of a hump always bends down: scan w over [-10, 10] for a point higher than both its neighbours, or for a negative J(w - h) - 2 J(w) + J(w + h)",
      );
    }
    if (!got.ok) return hint(`findBendDown(J) threw ${got.error} (J was ${name})`);
    const wrong = judgeBendPoint(got.value, name, J);
    if (wrong) return wrong;
  }
  return pass("your points bend DOWN for b = 0 and b = 1: the cost is not convex");
}

/**
 * Exercise 3 of notebook 03: checks your `findBendDown(J)` that returns a weight w in [-10, 10] where the given
 * cost function J(w) bends downward (negative second difference J(w - h) - 2 J(w) + J(w + h)), which proves that J
 * is not convex. It is tried on notebook 03's squared-error cost of {@link lesson03Data} with b = 0 and with b = 1.
 * Prints "✔ pass" or a hint.
 * @throws TypeError if `findBendDown` is not a function.
 */
export function checkNonConvexPoint(findBendDown: (J: (w: number) => number) => unknown): void {
  requireFunction("checkNonConvexPoint", findBendDown, "findBendDown(J) => w");
  report("non-convex point", judgeNonConvexPoint(findBendDown));
}
