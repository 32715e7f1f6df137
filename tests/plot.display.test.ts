/** The mime bundle of show(), its HTML fallback and loader, and show()/liveCostCurve() outside a kernel. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { costCurve, imageGrid, liveCostCurve, show, toMimeBundle, inKernel, zeros, PLOTLY_MIME } from "../src";

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
  assert.match(bundle["text/plain"], /^Plot: <\/script><b>x<\/b>\nx axis: iteration · y axis: cost\n- line "cost": 2 points/);
});

test("toMimeBundle: images appear in the static HTML fallback too", () => {
  const fig = imageGrid([zeros([2, 2, 3]), zeros([2, 2, 3]).map(() => 1)], ["cat", "non-cat"]);
  const html = toMimeBundle(fig)["text/html"];
  assert.match(html, /<img src="data:image\/png;base64,[^"]+" data-trace="0"[^>]*alt="cat"><figcaption>cat<\/figcaption>/);
  for (const t of fig.data) {
    assert.equal(html.split(t.source!).length - 1, 1, "each picture once in the HTML: the script takes it from the <img>");
  }
});

test("outside a kernel: show() prints the description, the live curve prints once at finish()", () => {
  assert.equal(inKernel(), false);
  const fig = costCurve([0.7, 0.5], { learningRate: 0.01 });
  assert.deepEqual(captureLog(() => show(fig)), [toMimeBundle(fig)["text/plain"]]);
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
