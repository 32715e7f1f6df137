// Every lesson notebook runs top to bottom through the real tslab kernel, then a second time in the same kernel (a
// student pressing Run All again), failing on any error reply, abort reply or stderr output. This file is the
// producer of the shared executed copies (tests/fixtures/executed-lessons.ts): the lessons run once per content
// and the export, runner and student tests reuse the result. One subtest per notebook, so a failure names it.
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import test from "node:test";
import { lessonRun } from "./fixtures/executed-lessons";
import { notebooksDir } from "./fixtures/jupyter";

function lessonNotebooks(): string[] {
  try {
    return readdirSync(notebooksDir)
      .filter((name) => name.endsWith(".ipynb"))
      .sort();
  } catch {
    return []; // no notebooks/ folder: reported by the first test
  }
}

const notebooks = lessonNotebooks();

test("notebooks/ holds at least one notebook to run", () => {
  assert.ok(notebooks.length > 0, `no .ipynb files in ${notebooksDir}: the notebook tests would prove nothing`);
});

notebooks.forEach((name, index) => {
  test(`notebooks/${name} runs twice in one tslab kernel without errors or stderr`, async (t) => {
    const run = await lessonRun();
    if (index === 0)
      t.diagnostic(run.cached ? `reusing the executed lessons in ${run.dir}` : `executed the lessons into ${run.dir}`);
    const report = run.reports[run.names.indexOf(name)];
    assert.ok(report, `nbrun reported nothing for notebooks/${name}:\n${run.output}`);
    if (report.ok) {
      t.diagnostic(
        `kernel start: ${report.kernel_start} s  ${report.runs.map((s, i) => `run ${i + 1}: ${s} s`).join("  ")}`,
      );
    }
    assert.ok(report.ok, `nbrun failed for notebooks/${name}:\n${report.error}`);
    assert.ok(existsSync(path.join(run.dir, name)), `the executed copy of ${name} is missing from ${run.dir}`);
  });
});
