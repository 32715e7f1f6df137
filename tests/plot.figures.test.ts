/** Plot helpers: the figures they build, their errors, and the PNG encoder (checked by an independent decoder). */
import { test } from "node:test";
import assert from "node:assert/strict";
import { numpyPython } from "./fixtures/jupyter";
import { execFileSync } from "node:child_process";
import {
  array,
  zeros,
  costCurve,
  lineChart,
  compareCosts,
  functionPlot,
  decisionBoundary,
  costSurface,
  descentAnimation,
  curveDescentAnimation,
  imageGrid,
  encodePng,
  describeFigure,
  ValueError,
  ShapeError,
} from "../src";

test("costCurve: iterations on x, learning rate in the title, labelled axes", () => {
  const fig = costCurve([0.693147, 0.5, 0.4], { learningRate: 0.005, recordEvery: 100 });
  assert.deepEqual(fig.data[0].x, [0, 100, 200]);
  assert.deepEqual(fig.data[0].y, [0.693147, 0.5, 0.4]);
  assert.equal(fig.layout.title?.text, "Cost (learning rate = 0.005)");
  assert.equal(fig.layout.xaxis?.title?.text, "iteration");
  assert.equal(fig.layout.yaxis?.title?.text, "cost");
  assert.deepEqual(costCurve(array([1, 2])).data[0].y, [1, 2], "an NDArray works like an array");
  assert.throws(
    () => costCurve([0.7, NaN]),
    (e: Error) => e instanceof ValueError && /costCurve: costs\[1\] is NaN/.test(e.message),
  );
  assert.throws(() => costCurve([0.7], { recordEvery: 0 }), /recordEvery must be a positive integer/);
});

test("lineChart / compareCosts: one named trace per series, mismatched lengths refused", () => {
  const fig = lineChart(
    [
      { name: "train", y: [1, 2, 3] },
      { name: "test", x: [0, 5, 10], y: [1, 1, 2], dash: "dash" },
    ],
    { yTitle: "accuracy" },
  );
  assert.deepEqual(
    fig.data.map((t) => t.name),
    ["train", "test"],
  );
  assert.deepEqual(fig.data[0].x, [0, 1, 2]);
  assert.deepEqual(fig.data[1].x, [0, 5, 10]);
  assert.throws(() => lineChart([{ name: "a", x: [1, 2], y: [1] }]), /series "a" has 2 x values but 1 y values/);
  assert.throws(() => lineChart([]), /no series/);
  // A log axis labels every tick with its number (0.6, not Plotly's lone digit "6"), 1-2-5 ticks over a few decades.
  const logFig = lineChart([{ name: "cost", y: [13, 2, 0.46] }], { logY: true });
  assert.deepEqual(logFig.layout.yaxis, { title: { text: "y" }, type: "log", tickformat: "~g", dtick: "D2" });
  assert.equal(
    costCurve([1e3, 1e-6], { logY: true }).layout.yaxis?.dtick,
    undefined,
    "wide ranges: Plotly's powers of ten",
  );
  const cmp = compareCosts(
    [
      { learningRate: 0.01, costs: [3, 2] },
      { learningRate: 0.001, costs: [3, 2.9] },
    ],
    50,
  );
  assert.deepEqual(
    cmp.data.map((t) => t.name),
    ["learning rate = 0.01", "learning rate = 0.001"],
  );
  assert.deepEqual(cmp.data[1].x, [0, 50]);
});

test("functionPlot: samples the function over the range and names it", () => {
  const fig = functionPlot({ name: "σ(z)", f: (z) => 1 / (1 + Math.exp(-z)) }, [-6, 6], { samples: 13, xTitle: "z" });
  const t = fig.data[0];
  assert.equal(t.x!.length, 13);
  assert.equal(t.x![6], 0);
  assert.equal(t.y![6], 0.5);
  assert.equal(fig.layout.xaxis?.title?.text, "z");
  assert.throws(() => functionPlot({ name: "log", f: Math.log }, [-1, 1]), /functionPlot: log\(-1\) is NaN/);
  assert.throws(() => functionPlot({ name: "f", f: (x) => x }, [1, 1]), /range must be \[lo, hi\] with finite lo < hi/);
});

