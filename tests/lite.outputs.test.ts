/**
 * The JupyterLite kernel's translation of the runner worker's messages into Jupyter's (lite/src/outputs.ts):
 * what JupyterLab receives for each thing a cell does. The kernel itself runs in Chromium (lite.browser.test.ts).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  codePointIndex,
  compileError,
  completeReply,
  COMPILE_ERROR_NAME,
  errorOf,
  inspectReply,
  iopubOf,
  runtimeError,
  runtimeTraceback,
  utf16Offset,
} from "../lite/src/outputs";
import { compileCell } from "../export/runner/src/worker/scope";
import type { CellFrame } from "../export/runner/src/protocol";

test("stdout and stderr become stream messages with the same text", () => {
  assert.deepEqual(iopubOf({ type: "stream", runId: 1, name: "stdout", text: "cost 0.693\n" }), {
    kind: "stream",
    content: { name: "stdout", text: "cost 0.693\n" },
  });
  assert.deepEqual(iopubOf({ type: "stream", runId: 1, name: "stderr", text: "careful\n" }), {
    kind: "stream",
    content: { name: "stderr", text: "careful\n" },
  });
});

test("a display keeps every MIME type; a display id becomes transient.display_id; an update becomes update_display_data", () => {
  const data = {
    "application/vnd.plotly.v1+json": { data: [], layout: {} },
    "text/html": "<div></div>",
    "text/plain": "Figure",
  };
  assert.deepEqual(iopubOf({ type: "display", runId: 1, data, update: false }), {
    kind: "display_data",
    content: { data, metadata: {}, transient: {} },
  });
  assert.deepEqual(iopubOf({ type: "display", runId: 1, data, displayId: "curve", update: false }), {
    kind: "display_data",
    content: { data, metadata: {}, transient: { display_id: "curve" } },
  });
  assert.deepEqual(iopubOf({ type: "display", runId: 1, data, displayId: "curve", update: true }), {
    kind: "update_display_data",
    content: { data, metadata: {}, transient: { display_id: "curve" } },
  });
});

test("the last expression's value is an execute_result in text/plain", () => {
  assert.deepEqual(iopubOf({ type: "result", runId: 1, text: "[ 1, 2, 3 ]" }), {
    kind: "execute_result",
    content: { data: { "text/plain": "[ 1, 2, 3 ]" }, metadata: {} },
  });
});

test("done, checked and answers are not outputs", () => {
  assert.equal(iopubOf({ type: "done", runId: 1, ok: true, ms: 3 }), undefined);
  assert.equal(iopubOf({ type: "ready" }), undefined);
});

test("compile errors keep tslab's line:col lines as the traceback; the first is the evalue", () => {
  const text = "2:7 - Type 'string' is not assignable to type 'number'.\n3:1 - Cannot find name 'w'.";
  const error = compileError(text);
  assert.equal(error.ename, COMPILE_ERROR_NAME);
  assert.equal(error.evalue, "2:7 - Type 'string' is not assignable to type 'number'.");
  assert.deepEqual(error.traceback, text.split("\n"));
  assert.deepEqual(errorOf({ type: "error", runId: 1, kind: "type", text }), error);
});

test("a runtime error's name and message become ename and evalue", () => {
  const error = errorOf({
    type: "error",
    runId: 1,
    kind: "runtime",
    text: "ShapeError: matmul: (2, 3) x (2, 3)",
    name: "ShapeError",
    message: "matmul: (2, 3) x (2, 3)",
  });
  assert.deepEqual(error, {
    ename: "ShapeError",
    evalue: "matmul: (2, 3) x (2, 3)",
    traceback: ["ShapeError: matmul: (2, 3) x (2, 3)"],
  });
  // a worker without the separate fields: parsed from the text
  assert.deepEqual(runtimeError("RangeError: Invalid array length"), {
    ename: "RangeError",
    evalue: "Invalid array length",
    traceback: ["RangeError: Invalid array length"],
  });
  assert.deepEqual(runtimeError("Uncaught 'oops'"), {
    ename: "Uncaught",
    evalue: "'oops'",
    traceback: ["Uncaught 'oops'"],
  });
  assert.equal(
    runtimeError("TypeError: x is not a function\n    at cell (<anonymous>:3:5)").evalue,
    "x is not a function",
  );
});

test("cursor positions: Jupyter's code points and JavaScript's UTF-16 offsets convert both ways", () => {
  const code = "const 𝑥 = zeros([2, 3]); z";
  const points = Array.from(code).length;
  assert.equal(utf16Offset(code, points), code.length);
  assert.equal(codePointIndex(code, code.length), points);
  for (let i = 0; i <= points; i++) assert.equal(codePointIndex(code, utf16Offset(code, i)), i);
  assert.equal(utf16Offset("abc", 2), 2);
});

test("completions: names, the replaced word in code points, TypeScript's kinds and signatures for JupyterLab", () => {
  const code = "const 𝑥 = ze";
  const reply = completeReply(code, {
    type: "completions",
    runId: 1,
    from: code.length - 2,
    to: code.length,
    items: [
      { name: "zeros", kind: "function", detail: "function zeros(...)" },
      { name: "zerosLike", kind: "function" },
    ],
  });
  assert.deepEqual(reply.matches, ["zeros", "zerosLike"]);
  assert.equal(reply.cursor_end, Array.from(code).length);
  assert.equal(reply.cursor_start, Array.from(code).length - 2);
  assert.deepEqual(reply.metadata._jupyter_types_experimental[0], {
    start: reply.cursor_start,
    end: reply.cursor_end,
    text: "zeros",
    type: "function",
    signature: "function zeros(...)",
  });
  assert.equal("signature" in reply.metadata._jupyter_types_experimental[1], false);
});

test("inspect: the quick info and its docs, or found: false", () => {
  const reply = inspectReply({
    type: "inspected",
    runId: 1,
    found: true,
    text: "const w: number",
    docs: "The weight.",
    from: 0,
    to: 1,
  });
  assert.equal(reply.found, true);
  assert.deepEqual(reply.data, {
    "text/plain": "const w: number\n\nThe weight.",
    "text/markdown": "```typescript\nconst w: number\n```\n\nThe weight.",
  });
  assert.deepEqual(inspectReply({ type: "inspected", runId: 1, found: false, text: "", docs: "", from: 0, to: 0 }), {
    status: "ok",
    found: false,
    data: {},
    metadata: {},
  });
});

test("a runtime error's frames come back at the cell's own lines (through the transpiled and rewritten code)", async () => {
  const code = [
    "interface Point { x: number }",
    "const a: number = 1, b = 2;",
    "function boom(n: number): number {",
    '  if (n > 0) throw new RangeError("too big: " + n);',
    "  return n;",
    "}",
    "",
    "[a].map((x) => boom(x));",
  ].join("\n");
  const cell = compileCell(code, "dlnotes-cell-7");
  const body = (0, eval)(cell.source) as () => Promise<unknown>;
  const error = await body().then(
    () => assert.fail("the cell throws"),
    (e: Error) => e,
  );
  const positions = String(error.stack)
    .split("\n")
    .map((line) => /dlnotes-cell-7:(\d+):(\d+)/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => cell.cellPosition(Number(m[1]), Number(m[2])));
  // boom's throw (V8 points at `new`), the arrow calling it, the top level calling map
  assert.deepEqual(positions, [
    { line: 4, column: 20 },
    { line: 8, column: 16 },
    { line: 8, column: 5 },
  ]);
});

test("a runtime traceback: where it was thrown (line, caret), Name: message, the frames by prompt number", () => {
  const code =
    'const v = [1];\nfunction boom(n: number) {\n  throw new RangeError("too big");\n}\nv.map((x) => boom(x));';
  const frames: CellFrame[] = [
    { fn: "boom", cellId: "c2", current: true, line: 3, column: 9 },
    { fn: "", cellId: "c2", current: true, line: 5, column: 14 },
    { fn: "helper", cellId: "c1", current: false, line: 2, column: 3 },
    { fn: "", cellId: "gone", current: false, line: 1, column: 1 },
  ];
  const counts = new Map([["c1", 3]]);
  const context = { code, executionCount: 5, countOf: (id: string) => counts.get(id) };
  assert.deepEqual(runtimeTraceback("RangeError", "too big", frames, context), [
    "In [5]:3",
    '  throw new RangeError("too big");',
    "        ^",
    "",
    "RangeError: too big",
    "    at boom (In [5]:3:9)",
    "    at In [5]:5:14",
    "    at helper (In [3]:2:3)",
    "    at cell gone:1:1",
  ]);
  const error = errorOf(
    {
      type: "error",
      runId: 1,
      kind: "runtime",
      text: "RangeError: too big",
      name: "RangeError",
      message: "too big",
      frames,
    },
    context,
  );
  assert.equal(error?.ename, "RangeError");
  assert.equal(error?.evalue, "too big");
  assert.equal(error?.traceback[4], "RangeError: too big");
  // a thrown non-Error has no frames: the name and message only
  assert.deepEqual(runtimeTraceback("Error", "'plain'", [], context), ["Error: 'plain'"]);
});
