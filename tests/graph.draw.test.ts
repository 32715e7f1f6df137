// Drawings of computation graphs: content, left-to-right layout, self-containment, well-formed XML.
// Saves the lecture's J = 3(a + bc) graph after backward to build/graph/j-graph.svg for a human to look at.
import { test } from "node:test";
import assert from "node:assert/strict";
import { numpyPython } from "./fixtures/jupyter";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  Value,
  ValueError,
  drawGraph,
  graphToText,
  showGraph,
  countGraphNodes,
  DRAW_GRAPH_MAX_NODES,
  GRAPH_TEXT_MAX_NODES,
} from "../src";

function lectureGraph() {
  const a = new Value(5, "a"),
    b = new Value(3, "b"),
    c = new Value(2, "c");
  const u = b.mul(c, "u");
  const v = a.add(u, "v");
  return v.mul(3, "J");
}

/** The boxes of a drawing: first text line -> rectangle position. */
function boxes(svg: string): Map<string, { x: number; y: number; width: number; height: number; lines: string[] }> {
  const found = new Map();
  const group = /<g><rect x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"[^>]*\/>([\s\S]*?)<\/g>/g;
  for (const m of svg.matchAll(group)) {
    const lines = [...m[5].matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) => t[1]);
    found.set(lines[0], { x: Number(m[1]), y: Number(m[2]), width: Number(m[3]), height: Number(m[4]), lines });
  }
  return found;
}

/** Parses the SVG with Python's XML parser (an independent check that it is well-formed XML). */
function parseWithPython(svg: string): { root: string; texts: number; paths: number } {
  const script = [
    "import sys, json, xml.etree.ElementTree as ET",
    "root = ET.fromstring(sys.stdin.read())",
    "ns = '{http://www.w3.org/2000/svg}'",
    "print(json.dumps({'root': root.tag, 'texts': len(root.findall('.//' + ns + 'text')), 'paths': len(root.findall('.//' + ns + 'path'))}))",
  ].join("\n");
  return JSON.parse(execFileSync(numpyPython(), ["-c", script], { input: svg, encoding: "utf8" }));
}

test("the lecture's graph after backward: every value and gradient, left to right, saved to build/graph", () => {
  const J = lectureGraph();
  J.backward();
  const svg = drawGraph(J);
  mkdirSync(join("build", "graph"), { recursive: true });
  writeFileSync(join("build", "graph", "j-graph.svg"), svg);

  const drawn = boxes(svg);
  assert.deepEqual([...drawn.keys()].sort(), [
    "J = 3·v = 33",
    "a = 5",
    "b = 3",
    "c = 2",
    "u = b·c = 6",
    "v = a + u = 11",
  ]);
  const gradientOf = (first: string) => drawn.get(first)?.lines[1];
  assert.equal(gradientOf("a = 5"), "dJ/da = 3");
  assert.equal(gradientOf("b = 3"), "dJ/db = 6");
  assert.equal(gradientOf("c = 2"), "dJ/dc = 9");
  assert.equal(gradientOf("u = b·c = 6"), "dJ/du = 3");
  assert.equal(gradientOf("v = a + u = 11"), "dJ/dv = 3");
  assert.equal(gradientOf("J = 3·v = 33"), "dJ/dJ = 1");

  // Inputs share the leftmost column, then u, v, J further and further right; a, b, c stacked top-down.
  const left = (first: string) => drawn.get(first)?.x as number;
  const top = (first: string) => drawn.get(first)?.y as number;
  assert.equal(left("a = 5"), left("b = 3"));
  assert.equal(left("b = 3"), left("c = 2"));
  assert.ok(left("a = 5") < left("u = b·c = 6"));
  assert.ok(left("u = b·c = 6") < left("v = a + u = 11"));
  assert.ok(left("v = a + u = 11") < left("J = 3·v = 33"));
  assert.ok(top("a = 5") < top("b = 3") && top("b = 3") < top("c = 2"));
  // Boxes do not overlap.
  const rects = [...drawn.values()];
  for (const p of rects)
    for (const q of rects) {
      if (p === q) continue;
      const apart = p.x + p.width <= q.x || q.x + q.width <= p.x || p.y + p.height <= q.y || q.y + q.height <= p.y;
      assert.ok(apart, `${p.lines[0]} overlaps ${q.lines[0]}`);
    }

  // Five forward edges (b->u, c->u, a->v, u->v, v->J) and five red dashed backward ones.
  assert.equal((svg.match(/<path /g) ?? []).length, 10);
  assert.equal((svg.match(/stroke-dasharray/g) ?? []).length, 5);
  assert.equal((svg.match(/<polygon /g) ?? []).length, 10);
  const parsed = parseWithPython(svg);
  assert.equal(parsed.root, "{http://www.w3.org/2000/svg}svg");
  assert.equal(parsed.paths, 10);
  assert.equal(parsed.texts, 13); // 6 boxes x 2 lines + the legend
});

test("a drawing is self-contained: no scripts, styles, links, external fonts or ids", () => {
  const J = lectureGraph();
  J.backward();
  const svg = drawGraph(J);
  assert.ok(svg.startsWith(`<svg xmlns="http://www.w3.org/2000/svg" width="`));
  assert.ok(svg.endsWith("</svg>"));
  for (const forbidden of [
    "<script",
    "<style",
    "href",
    "url(",
    "@import",
    "@font-face",
    "<image",
    "<foreignObject",
    ' id="',
  ]) {
    assert.ok(!svg.includes(forbidden), `found ${forbidden}`);
  }
  assert.equal((svg.match(/http/g) ?? []).length, 1, "only the SVG namespace");
  assert.equal(drawGraph(J), svg, "deterministic");
});