test("decisionBoundary: points split by label, boundary on w·x + b = 0, shapes checked", () => {
  const X = array([
    [0, 1, 2, 3],
    [0, 1, 0, 3],
  ]);
  const Y = array([[0, 0, 1, 1]]);
  const fig = decisionBoundary(X, Y, [1, 2], -3);
  const [, zeros_, ones_, line] = fig.data;
  assert.deepEqual(
    [zeros_.x, zeros_.y],
    [
      [0, 1],
      [0, 1],
    ],
  );
  assert.deepEqual(
    [ones_.x, ones_.y],
    [
      [2, 3],
      [0, 3],
    ],
  );
  line.x!.forEach((x, i) =>
    assert.ok(Math.abs(1 * x + 2 * line.y![i] - 3) < 1e-12, "boundary points satisfy w·x + b = 0"),
  );
  assert.throws(
    () => decisionBoundary(array([[1, 2, 3]]), Y, [1, 2], 0),
    (e: Error) => /X must have shape \(2, m\) with m = 4 labels, got shape \(1,\s?3\)/.test(e.message),
  );
  assert.throws(() => decisionBoundary(X, [0, 2, 1, 0], [1, 2], 0), /Y\[1\] is 2; labels must be 0 or 1/);
  assert.throws(() => decisionBoundary(X, Y, [1, 2, 3], 0), /w must hold 2 weights, got shape \(3,\)/);
});

test("costSurface: grid z[row = second param][column = first param], path drawn on it", () => {
  const J = (w: number, b: number) => w * w + 10 * b;
  const fig = costSurface(J, [-1, 1], [0, 2], {
    resolution: 3,
    path: [
      [1, 2],
      [0, 1],
    ],
  });
  const grid = fig.data[0];
  assert.equal(grid.type, "contour");
  assert.deepEqual(grid.z, [
    [1, 0, 1],
    [11, 10, 11],
    [21, 20, 21],
  ]);
  assert.deepEqual(
    [fig.data[1].x, fig.data[1].y],
    [
      [1, 0],
      [2, 1],
    ],
  );
  const surf = costSurface(J, [-1, 1], [0, 2], {
    resolution: 3,
    kind: "surface",
    path: [
      [1, 2],
      [0, 1],
    ],
  });
  assert.equal(surf.data[0].type, "surface");
  assert.deepEqual(surf.data[1].z, [21, 10], "the 3-D path sits on the surface");
  assert.throws(() => costSurface(() => Infinity, [0, 1], [0, 1]), /costSurface: cost\(0, 0\) is Infinity/);
  assert.throws(() => costSurface(J, [0, 1], [0, 1], { resolution: 1 }), /resolution must be an integer in 2..200/);
});

test("descentAnimation: one frame per (thinned) step, last step included, play/pause and slider", () => {
  const J = (w: number, b: number) => w * w + b * b;
  const path = Array.from({ length: 101 }, (_, i) => [1 - i / 100, 1 - i / 100] as [number, number]);
  const fig = descentAnimation(J, path, [-1, 1], [-1, 1], { maxFrames: 11 });
  assert.equal(fig.frames!.length, 11);
  assert.equal(fig.frames![10].name, "step 100");
  assert.equal(fig.frames![10].data[0].x!.length, 101);
  assert.deepEqual([fig.data[1].x!.length, fig.data[2].x!.length], [1, 101], "start point, and the whole path faintly");
  const menus = fig.layout.updatemenus as { buttons: { label: string }[] }[];
  assert.deepEqual(
    menus[0].buttons.map((b) => b.label),
    ["▶ Play", "❚❚ Pause"],
  );
  assert.equal((fig.layout.sliders as { steps: unknown[] }[])[0].steps.length, 11);
  assert.match(describeFigure(fig), /animation: 11 frames/);
  assert.throws(() => descentAnimation(J, [[0, 0]], [-1, 1], [-1, 1]), /path needs at least 2 points/);
});

