// The student edition (`npm run student`, tooling/student-edition.ts) without a kernel: the transformation on a
// fixture notebook and on broken solution cells; the tool never destroys a file (a student's edited notebook,
// unrelated files in --out, the course's own notebooks) and answers bad input with one line. The lessons' own
// editions run in tslab in tests/student.test.ts.
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import test from "node:test";
import type { Notebook, NotebookCell } from "../tooling/notebook";
import { sourceText } from "../tooling/notebook";
import { stubSolutionSource, studentNotebook } from "../tooling/student-edition";
import { jupyterPython, notebooksDir, projectDir, runCommand } from "./fixtures/jupyter";
import { runTool } from "./fixtures/student/run-tool";

const fixture = path.join(projectDir, "tests", "fixtures", "student", "exercises.ipynb");
const student = (args: string[], env: NodeJS.ProcessEnv = {}) => runTool("student", args, env);
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
    const result = await student(["--out", out, fixture]);
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
    const validate =
      "import nbformat, sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4)); print('valid')";
    const valid = await runCommand(jupyterPython(), ["-c", validate, path.join(out, "exercises.ipynb")]);
    assert.equal(valid.code, 0, `nbformat rejects the student notebook:\n${valid.output}`);
    // a second run replaces the edition (and nothing else is left in the folder)
    const again = await student(["--out", out, fixture]);
    assert.equal(again.code, 0, again.output);
    assert.deepEqual(readdirSync(out).sort(), [".dlnotes-student.json", "exercises.ipynb"]);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test("student edition: a solution cell that breaks the convention fails with a message naming the cell and the fix", () => {
  const where = "nb.ipynb, cell 4 (id abc)";
  const bad: [string, RegExp][] = [
    [
      "/** Return 1. */\nfunction one(): number {\n  return 1;\n}\nconst x = one();",
      /nb\.ipynb, cell 4 \(id abc\): line 5 is not a function declaration \(`const x = one\(\);`\)/,
    ],
    [
      "const double = (x: number): number => 2 * x;",
      /line 1 is not a function declaration.*move other code to the next cell/,
    ],
    ["function one(): number {\n  return 1;\n}", /function one \(line 1\) has no TSDoc task line/],
    ["// Return 1.\nfunction one(): number {\n  return 1;\n}", /function one \(line 2\) has no TSDoc task line/],
    ["/** Return 1. */\nfunction one() {\n  return 1;\n}", /function one \(line 2\) needs an explicit return type/],
    ["/** Return twice x. */\nfunction twice(x): number {\n  return 2 * x;\n}", /give parameter x an explicit type/],
    ["/** Return 1. */\nfunction one(): number;", /has no body/],
    ["// nothing here yet", /declares no function/],
    ["/** Return 1. */\nfunction one(): number {\n  return (1;\n}", /does not parse/],
  ];
  for (const [source, message] of bad) {
    assert.throws(
      () => stubSolutionSource(source, where),
      (e: Error) => e.name === "StudentEditionError" && message.test(e.message),
      source,
    );
  }
  const nb = (cells: NotebookCell[]): Notebook => ({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 });
  const solution = (source: string, cellType = "code"): NotebookCell => ({
    cell_type: cellType,
    id: "s1",
    metadata: { tags: ["solution"] },
    source,
  });
  assert.throws(
    () =>
      studentNotebook(
        nb([
          { cell_type: "code", id: "i1", metadata: {}, source: 'import { row } from "dlnotes";' },
          solution("/** Return 1. */\nfunction one(): number {\n  return 1;\n}"),
        ]),
        "nb.ipynb",
      ),
    /nb\.ipynb: has solution cells but no code cell imports `todo`/,
  );
  assert.throws(
    () => studentNotebook(nb([solution("Answer: 42", "markdown")]), "nb.ipynb"),
    /only code cells can be tagged "solution"/,
  );
});

