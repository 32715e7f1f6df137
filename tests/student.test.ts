// The student edition (`npm run student`): the transformation on a fixture notebook and on broken solution cells,
// then the real edition of every lesson run twice in one tslab kernel, where every exercise check must say
// "not attempted yet" (and none "✔ pass").
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import test from "node:test";
import { isSolutionCell, sourceText, stubSolutionSource, studentNotebook } from "../scripts/lib/student-edition.mjs";
import type { Notebook, NotebookCell } from "../scripts/lib/student-edition.mjs";
import { jupyterPython, notebooksDir, projectDir, runCommand, runNbrun } from "./fixtures/jupyter";

const fixture = path.join(projectDir, "tests", "fixtures", "student", "exercises.ipynb");
const studentScript = path.join(projectDir, "scripts", "student.mjs");
const readNotebook = (file: string): Notebook => JSON.parse(readFileSync(file, "utf8"));

test("student edition: each function of a solution cell keeps signature and TSDoc, its body becomes the task line and todo()", () => {
  const original = readNotebook(fixture);
  const before = JSON.stringify(original);
  const { notebook, stubbed } = studentNotebook(original, "fixture");
  assert.equal(JSON.stringify(original), before, "the input notebook is not changed");
  assert.deepEqual(stubbed, [{ index: 2, functions: ["mySigmoid", "count"] }]);
  const stub = sourceText(notebook.cells[2]);
  assert.equal(
    stub,
    [
      "// Answer (one possible solution)",
      "",
      "/**",
      " * Return the sigmoid of every entry of z. Use e^(-z) so that z = -1000 does not overflow.",
      " * @param z any array",
      " */",
      "function mySigmoid(z: NDArray<[number]>): NDArray<[number]> {",
      "  // Return the sigmoid of every entry of z.",
      '  return todo("mySigmoid");',
      "}",
      "",
      "/** Return the number of entries of z, e.g. 3 for array([1, 2, 3]). */",
      "export function count(z: NDArray<[number]>): number {",
      "  // Return the number of entries of z, e.g. 3 for array([1, 2, 3]).",
      '  return todo("count");',
      "}",
    ].join("\n"),
  );
  assert.ok(!stub.includes("z.neg()") && !stub.includes("z.size"), "no line of the answer survives");
  // everything else is kept: other cells' sources (a non-exercise function too), tags and metadata, notebook metadata
  original.cells.forEach((cell: NotebookCell, i: number) => {
    if (i !== 2) assert.deepEqual(notebook.cells[i].source, cell.source, `cell ${i} is kept`);
    assert.deepEqual(notebook.cells[i].metadata, cell.metadata, `cell ${i}'s metadata (tags) is kept`);
  });
  assert.deepEqual(notebook.metadata, original.metadata);
});