test("descentAnimation: frame titles keep the figure's title", () => {
  const J = (w: number, b: number) => w * w + b * b;
  const fig = descentAnimation(
    J,
    [
      [1, 0],
      [0.5, 0],
    ],
    [-1, 1],
    [-1, 1],
    { title: "α = 0.5" },
  );
  assert.equal(fig.layout.title!.text, "α = 0.5: step 0, cost 1");
  assert.equal(fig.frames![1].layout!.title!.text, "α = 0.5: step 1, cost 0.25");
});

test("curveDescentAnimation: the curve, then the path growing one step per frame, play/pause and slider", () => {
  const J = (w: number) => (w - 1) ** 2;
  const path = [-3, -1, 0, 0.5, 0.75];
  const fig = curveDescentAnimation(J, path, [-4, 4], { title: "α = 0.25", samples: 9 });
  assert.equal(fig.data.length, 3, "curve, growing path, faint whole path");
  assert.deepEqual(fig.data[0].x, [-4, -3, -2, -1, 0, 1, 2, 3, 4]);
  assert.deepEqual(fig.data[0].y, [25, 16, 9, 4, 1, 0, 1, 4, 9]);
  assert.equal(fig.layout.xaxis!.title!.text, "w");
  // Before Play: the start point only (default), and the title names step 0 with its parameter and cost.
  assert.deepEqual([fig.data[1].x, fig.data[1].y], [[-3], [16]]);
  assert.equal(fig.layout.title!.text, "α = 0.25: step 0, w = -3, cost 16");
  // ... and the whole path faintly behind it, so a page where nobody presses Play is not empty.
  assert.deepEqual([fig.data[2].x, fig.data[2].opacity], [path, 0.35]);
  assert.equal(fig.frames!.length, 5);
  assert.deepEqual(
    fig.frames!.map((f) => f.traces),
    [[1], [1], [1], [1], [1]],
  );
  assert.deepEqual(fig.frames![3].data[0], { x: [-3, -1, 0, 0.5], y: [16, 4, 1, 0.25] });
  assert.equal(fig.frames![4].layout!.title!.text, "α = 0.25: step 4, w = 0.75, cost 0.0625");
  const menus = fig.layout.updatemenus as { buttons: { label: string }[] }[];
  assert.deepEqual(
    menus[0].buttons.map((b) => b.label),
    ["▶ Play", "❚❚ Pause"],
  );
  const slider = (fig.layout.sliders as { active: number; steps: { label: string }[] }[])[0];
  assert.deepEqual(
    slider.steps.map((s) => s.label),
    ["0", "1", "2", "3", "4"],
  );
  assert.equal(slider.active, 0);
  // startAt "last": the whole path (what a static view shows), slider at the last stop.
  const last = curveDescentAnimation(J, array(path), [-4, 4], { startAt: "last", paramName: "b", maxFrames: 3 });
  assert.deepEqual(last.data[1].x, path);
  assert.equal(last.data.length, 2, "no faint copy when the whole path is already drawn");
  assert.deepEqual(
    last.frames!.map((f) => f.name),
    ["step 0", "step 2", "step 4"],
  );
  assert.equal((last.layout.sliders as { active: number }[])[0].active, 2);
  assert.match(last.layout.title!.text, /^Gradient descent: step 4, b = 0\.75, cost 0\.0625$/);
  assert.match(describeFigure(fig), /animation: 5 frames/);
});

test("curveDescentAnimation: refuses short paths, points outside the range and non-finite costs", () => {
  const J = (w: number) => w * w;
  assert.throws(() => curveDescentAnimation(J, [1], [-2, 2]), /curveDescentAnimation: path needs at least 2 points/);
  assert.throws(() => curveDescentAnimation(J, [1, 3], [-2, 2]), /path\[1\] = 3 is outside the range \[-2, 2\]/);
  assert.throws(() => curveDescentAnimation(J, [1, NaN], [-2, 2]), /path\[1\] is NaN/);
  assert.throws(() => curveDescentAnimation(Math.log, [1, 0], [0, 2]), /f\(path\[1\] = 0\) is -Infinity/);
});

