/**
 * Self-checks for notebook 04 (gradient descent: the update rule, a descent loop in one dimension,
 * choosing a learning rate). Each check prints "✔ pass" or a hint (see feedback.ts for the contract).
 */
import { array } from "../ndarray/create";
import { column, row } from "../ndarray/narrow";
import type { Matrix, Row } from "../ndarray/ndarray";
import { propagate } from "../learn/logistic";
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

/**
 * The one-feature data set of notebook 04: twelve examples x with labels y, not separable
 * (x = -1.5 is a 1, x = 1 is a 0), so the cross-entropy cost has its minimum at a finite (w, b),
 * about w = 0.9758, b = 0.3225, J = 0.45885.
 */
export const lesson04Data: { readonly x: readonly number[]; readonly y: readonly number[] } = Object.freeze({
  x: Object.freeze([-3, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3]),
  y: Object.freeze([0, 0, 1, 0, 0, 1, 1, 0, 1, 1, 1, 1]),
});

/** The smallest cost J(w, b) on {@link lesson04Data} (found by 5000 steps of gradient descent). */
export const LESSON04_MIN_COST = 0.45884569273774467;

const X: Matrix = array([[...lesson04Data.x]]);
const Y: Row = row([...lesson04Data.y]);

/** dJ/dw and J at (w, b) on the lesson's data (the library's propagate). */
function slopeAndCost(w: number, b: number): { dw: number; db: number; cost: number } {
  const { grads, cost } = propagate(column([w]), b, X, Y);
  return { dw: grads.dw.item(), db: grads.db, cost };
}

// ---------------------------------------------------------------------------------------------------
// Exercise 1: the update rule w := w - alpha * dw

function judgeUpdate(update: (w: number, dw: number, alpha: number) => unknown): Verdict {
  const cases: [number, number, number][] = [
    [2, 0.5, 0.1],
    [-1, -3, 0.01],
    [0.5, 2, 1.5],
  ];
  const got: number[] = [];
  for (const [w, dw, alpha] of cases) {
    const r = attempt(() => update(w, dw, alpha));
    if (!r.ok && r.notAttempted)
      return notAttempted("one step goes against the slope dw, scaled by the learning rate alpha");
    if (!r.ok) return hint(`update(${w}, ${dw}, ${alpha}) threw ${r.error}`);
    if (typeof r.value !== "number")
      return hint(`update(${w}, ${dw}, ${alpha}) should return the new w as a number, got ${describe(r.value)}`);
    got.push(r.value);
  }
  const want = cases.map(([w, dw, a]) => w - a * dw);
  if (allClose(got, want)) return pass("a step against the slope, of size α times the slope");
  const show = `update(2, 0.5, 0.1) = ${fmt(got[0])}`;
  if (
    allClose(
      got,
      cases.map(([w, dw, a]) => w + a * dw),
    )
  )
    return hint(`${show}: you stepped UP the slope; subtract α·dw to go downhill`);
  if (
    allClose(
      got,
      cases.map(([w, dw]) => w - dw),
    )
  )
    return hint(`${show}: the learning rate α is missing; the step is α·dw, not dw`);
  if (
    allClose(
      got,
      cases.map(([w, dw, a]) => w - dw / a),
    )
  )
    return hint(`${show}: you divided by α; the step is α TIMES dw`);
  if (
    allClose(
      got,
      cases.map(([, dw, a]) => -a * dw),
    )
  )
    return hint(`${show}: that is only the step −α·dw; add it to the current w`);
  if (
    allClose(
      got,
      cases.map(([w]) => w),
    )
  )
    return hint(`${show}: w did not change; return w − α·dw`);
  return hint(show);
}

/**
 * Exercise 1 of notebook 04: checks your update rule `update(w, dw, alpha)` = w − alpha·dw
 * on a few numbers. Prints "✔ pass" or a hint (sign, missing or misused learning rate).
 * @throws TypeError if `update` is not a function.
 */