test("before backward (or with showGradients: false) there are no gradients and no backward arrows", () => {
  const J = lectureGraph();
  for (const svg of [drawGraph(J), (J.backward(), drawGraph(J, { showGradients: false }))]) {
    assert.ok(!svg.includes("dJ/d"));
    assert.ok(!svg.includes("stroke-dasharray"));
    assert.equal((svg.match(/<path /g) ?? []).length, 5);
    assert.equal(boxes(svg).get("u = b·c = 6")?.lines.length, 1);
  }
  const noBackwardArrows = drawGraph(J, { backwardPass: false });
  assert.ok(noBackwardArrows.includes("dJ/da = 3"));
  assert.ok(!noBackwardArrows.includes("stroke-dasharray"));
  assert.ok(noBackwardArrows.includes("red: gradients dJ/d(node)") && !noBackwardArrows.includes("backward pass"));
  assert.ok(!drawGraph(J, { legend: false }).includes("forward pass"));
});

test("unnamed nodes, reused nodes, constants and hostile names", () => {
  const x = new Value(3, "<x&y>");
  const square = x.mul(x).add(new Value(1)).sub(2);
  square.backward();
  const svg = drawGraph(square);
  assert.ok(svg.includes("&lt;x&amp;y&gt; = 3"), "names are escaped");
  assert.ok(!svg.includes("<x&y>"));
  const lines = [...boxes(svg).keys()];
  assert.deepEqual(lines, [
    "&lt;x&amp;y&gt; = 3",
    "t1 = &lt;x&amp;y&gt;·&lt;x&amp;y&gt; = 9",
    "x1 = 1",
    "t2 = t1 + x1 = 10",
    "t3 = t2 − 2 = 8",
  ]);
  // x feeds t1 twice: two forward edges from x; the constant 2 has no box and no edge.
  assert.equal((svg.match(/<path /g) ?? []).length, 2 * 5);
  assert.equal(
    graphToText(square),
    [
      "<x&y> = 3               dt3/d<x&y> = 6",
      "t1 = <x&y>·<x&y> = 9    dt3/dt1 = 1",
      "x1 = 1                  dt3/dx1 = 1",
      "t2 = t1 + x1 = 10       dt3/dt2 = 1",
      "t3 = t2 − 2 = 8         dt3/dt3 = 1",
    ].join("\n"),
  );
});

test("graphs too big to read are refused with a ValueError; tiny ones are drawn", () => {
  let y = new Value(1, "x");
  for (let i = 0; i < 400; i++) y = y.add(1);
  assert.throws(
    () => drawGraph(y),
    (e: unknown) =>
      e instanceof ValueError && /drawGraph: the graph has 401 nodes, more than maxNodes = 300/.test(e.message),
  );
  assert.ok(drawGraph(y, { maxNodes: 500 }).startsWith("<svg"));
  // The smallest graphs: one input, one constant.
  assert.deepEqual([...boxes(drawGraph(new Value(2, "a"))).keys()], ["a = 2"]);
  assert.deepEqual([...boxes(drawGraph(Value.from(3))).keys()], ["3"]);
});

test("showGraph sends the SVG to a display, and prints text when there is no notebook", () => {
  const J = lectureGraph();
  J.backward();
  const shown: string[] = [];
  showGraph(J, { display: { svg: (s) => shown.push(s) } });
  assert.deepEqual(shown, [drawGraph(J)]);

  // Outside a tslab kernel, tslab's display throws "Not ready": showGraph falls back to text.
  const printed: unknown[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => printed.push(...args);
  try {
    showGraph(J);
  } finally {
    console.log = log;
  }
  assert.deepEqual(printed, [graphToText(J)]);
});

/** A chain x → −x → −(−x) → … of `n` operations (n + 1 boxes, no constants). */
function chain(n: number): Value {
  let y = new Value(1, "x");
  for (let i = 0; i < n; i++) y = y.neg();
  return y;
}

test("a graph of a million nodes is refused by size before any work, naming the count and the limit", () => {
  const huge = chain(1_000_000);
  // the size check comes first: nothing reads a node's value (labels, layout) before it
  let deep = huge;
  for (let i = 0; i < 10; i++) deep = deep.parents[0];
  Object.defineProperty(deep, "data", { get: () => assert.fail("a node's value was read before the size check") });
  assert.throws(
    () => graphToText(huge),
    (e: unknown) =>
      e instanceof ValueError &&
      e.message ===
        `graphToText: the graph has 1000001 nodes, more than maxNodes = ${GRAPH_TEXT_MAX_NODES} (pass a larger maxNodes to list it anyway)`,
  );
  assert.throws(
    () => drawGraph(huge),
    (e: unknown) =>
      e instanceof ValueError &&
      e.message ===
        `drawGraph: the graph has 1000001 nodes, more than maxNodes = ${DRAW_GRAPH_MAX_NODES} (pass a larger maxNodes to draw it anyway)`,
  );
  // constants are not boxes: x + 1 + 1 + ... counts its sums only
  let sums = new Value(1, "x");
  for (let i = 0; i < 20; i++) sums = sums.add(1);
  assert.equal(countGraphNodes(sums, { boxesOnly: true }), 21);
  assert.equal(countGraphNodes(sums), 41);
});

test("graphToText lists a 200,000-node chain when allowed (no recursion, no argument spreading)", () => {
  const text = graphToText(chain(200_000), { maxNodes: 300_000 });
  const lines = text.split("\n");
  assert.equal(lines.length, 200_001);
  assert.equal(lines[0], "x = 1");
  assert.match(lines[lines.length - 1], /^t200000 = −t199999 = 1$/);
});