test("imageGrid: one PNG image trace per picture with its label, inputs checked", () => {
  const img = zeros([4, 5, 3]);
  img.set([0, 0, 0], 255);
  const fig = imageGrid([img, img], ["cat", "non-cat"], { columns: 2 });
  assert.equal(fig.data.length, 2);
  assert.deepEqual(
    fig.data.map((t) => [t.type, t.name, t.xaxis]),
    [
      ["image", "cat", "x"],
      ["image", "non-cat", "x2"],
    ],
  );
  assert.match(fig.data[0].source!, /^data:image\/png;base64,/);
  assert.deepEqual(
    (fig.layout.annotations as { text: string }[]).map((a) => a.text),
    ["cat", "non-cat"],
  );
  // The course's flattened (h·w·c, m) matrix gives the same pictures.
  const flat = img.reshape([60, 1]);
  const both = array(Array.from({ length: 60 }, (_, k) => [flat.get(k, 0), flat.get(k, 0)]));
  assert.equal(imageGrid(both, ["a", "b"], { fromColumns: [4, 5, 3] }).data[1].source, fig.data[1].source);
  assert.throws(() => imageGrid([img], ["a", "b"]), /1 images but 2 labels/);
  assert.throws(
    () => imageGrid([zeros([4, 5, 2])], ["a"]),
    (e: Error) => e instanceof ShapeError && /images\[0\] has shape \(4,\s?5,\s?2\)/.test(e.message),
  );
  assert.throws(
    () => imageGrid([img.map(() => -1)], ["a"]),
    /image 0 has value -1 at pixel 0; values must lie in \[0, 1\]/,
  );
});

// A PNG reader in Python's standard library (no Pillow on a bare CI machine): checks the signature and every
// chunk's CRC, inflates IDAT and removes the per-row filter bytes (which must be 0 = None for this encoder).
const PNG_ORACLE = `
import sys, json, struct, zlib
d = sys.stdin.buffer.read()
assert d[:8] == b"\\x89PNG\\r\\n\\x1a\\n", "signature"
pos, chunks = 8, {}
while pos < len(d):
    n, kind = struct.unpack(">I4s", d[pos:pos + 8]); body = d[pos + 8:pos + 8 + n]
    assert struct.unpack(">I", d[pos + 8 + n:pos + 12 + n])[0] == zlib.crc32(kind + body), "crc of " + kind.decode()
    chunks[kind.decode()] = chunks.get(kind.decode(), b"") + body; pos += 12 + n
w, h, depth, colour = struct.unpack(">IIBB", chunks["IHDR"][:10])
raw = zlib.decompress(chunks["IDAT"]); stride = w * 3
assert all(raw[y * (stride + 1)] == 0 for y in range(h)), "filter bytes"
pixels = b"".join(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)] for y in range(h))
print(json.dumps([depth, colour, [w, h], list(pixels), "IEND" in chunks]))
`;

test("encodePng: an independent decoder reads back exactly the pixels written", () => {
  const width = 7,
    height = 3;
  const rgb = Uint8Array.from({ length: width * height * 3 }, (_, i) => (i * 37) % 256);
  const png = encodePng(rgb, width, height);
  const [depth, colour, size, bytes, hasEnd] = JSON.parse(
    execFileSync(numpyPython(), ["-c", PNG_ORACLE], { input: png }).toString(),
  );
  assert.deepEqual([depth, colour, hasEnd], [8, 2, true], "8-bit truecolour, IEND present");
  assert.deepEqual(size, [width, height]);
  assert.deepEqual(bytes, Array.from(rgb));
  assert.throws(() => encodePng(rgb, 7, 4), /expected 7×4×3 = 84 bytes, got 63/);
});

test("describeFigure: title, axes and one line per trace", () => {
  const text = describeFigure(costCurve([0.69, 0.5, 0.4], { learningRate: 0.005 }));
  assert.equal(
    text,
    'Plot: Cost (learning rate = 0.005)\nx axis: iteration · y axis: cost\n- line "cost": 3 points, x 0 … 200, y 0.4 … 0.69 (first 0.69, last 0.4)',
  );
  const surf = describeFigure(costSurface((w, b) => w + b, [0, 1], [0, 2], { resolution: 3 }));
  assert.match(surf, /contour "cost": 3×3 grid, x 0 … 1, y 0 … 2, z 0 … 3/);
  const grid = describeFigure(imageGrid([zeros([2, 2, 3])], ["cat"]));
  assert.match(grid, /1 image: cat/);
});
