/**
 * The worker's `isComplete` answer (export/runner/src/worker/completeness.ts), which the JupyterLite kernel's
 * console uses: open brackets, strings, templates and comments wait for more lines; a stray closing bracket is
 * invalid; everything else is complete.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { completeness } from "../export/runner/src/worker/completeness";

test("isComplete: complete, incomplete (with the indentation to continue) and invalid cells", () => {
  const cases: [string, string, string][] = [
    ["const x = 1", "complete", ""],
    ["console.log(`a ${1 + 2} b`)", "complete", ""],
    ["function f() {", "incomplete", "  "],
    ["const a = [1, [2,", "incomplete", "    "],
    ["const s = `line ${x}", "incomplete", ""],
    ["/* a comment", "incomplete", ""],
    ["const s = 'open", "incomplete", ""],
    ["if (x) { f(); }", "complete", ""],
    ["const y = 2 }", "invalid", ""],
    ["f(])", "invalid", ""],
    ["", "complete", ""],
  ];
  for (const [code, status, indent] of cases) {
    assert.deepEqual(completeness(code), { status, indent }, code);
  }
});
