// The student edition of every lesson (`npm run student`) run twice in one tslab kernel, where every exercise check
// must say "not attempted yet" (and none "✔ pass"). The edition's rules and refusals, which need no kernel, are
// tested in tests/tooling.student-edition.test.ts.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import test, { after } from "node:test";
import type { Notebook, NotebookCell } from "../tooling/notebook";
import { isSolutionCell } from "../tooling/student-edition";
import { notebooksDir, projectDir, runNbrun } from "./fixtures/jupyter";
import { runTool } from "./fixtures/student/run-tool";

const student = (args: string[]) => runTool("student", args);
const readNotebook = (file: string): Notebook => JSON.parse(readFileSync(file, "utf8"));

// ---- the real edition: every lesson, run twice ------------------------------------------------------------------

// written into a temporary folder inside the project (tslab finds the library only from a node_modules above the
// notebook), so the tests leave the user's build/student (and the work in it) alone
mkdirSync(path.join(projectDir, "build", "test-cache"), { recursive: true });
const editionDir = mkdtempSync(path.join(projectDir, "build", "test-cache", "student-edition-"));
after(() => rmSync(editionDir, { recursive: true, force: true }));
const lessons = readdirSync(notebooksDir)
  .filter((n) => n.endsWith(".ipynb"))
  .sort();

test("npm run student writes the student edition of every lesson, and some lessons have exercises", async () => {
  const result = await student(["--out", editionDir]);
  assert.equal(result.code, 0, result.output);
  assert.deepEqual(
    readdirSync(editionDir)
      .filter((n) => n.endsWith(".ipynb"))
      .sort(),
    lessons,
  );
  const solutionCells = lessons.flatMap((name) =>
    readNotebook(path.join(editionDir, name)).cells.filter(isSolutionCell),
  );
  assert.ok(solutionCells.length > 0, "no solution cells at all: the student edition would prove nothing");
});

for (const name of lessons) {
  test(`the student edition of ${name} runs twice without errors and every exercise check says "not attempted yet"`, async (t) => {
    const saved = mkdtempSync(path.join(tmpdir(), "dlnotes-student-run-"));
    try {
      const result = await runNbrun(["--runs", "2", "--save", saved, path.join(editionDir, name)]);
      for (const line of result.stdout.trim().split("\n")) t.diagnostic(line);
      assert.equal(result.code, 0, `the student edition of ${name} failed:\n${result.output}`);
      const cells = readNotebook(path.join(saved, name)).cells;
      const text = (cell: NotebookCell) =>
        ((cell.outputs ?? []) as { output_type: string; text?: string | string[] }[])
          .filter((o) => o.output_type === "stream")
          .map((o) => (Array.isArray(o.text) ? o.text.join("") : (o.text ?? "")))
          .join("");
      cells.forEach((cell, i) => {
        if (!isSolutionCell(cell)) return;
        const check = cells.slice(i + 1).find((c) => c.cell_type === "code");
        assert.ok(check, `${name}: solution cell ${i} has no check cell after it`);
        const printed = text(check);
        assert.match(
          printed,
          /… not attempted yet — .+: .+/,
          `${name}: the check after solution cell ${i} printed:\n${printed}`,
        );
        assert.doesNotMatch(printed, /✔ pass/, `${name}: a stubbed exercise passed its check`);
      });
      if (!cells.some(isSolutionCell)) {
        t.diagnostic(`${name} has no solution cells: nothing to stub`);
        return;
      }
      // a lesson with exercises must tag every one of them: an untagged answer would still pass here
      const all = cells.map(text).join("");
      assert.doesNotMatch(
        all,
        /✔ pass/,
        `${name}: a check passed in the student edition (an exercise whose answer cell is not tagged "solution"?)`,
      );
    } finally {
      rmSync(saved, { recursive: true, force: true });
    }
  });
}
