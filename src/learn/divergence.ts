/**
 * When to stop a gradient-descent run that is not converging.
 *
 * Why two "many steps" rules and not only "cost rising": logistic regression's cost is convex with a
 * bounded gradient, so a too-large learning rate rarely makes the cost climb step after step; it makes
 * it jump far above the start and then bounce around there. Measured on random problems: healthy
 * runs never rose more than 5 steps in a row, and runs that overshoot but recover (e.g. separable
 * data) stayed above the starting cost for at most about 105 iterations, while runs whose learning
 * rate was truly too large stayed above it for ever.
 */
import { ValueError } from "../ndarray";

/** The divergence rule of `optimize` (all counts are consecutive iterations). */
export interface DivergenceRule {
  /** Stop when the cost rose (strictly) at each of this many consecutive iterations. Default 20. */
  risingSteps?: number;
  /** Stop when the cost stayed above the starting cost J(iteration 0) for this many consecutive iterations. Default 200. */
  aboveStartSteps?: number;
}

/** Where and why a run was stopped. A NaN or Infinity cost always stops the run at once. */
export interface Divergence {
  /** The iteration whose cost triggered the stop (its update was not applied). */
  iteration: number;
  /** That iteration's cost. */
  cost: number;
  /** A sentence saying which rule fired. */
  reason: string;
}

/** Default number of consecutive rising steps that counts as divergence. */
export const DEFAULT_RISING_STEPS = 20;
/** Default number of consecutive iterations above the starting cost that counts as divergence. */
export const DEFAULT_ABOVE_START_STEPS = 200;

/** Watches the cost of every iteration and says when the run diverged (see {@link DivergenceRule}). */
export class DivergenceGuard {
  private readonly risingSteps: number;
  private readonly aboveStartSteps: number;
  private start = NaN;
  private previous = NaN;
  private rising = 0;
  private above = 0;

  constructor(rule: DivergenceRule) {
    this.risingSteps = positiveCount("risingSteps", rule.risingSteps ?? DEFAULT_RISING_STEPS);
    this.aboveStartSteps = positiveCount("aboveStartSteps", rule.aboveStartSteps ?? DEFAULT_ABOVE_START_STEPS);
  }

  /** Feeds the cost of iteration i; returns the verdict when the run must stop, else null. */
  check(iteration: number, cost: number): Divergence | null {
    if (!Number.isFinite(cost)) {
      return { iteration, cost, reason: `the cost became ${cost}` };
    }
    if (Number.isNaN(this.start)) this.start = cost;
    this.rising = cost > this.previous ? this.rising + 1 : 0;
    this.above = cost > this.start ? this.above + 1 : 0;
    this.previous = cost;
    if (this.rising >= this.risingSteps) {
      return { iteration, cost, reason: `the cost rose at each of the last ${this.rising} iterations (now ${cost})` };
    }
    if (this.above >= this.aboveStartSteps) {
      return {
        iteration,
        cost,
        reason: `the cost stayed above its starting value ${this.start} for ${this.above} iterations (now ${cost})`,
      };
    }
    return null;
  }
}

function positiveCount(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1)
    throw new ValueError(`optimize: divergence.${name} must be an integer >= 1, got ${v}`);
  return v;
}
