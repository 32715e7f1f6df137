/** A cost curve that redraws in place while a model trains, then stays as a normal static figure. */
import { ValueError } from "../core";
import { Figure, formatNumber } from "./figure";
import { costCurve } from "./charts";
import { describeFigure } from "./describe";
import { platform } from "../platform";
import { present } from "./display";
import { fitPointBudget } from "./budget";

/** Options of {@link liveCostCurve}. */
export interface LiveCostOptions {
  /** Shown in the title. */
  learningRate?: number;
  title?: string;
  /** Least time between two redraws while training (default 300 ms): training is not slowed by plotting. */
  minIntervalMs?: number;
}

/** The handle returned by {@link liveCostCurve}. */
export interface LiveCostCurve {
  /** Records the cost at an iteration (call it from `optimize`'s `onStep`); redraws at most every `minIntervalMs`. */
  add(iteration: number, cost: number): void;
  /**
   * Draws the complete curve one last time in the same output (an ordinary static figure from then on).
   * Returns nothing, so a cell ending in `live.finish()` prints no JSON; use {@link LiveCostCurve.figure} to get it.
   */
  finish(): void;
  /** The cost curve of the points recorded so far (the final figure after `finish()`). */
  figure(): Figure;
}

/**
 * Starts a live cost curve: an output appears at once and is replaced in place (the same display id, as
 * `tslab.newDisplay()` does) while `add` is called, as a picture of the curve so far; `finish()` replaces it by
 * the complete Plotly figure, so every front end ends with the interactive plot and a notebook saves (also when
 * executed headless by nbconvert or nbclient) the full curve, not a partial one. See docs/live-curves.md.
 * Outside a kernel nothing is drawn until `finish()`, which prints the description.
 * @example
 * const live = liveCostCurve({ learningRate: 0.005 });
 * const d = optimize(w, b, X, Y, { numIterations: 2000, learningRate: 0.005, onStep: (i, c) => live.add(i, c) });
 * live.finish();
 */
export function liveCostCurve(options: LiveCostOptions = {}): LiveCostCurve {
  const iterations: number[] = [];
  const costs: number[] = [];
  const id = platform.randomId();
  const minInterval = options.minIntervalMs ?? 300;
  let shown = false;
  let lastDraw = 0;
  let finished = false;

  const figure = (done: boolean): Figure => {
    const fig = costCurve(costs, { learningRate: options.learningRate, title: options.title });
    fig.data[0].x = iterations.slice();
    fig.data[0].mode = costs.length > 30 ? "lines" : "lines+markers";
    if (!done) {
      const last = costs.length
        ? `: iteration ${iterations[iterations.length - 1]}, cost ${formatNumber(costs[costs.length - 1])}`
        : "";
      fig.layout.title = { text: `${fig.layout.title?.text ?? "Cost"} (training${last})` };
    }
    return fig;
  };
  // While training: a picture, updated in place; at the end: the Plotly figure in the same output (see present()).
  const draw = (done: boolean): void => {
    present(figure(done), { displayId: id, update: shown, preview: true });
    shown = true;
    lastDraw = Date.now();
  };
  draw(false);

  return {
    add(iteration: number, cost: number): void {
      if (finished) throw new ValueError("liveCostCurve.add: the curve is finished; start a new liveCostCurve()");
      if (!Number.isFinite(cost))
        throw new ValueError(`liveCostCurve.add: cost at iteration ${iteration} is ${cost}; it must be finite`);
      if (iterations.length && !(iteration > iterations[iterations.length - 1])) {
        throw new ValueError(
          `liveCostCurve.add: iteration ${iteration} after ${iterations[iterations.length - 1]}; iterations must increase`,
        );
      }
      iterations.push(iteration);
      costs.push(cost);
      if (Date.now() - lastDraw >= minInterval) draw(false);
    },
    finish(): void {
      finished = true;
      const fig = fitPointBudget(figure(true), "liveCostCurve");
      if (!present(fig, { displayId: id, update: shown })) console.log(describeFigure(fig));
    },
    figure: () => figure(finished),
  };
}