export function checkUpdateRule(update: (w: number, dw: number, alpha: number) => unknown): void {
  requireFunction("checkUpdateRule", update, "update(w, dw, alpha) => number");
  report("update rule", judgeUpdate(update));
}

// ---------------------------------------------------------------------------------------------------
// Exercise 2: gradient descent on J(w) with b = 0, returning the path

/** The reference path: w_0 and then `steps` updates of w with b fixed at 0. */
function referencePath(w0: number, alpha: number, steps: number): number[] {
  const path = [w0];
  let w = w0;
  for (let i = 0; i < steps; i++) {
    w = w - alpha * slopeAndCost(w, 0).dw;
    path.push(w);
  }
  return path;
}

/** The call the check makes: the run of section 2's table in notebook 04 (from w = -3, α = 0.6, 12 steps). */
export const LESSON04_DESCENT_CALL = Object.freeze({ w0: -3, alpha: 0.6, steps: 12 });

function judgeDescent(descend: (w0: number, alpha: number, steps: number) => unknown): Verdict {
  const { w0, alpha, steps } = LESSON04_DESCENT_CALL;
  const call = `descend(${w0}, ${alpha}, ${steps})`;
  const r = attempt(() => descend(w0, alpha, steps));
  if (!r.ok && r.notAttempted) {
    return notAttempted(
      `start the list with w0 and push w after each update (slope from dJ(w, 0).dw); the check calls ${call}, the run of section 2's table`,
    );
  }
  if (!r.ok) return hint(`${call} threw ${r.error}`);
  const value = r.value;
  if (!Array.isArray(value) && !(value instanceof Float64Array)) {
    return hint(`${call} should return the list of weights visited, [w0, w1, ..., w${steps}], got ${describe(value)}`);
  }
  const path = Array.from(value as ArrayLike<unknown>);
  if (path.some((v) => typeof v !== "number"))
    return hint(
      `${call} should return numbers only, got ${describe(path.find((v) => typeof v !== "number"))} in the list`,
    );
  const got = path as number[];
  const want = referencePath(w0, alpha, steps);
  if (got.length === steps && allClose(got, want.slice(1)))
    return hint(
      `${call} has ${steps} entries: put the starting point w0 first, so the path has steps + 1 = ${steps + 1} entries`,
    );
  if (got.length === steps && allClose(got, want.slice(0, steps)))
    return hint(`${call} has ${steps} entries: push w AFTER each update too, so the path ends with w${steps}`);
  if (got.length !== steps + 1)
    return hint(`${call} should have steps + 1 = ${steps + 1} entries (w0 and one per step), got ${got.length}`);
  if (got[0] !== w0) return hint(`the path should start at w0 = ${w0}, got ${fmt(got[0])}`);
  if (allClose(got, want)) {
    return pass("every w of your path matches the run of section 2's table");
  }
  const up = referenceUphill(w0, alpha, steps);
  if (allClose(got, up)) return hint(`your path goes uphill (w1 = ${fmt(got[1])} from w0 = ${w0}): subtract α·dJ/dw`);
  if (got.every((w) => w === w0))
    return hint(`w never changes: update it inside the loop (w = w - alpha * dw) before pushing it`);
  if (allClose(got, referenceFixedSlope(w0, alpha, steps)))
    return hint(`every step is the same size: compute dJ/dw again at the NEW w in each step`);
  const k = got.findIndex((w, i) => !allClose([w], [want[i]]));
  return hint(`w${k} = ${fmt(got[k])} is off (the steps before it are right); use b = 0 and dJ/dw from propagate`);
}

function referenceUphill(w0: number, alpha: number, steps: number): number[] {
  const path = [w0];
  let w = w0;
  for (let i = 0; i < steps; i++) {
    const r = attempt(() => slopeAndCost(w, 0).dw);
    w = r.ok ? w + alpha * r.value : NaN; // uphill can run off to where the cost overflows
    path.push(w);
  }
  return path;
}

function referenceFixedSlope(w0: number, alpha: number, steps: number): number[] {
  const dw = slopeAndCost(w0, 0).dw;
  return Array.from({ length: steps + 1 }, (_, i) => w0 - i * alpha * dw);
}

