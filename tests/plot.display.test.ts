/** The mime bundle of show(), its HTML fallback and loader, and show()/liveCostCurve() outside a kernel. */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  costCurve,
  costSurface,
  imageGrid,
  lineChart,
  liveCostCurve,
  show,
  toMimeBundle,
  inKernel,
  zeros,
  PLOTLY_MIME,
  FIGURE_BUDGET_BYTES,
  MAX_FIGURE_POINTS,
  figurePoints,
  fitPointBudget,
} from "../src";
import { PAGE_BUDGET_BYTES } from "../src/core";

function captureLog(fn: () => void): string[] {
  const lines: string[] = [];
  const original = console.log;
  console.log = (...args: unknown[]) => void lines.push(args.join(" "));
  try {
    fn();
  } finally {
    console.log = original;
  }
  return lines;
}

test("toMimeBundle: Plotly JSON, HTML with a readable fallback and loader, plain text", () => {
  const fig = costCurve([0.7, 0.5], { learningRate: 0.01, title: "</script><b>x</b>" });
  const bundle = toMimeBundle(fig);
  assert.deepEqual(Object.keys(bundle).sort(), [PLOTLY_MIME, "text/html", "text/plain"]);
  assert.deepEqual(bundle[PLOTLY_MIME].data, fig.data);
  assert.equal(bundle[PLOTLY_MIME].config.displaylogo, false);
  const html = bundle["text/html"];
  // The fallback is escaped text; the figure JSON cannot close the script element early.
  assert.match(html, /<pre[^>]*>Plot: &lt;\/script&gt;&lt;b&gt;x&lt;\/b&gt;/);
  assert.equal(html.match(/<\/script>/g)?.length, 1, "only the loader's own closing tag");
  assert.doesNotMatch(html, /https?:\/\/|cdn/i, "nothing from the network");
  assert.match(html, /plotly\.min\.js/);
  assert.ok(html.length < 4000 + JSON.stringify(fig).length, "plotly.js is never inlined");
  assert.match(
    bundle["text/plain"],
    /^Plot: <\/script><b>x<\/b>\nx axis: iteration · y axis: cost\n- line "cost": 2 points/,
  );
});

test("toMimeBundle: images appear in the static HTML fallback too", () => {
  const fig = imageGrid([zeros([2, 2, 3]), zeros([2, 2, 3]).map(() => 1)], ["cat", "non-cat"]);
  const html = toMimeBundle(fig)["text/html"];
  assert.match(
    html,
    /<img src="data:image\/png;base64,[^"]+" data-trace="0"[^>]*alt="cat"><figcaption>cat<\/figcaption>/,
  );
  for (const t of fig.data) {
    assert.equal(
      html.split(t.source!).length - 1,
      1,
      "each picture once in the HTML: the script takes it from the <img>",
    );
  }
});

test("outside a kernel: show() prints the description, the live curve prints once at finish()", () => {
  assert.equal(inKernel(), false);
  const fig = costCurve([0.7, 0.5], { learningRate: 0.01 });
  assert.deepEqual(
    captureLog(() => show(fig)),
    [toMimeBundle(fig)["text/plain"]],
  );
  const lines = captureLog(() => {
    const live = liveCostCurve({ learningRate: 0.1 });
    live.add(0, 0.69);
    live.add(10, 0.5);
    live.finish();
    assert.deepEqual(live.figure().data[0].x, [0, 10]);
    assert.equal(live.figure().layout.title?.text, "Cost (learning rate = 0.1)");
    assert.throws(() => live.add(20, 0.4), /the curve is finished/);
  });
  assert.equal(lines.length, 1);
  assert.match(lines[0], /^Plot: Cost \(learning rate = 0\.1\)\n.*\n- line "cost": 2 points, x 0 … 10/);
});

test("liveCostCurve: refuses NaN costs and iterations that do not increase", () => {
  const live = liveCostCurve();
  live.add(0, 1);
  assert.throws(() => live.add(1, NaN), /cost at iteration 1 is NaN/);
  assert.throws(() => live.add(0, 0.5), /iteration 0 after 0; iterations must increase/);
});

test("show() of a million points: one ⚠ line, every 100th point shown and said so in the title, within the page's budget", () => {
  const n = 1_000_000;
  // full-precision numbers: the most bytes a point can cost
  const y = Array.from({ length: n }, (_, i) => Math.exp(-i / n) + Math.PI * 1e-7 * (i % 7));
  const fig = lineChart([{ name: "noisy", y }], { title: "A million points" });
  const lines = captureLog(() => show(fig));
  assert.equal(
    lines[0],
    `⚠ show: the figure has 1,000,000 points, more than the 10,000 a notebook page holds well; showing every 100th point (the title says so). Plot fewer points to see them all.`,
  );
  assert.match(
    lines[1],
    /^Plot: A million points \(every 100th point shown\)\n.*line "noisy": 10001 points, x 0 … 999999/s,
  );
  assert.equal(lines.length, 2, "one warning line, then the description");

  const shown = fitPointBudget(fig, "test");
  assert.equal(figurePoints(shown), MAX_FIGURE_POINTS + 1, "every 100th point and the last");
  assert.equal(shown.data[0].y![shown.data[0].y!.length - 1], y[n - 1], "the last point is kept");
  assert.deepEqual(shown.data[0].x!.slice(0, 3), [0, 100, 200], "x thinned with y");
  const json = JSON.stringify(toMimeBundle(shown)[PLOTLY_MIME]);
  assert.ok(
    json.length <= FIGURE_BUDGET_BYTES,
    `the figure's Plotly JSON is ${json.length} bytes, over ${FIGURE_BUDGET_BYTES}`,
  );
  assert.equal(FIGURE_BUDGET_BYTES * 10, PAGE_BUDGET_BYTES);
});

test("the point budget counts grids and animation frames; figures within it are shown untouched, without a warning", () => {
  const small = costCurve([0.7, 0.5, 0.4]);
  const quiet = captureLog(() => assert.equal(fitPointBudget(small, "show"), small));
  assert.deepEqual(quiet, []);
  // a 200 × 200 cost surface: 40,000 cells, thinned by whole rows and columns
  const surface = costSurface((p, q) => p * p + q * q, [-1, 1], [-1, 1], { resolution: 200 });
  const cells = figurePoints(surface);
  assert.ok(cells > MAX_FIGURE_POINTS, `a 200 × 200 grid is over the budget (${cells})`);
  const lines = captureLog(() => {
    const fitted = fitPointBudget(surface, "show");
    assert.ok(figurePoints(fitted) <= MAX_FIGURE_POINTS + 2 * 200, `${figurePoints(fitted)} points`);
    const z = fitted.data[0].z as number[][];
    assert.equal(z.length, (fitted.data[0].y as number[]).length, "rows and y thinned together");
    assert.equal(z[0].length, (fitted.data[0].x as number[]).length, "columns and x thinned together");
    assert.match(fitted.layout.title!.text, /\(every \d+(st|nd|rd|th) point shown\)$/);
  });
  assert.equal(lines.length, 1);
  assert.match(lines[0], /^⚠ show: the figure has 40,000 points/);
});