test("student edition: the CLI exits 1 with the message on stderr and leaves the previous edition alone", async () => {
  const out = mkdtempSync(path.join(tmpdir(), "dlnotes-student-"));
  const broken = path.join(out, "broken.ipynb");
  try {
    const nb = readNotebook(fixture);
    nb.cells[2].source = ["/** Return 1. */\n", "function one(): number { return 1; }\n", "one();"];
    writeFileSync(broken, JSON.stringify(nb));
    const good = await student(["--out", path.join(out, "edition"), fixture]);
    assert.equal(good.code, 0, good.output);
    const result = await student(["--out", path.join(out, "edition"), fixture, broken]);
    assert.equal(result.code, 1, result.output);
    assert.match(
      result.stderr,
      /^student: .*broken\.ipynb, cell 2 \(id solution1\): line 3 is not a function declaration \(`one\(\);`\)/m,
    );
    assert.deepEqual(
      readdirSync(path.join(out, "edition")).sort(),
      [".dlnotes-student.json", "exercises.ipynb"],
      "nothing was written or removed",
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

// ---- the tool never destroys a file (issue 16, item 4) ------------------------------------------------------------

/** A scratch folder, removed after the test. */
function scratch(t: test.TestContext): string {
  const dir = mkdtempSync(path.join(tmpdir(), "dlnotes-student-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test("student edition: a notebook the student changed is never overwritten; the message names it and says how to keep or force", async (t) => {
  const out = path.join(scratch(t), "edition");
  assert.equal((await student(["--out", out, fixture])).code, 0);
  const edited = path.join(out, "exercises.ipynb");
  const work = readFileSync(edited, "utf8").replace('return todo(\\"count\\");', "return z.size;");
  assert.notEqual(work, readFileSync(edited, "utf8"), "the fixture has the stub the student fills in");
  writeFileSync(edited, work);
  const again = await student(["--out", out, fixture]);
  assert.equal(again.code, 1, again.output);
  assert.match(
    again.stderr,
    /^student: .*edition\/exercises\.ipynb was changed since student wrote it: rename or move it to keep your changes, or pass --force \(`npm run student -- --force`\) to replace it\n$/,
  );
  assert.equal(readFileSync(edited, "utf8"), work, "the student's work is still there");
  const forced = await student(["--out", out, "--force", fixture]);
  assert.equal(forced.code, 0, forced.output);
  assert.doesNotMatch(readFileSync(edited, "utf8"), /return z\.size;/);
});

test("student edition: --out DIR holding other files is refused (nothing deleted); forced, it still keeps them", async (t) => {
  const out = scratch(t);
  writeFileSync(path.join(out, "my-notes.ipynb"), "{}");
  writeFileSync(path.join(out, "old-lesson.ipynb"), '{"cells": []}');
  const refused = await student(["--out", out, fixture]);
  assert.equal(refused.code, 1, refused.output);
  assert.match(
    refused.stderr,
    /^student: .* is not empty and was not written by student \(no \.dlnotes-student\.json in it\): choose an empty folder, or pass --force/,
  );
  assert.deepEqual(readdirSync(out).sort(), ["my-notes.ipynb", "old-lesson.ipynb"]);
  const forced = await student(["--out", out, "--force", fixture]);
  assert.equal(forced.code, 0, forced.output);
  assert.deepEqual(readdirSync(out).sort(), [
    ".dlnotes-student.json",
    "exercises.ipynb",
    "my-notes.ipynb",
    "old-lesson.ipynb",
  ]);
});

test("student edition: a lesson dropped from the course leaves the edition only if the student never changed it", async (t) => {
  const dir = scratch(t);
  const [first, second, third] = ["a.ipynb", "b.ipynb", "c.ipynb"].map((name) => path.join(dir, name));
  for (const file of [first, second, third]) copyFileSync(fixture, file);
  const out = path.join(dir, "edition");
  assert.equal((await student(["--out", out, first, second, third])).code, 0);
  writeFileSync(
    path.join(out, "b.ipynb"),
    readFileSync(path.join(out, "b.ipynb"), "utf8").replace("todo(", "/* mine */ todo("),
  );
  const result = await student(["--out", out, first]);
  assert.equal(result.code, 0, result.output);
  assert.match(result.stdout, /student: removed .*c\.ipynb \(no longer in the course\)/);
  assert.match(result.stdout, /student: kept .*b\.ipynb \(no longer in the course, but you changed it\)/);
  assert.deepEqual(readdirSync(out).sort(), [".dlnotes-student.json", "a.ipynb", "b.ipynb"]);
});

test("student edition: --out pointing at the folder of the course's notebooks is refused, even with --force", async (t) => {
  const course = path.join(scratch(t), "course");
  mkdirSync(course);
  const lesson = path.join(course, "exercises.ipynb");
  copyFileSync(fixture, lesson);
  const before = readFileSync(lesson, "utf8");
  for (const args of [
    ["--out", course, lesson],
    ["--out", course, "--force", lesson],
    ["--out", path.join(course, "."), "--force", lesson],
  ]) {
    const result = await student(args);
    assert.equal(result.code, 1, result.output);
    assert.match(
      result.stderr,
      /^student: --out .*course holds the course's own notebooks: the student edition would replace their solutions with stubs; choose another folder/,
    );
    assert.equal(readFileSync(lesson, "utf8"), before, "the solutions are still there");
  }
  // the project's own notebooks/ folder, with the default inputs
  const real = readdirSync(notebooksDir).map((name) => readFileSync(path.join(notebooksDir, name), "utf8"));
  const result = await student(["--out", notebooksDir]);
  assert.equal(result.code, 1, result.output);
  assert.match(result.stderr, /holds the course's own notebooks/);
  assert.deepEqual(
    readdirSync(notebooksDir).map((name) => readFileSync(path.join(notebooksDir, name), "utf8")),
    real,
  );
});

test("student edition: a missing notebook, a file that is not JSON, --out without a value, an unknown option: one line each", async (t) => {
  const dir = scratch(t);
  const notJson = path.join(dir, "broken.ipynb");
  writeFileSync(notJson, "not json at all");
  const out = path.join(dir, "edition");
  const cases: [string[], RegExp][] = [
    [
      ["--out", out, fixture, path.join(dir, "missing.ipynb")],
      /^student: .*missing\.ipynb: no such notebook; check the name\n$/,
    ],
    [["--out", out, fixture, notJson], /^student: .*broken\.ipynb: is not a notebook \(not valid JSON: .*\)\n$/],
    [[fixture, "--out"], /^student: --out needs a value; usage: npm run student /],
    [["--outt", out, fixture], /^student: unknown option --outt; usage: npm run student /],
  ];
  for (const [args, message] of cases) {
    const result = await student(args);
    assert.equal(result.code, 1, result.output);
    assert.match(result.stderr, message);
    assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace");
    assert.deepEqual(readdirSync(dir), ["broken.ipynb"], "nothing written");
  }
  const swallowed = await student(["--out", out, fixture], {
    npm_lifecycle_event: "student",
    npm_config_force: "true",
  });
  assert.equal(swallowed.code, 1, swallowed.output);
  assert.match(swallowed.stderr, /did you mean `npm run student -- --force`\?/);
});
