// Every lesson notebook runs top to bottom through the real tslab kernel, then a second time in the same
// kernel (a student pressing Run All again). scripts/nbrun.py does the work; this file gives it one subtest
// per notebook so a failure names the notebook, and prints each notebook's times.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import path from "node:path";
import test from "node:test";
import { notebooksDir, runNbrun } from "./fixtures/jupyter";

function lessonNotebooks(): string[] {
  try {
    return readdirSync(notebooksDir).filter((name) => name.endsWith(".ipynb")).sort();
  } catch {
    return []; // no notebooks/ folder: reported by the first test
  }
}

const notebooks = lessonNotebooks();

test("notebooks/ holds at least one notebook to run", () => {
  assert.ok(notebooks.length > 0, `no .ipynb files in ${notebooksDir}: the notebook tests would prove nothing`);
});

for (const name of notebooks) {
  test(`notebooks/${name} runs twice in one tslab kernel without errors or stderr`, async (t) => {
    const result = await runNbrun(["--runs", "2", path.join(notebooksDir, name)]);
    // nbrun prints "PASS <notebook>  kernel start: ... run 1: ... run 2: ..." or the failing cell and its stderr
    for (const line of result.stdout.trim().split("\n")) t.diagnostic(line);
    assert.equal(result.code, 0, `nbrun failed for notebooks/${name}:\n${result.output}`);
  });
}
