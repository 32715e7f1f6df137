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
  utf16Offset,
} from "../lite/src/outputs";

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