/**
 * Exercise 2 of notebook 04: checks your `descend(w0, alpha, steps)`, which runs `steps` steps of
 * gradient descent on J(w, b = 0) of {@link lesson04Data} from w0 and returns every w visited,
 * [w0, w1, ..., w_steps]. It calls `descend(-3, 0.6, 12)` ({@link LESSON04_DESCENT_CALL}), the run of section 2's
 * table, and says so. Prints "✔ pass", a hint (length, start, sign, slope not recomputed) or "not attempted yet".
 * @throws TypeError if `descend` is not a function.
 */
export function checkGradientDescent1D(descend: (w0: number, alpha: number, steps: number) => unknown): void {
  requireFunction("checkGradientDescent1D", descend, "descend(w0, alpha, steps) => number[]");
  report("gradient descent in 1-D", judgeDescent(descend));
}

// ---------------------------------------------------------------------------------------------------
// Exercise 3: a learning rate that reaches the minimum in 20 steps

/** Steps and tolerance of exercise 3: from (w, b) = (0, 0), 20 steps must end within 0.001 of the minimum. */
export const LESSON04_RATE_STEPS = 20;
const RATE_TOLERANCE = 1e-3;

function judgeRate(choice: number | (() => unknown)): Verdict {
  let alpha: unknown = choice;
  if (typeof choice === "function") {
    const r = attempt(() => choice());
    if (!r.ok && r.notAttempted)
      return notAttempted(
        `try a few rates with optimize (20 steps from w = 0, b = 0) and return one whose cost ends within ${RATE_TOLERANCE} of the minimum; section 4's curves show where to look`,
      );
    if (!r.ok) return hint(`your function threw ${r.error}`);
    alpha = r.value;
  }
  if (typeof alpha !== "number") return hint(`return the learning rate as a number, got ${describe(alpha)}`);
  if (!(alpha > 0) || !Number.isFinite(alpha)) {
    return hint(
      `the learning rate must be a finite number > 0, got ${alpha}: with α ≤ 0 the step goes uphill or nowhere`,
    );
  }
  let w = 0,
    b = 0;
  const costs: number[] = [];
  for (let i = 0; i <= LESSON04_RATE_STEPS; i++) {
    const s = attempt(() => slopeAndCost(w, b));
    if (!s.ok)
      return hint(
        `α = ${alpha} is far too large: after ${i} steps the parameters left the range where the cost is finite`,
      );
    costs.push(s.value.cost);
    w -= alpha * s.value.dw;
    b -= alpha * s.value.db;
  }
  const final = costs[LESSON04_RATE_STEPS];
  const gap = final - LESSON04_MIN_COST;
  const summary = `after ${LESSON04_RATE_STEPS} steps with α = ${alpha} the cost is ${fmt(final)} (minimum ${fmt(LESSON04_MIN_COST)})`;
  if (gap <= RATE_TOLERANCE)
    return pass(`${LESSON04_RATE_STEPS} steps with your α end close enough to the minimum cost`);
  const rises = costs.slice(1).filter((c, i) => c > costs[i]).length;
  if (rises > 0)
    return hint(`${summary}, and it went UP in ${rises} of the steps: α is too large, the steps overshoot the valley`);
  return hint(`${summary}: the cost falls every step but too slowly, α is too small`);
}

/**
 * Exercise 3 of notebook 04: checks a learning rate, given as a number or as your function that returns it:
 * 20 steps of gradient descent on J(w, b) of {@link lesson04Data} from (0, 0) must end within 0.001 of the
 * minimum cost. Prints "✔ pass" or a hint (too small: slow; too large: the cost goes up).
 * @throws TypeError if `alpha` is neither a number nor a function.
 */
export function checkLearningRate(alpha: number | (() => number)): void {
  if (typeof alpha !== "number" && typeof alpha !== "function") {
    throw new TypeError(
      `checkLearningRate: expected a learning rate (a number) or a function returning one, got ${describe(alpha)}`,
    );
  }
  report("learning rate", judgeRate(alpha));
}