test("student edition: the CLI writes clean, valid notebooks and names each stubbed function", async () => {
  const out = mkdtempSync(path.join(tmpdir(), "dlnotes-student-"));
  try {
    const result = await runCommand(process.execPath, [studentScript, "--out", out, fixture]);
    assert.equal(result.code, 0, result.output);
    assert.match(result.stdout, /exercises\.ipynb \(2 exercise function\(s\) stubbed: mySigmoid, count\)/);
    const written = readNotebook(path.join(out, "exercises.ipynb"));
    for (const cell of written.cells.filter((c) => c.cell_type === "code")) {
      assert.deepEqual([cell.outputs, cell.execution_count], [[], null], "outputs and execution counts are cleared");
    }
    assert.ok(Array.isArray(written.cells[2].source), "sources are written as nbformat's list of lines");
    assert.match(sourceText(written.cells[2]), /return todo\("count"\);/);
    assert.equal(written.nbformat, 4);
    assert.equal(written.nbformat_minor, 5);
    const validate = "import nbformat, sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4)); print('valid')";
    const valid = await runCommand(jupyterPython(), ["-c", validate, path.join(out, "exercises.ipynb")]);
    assert.equal(valid.code, 0, `nbformat rejects the student notebook:\n${valid.output}`);
    // a second run replaces the edition (and nothing else is left in the folder)
    const again = await runCommand(process.execPath, [studentScript, "--out", out, fixture]);
    assert.equal(again.code, 0, again.output);
    assert.deepEqual(readdirSync(out), ["exercises.ipynb"]);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test("student edition: a solution cell that breaks the convention fails with a message naming the cell and the fix", () => {
  const where = "nb.ipynb, cell 4 (id abc)";
  const bad: [string, RegExp][] = [
    ["/** Return 1. */\nfunction one(): number {\n  return 1;\n}\nconst x = one();", /nb\.ipynb, cell 4 \(id abc\): line 5 is not a function declaration \(`const x = one\(\);`\)/],
    ["const double = (x: number): number => 2 * x;", /line 1 is not a function declaration.*move other code to the next cell/],
    ["function one(): number {\n  return 1;\n}", /function one \(line 1\) has no TSDoc task line/],
    ["// Return 1.\nfunction one(): number {\n  return 1;\n}", /function one \(line 2\) has no TSDoc task line/],
    ["/** Return 1. */\nfunction one() {\n  return 1;\n}", /function one \(line 2\) needs an explicit return type/],
    ["/** Return twice x. */\nfunction twice(x): number {\n  return 2 * x;\n}", /give parameter x an explicit type/],
    ["/** Return 1. */\nfunction one(): number;", /has no body/],
    ["// nothing here yet", /declares no function/],
    ["/** Return 1. */\nfunction one(): number {\n  return (1;\n}", /does not parse/],
  ];
  for (const [source, message] of bad) {
    assert.throws(() => stubSolutionSource(source, where), (e: Error) => e.name === "StudentEditionError" && message.test(e.message), source);
  }
  const nb = (cells: NotebookCell[]): Notebook => ({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 });
  const solution = (source: string, cellType = "code"): NotebookCell => ({ cell_type: cellType, id: "s1", metadata: { tags: ["solution"] }, source });
  assert.throws(
    () => studentNotebook(nb([{ cell_type: "code", id: "i1", metadata: {}, source: 'import { row } from "dlnotes";' }, solution("/** Return 1. */\nfunction one(): number {\n  return 1;\n}")]), "nb.ipynb"),
    /nb\.ipynb: has solution cells but no code cell imports `todo`/,
  );
  assert.throws(() => studentNotebook(nb([solution("Answer: 42", "markdown")]), "nb.ipynb"), /only code cells can be tagged "solution"/);
});

test("student edition: the CLI exits 1 with the message on stderr and leaves the previous edition alone", async () => {
  const out = mkdtempSync(path.join(tmpdir(), "dlnotes-student-"));
  const broken = path.join(out, "broken.ipynb");
  try {
    const nb = readNotebook(fixture);
    nb.cells[2].source = ["/** Return 1. */\n", "function one(): number { return 1; }\n", "one();"];
    const { writeFileSync } = await import("node:fs");
    writeFileSync(broken, JSON.stringify(nb));
    const good = await runCommand(process.execPath, [studentScript, "--out", path.join(out, "edition"), fixture]);
    assert.equal(good.code, 0, good.output);
    const result = await runCommand(process.execPath, [studentScript, "--out", path.join(out, "edition"), fixture, broken]);
    assert.equal(result.code, 1, result.output);
    assert.match(result.stderr, /^student: .*broken\.ipynb, cell 2 \(id solution1\): line 3 is not a function declaration \(`one\(\);`\)/m);
    assert.deepEqual(readdirSync(path.join(out, "edition")), ["exercises.ipynb"], "nothing was written or removed");
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

// ---- the real edition: every lesson, run twice ------------------------------------------------------------------

const editionDir = path.join(projectDir, "build", "student");
const lessons = readdirSync(notebooksDir).filter((n) => n.endsWith(".ipynb")).sort();

test("npm run student writes the student edition of every lesson, and some lessons have exercises", async () => {
  const result = await runCommand(process.execPath, [studentScript]);
  assert.equal(result.code, 0, result.output);
  assert.deepEqual(readdirSync(editionDir).filter((n) => n.endsWith(".ipynb")).sort(), lessons);
  const solutionCells = lessons.flatMap((name) => readNotebook(path.join(editionDir, name)).cells.filter(isSolutionCell));
  assert.ok(solutionCells.length > 0, "no solution cells at all: the student edition would prove nothing");
});

for (const name of lessons) {
  test(`build/student/${name} runs twice without errors and every exercise check says "not attempted yet"`, async (t) => {
    const saved = mkdtempSync(path.join(tmpdir(), "dlnotes-student-run-"));
    try {
      const result = await runNbrun(["--runs", "2", "--save", saved, path.join(editionDir, name)]);
      for (const line of result.stdout.trim().split("\n")) t.diagnostic(line);
      assert.equal(result.code, 0, `the student edition of ${name} failed:\n${result.output}`);
      const cells = readNotebook(path.join(saved, name)).cells;
      const text = (cell: NotebookCell) =>
        ((cell.outputs ?? []) as { output_type: string; text?: string | string[] }[])
          .filter((o) => o.output_type === "stream")
          .map((o) => (Array.isArray(o.text) ? o.text.join("") : o.text ?? ""))
          .join("");
      cells.forEach((cell, i) => {
        if (!isSolutionCell(cell)) return;
        const check = cells.slice(i + 1).find((c) => c.cell_type === "code");
        assert.ok(check, `${name}: solution cell ${i} has no check cell after it`);
        const printed = text(check);
        assert.match(printed, /… not attempted yet — .+: .+/, `${name}: the check after solution cell ${i} printed:\n${printed}`);
        assert.doesNotMatch(printed, /✔ pass/, `${name}: a stubbed exercise passed its check`);
      });
      if (!cells.some(isSolutionCell)) {
        t.diagnostic(`${name} has no solution cells: nothing to stub`);
        return;
      }
      // a lesson with exercises must tag every one of them: an untagged answer would still pass here
      const all = cells.map(text).join("");
      assert.doesNotMatch(all, /✔ pass/, `${name}: a check passed in the student edition (an exercise whose answer cell is not tagged "solution"?)`);
    } finally {
      rmSync(saved, { recursive: true, force: true });
    }
  });
}
