// The notebook runner itself (scripts/nbrun.py) on small fixture notebooks: a good one passes twice and saves
// its outputs; a type error, a throw, stderr output and a cell that breaks only on the second Run All each
// make it fail, naming the cell and showing tslab's stderr text. Input it cannot run (a missing or broken file, a
// notebook for another kernel or outside the project, a bad command line) is one line on stderr and runs nothing.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import test from "node:test";
import { KERNEL_NAME } from "../src/core/definitions";
import { fixturesDir, projectDir, runNbrun } from "./fixtures/jupyter";

const fixture = (name: string) => path.join(fixturesDir, name);

interface SavedOutput {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, string | string[]>;
}
interface SavedCell {
  cell_type: string;
  execution_count?: number | null;
  outputs?: SavedOutput[];
}

/**
 * Runs nbrun; if the fresh tslab kernel did not answer at all (seen once in CI on a busy machine:
 * "Kernel didn't respond in 120 seconds", before any cell ran), runs it once more with a new kernel and says so.
 * The behaviour under test (what nbrun reports about the cells) is asserted on the answered run only.
 */
async function runNbrunAnswered(args: string[]): ReturnType<typeof runNbrun> {
  const first = await runNbrun(args);
  if (!/Kernel didn't respond in \d+ seconds/.test(first.stdout)) return first;
  console.log(`nbrun retried with a new kernel after: ${first.stdout.trim()}`);
  return runNbrun(args);
}

const joined = (text: string | string[] | undefined) => (Array.isArray(text) ? text.join("") : (text ?? ""));

test("a good notebook passes both runs and --save keeps the last run's outputs", async (t) => {
  const saveDir = mkdtempSync(path.join(os.tmpdir(), "nbrun-save-"));
  t.after(() => rmSync(saveDir, { recursive: true, force: true }));
  const result = await runNbrun(["--runs", "2", "--save", saveDir, fixture("good.ipynb")]);
  assert.equal(result.code, 0, result.output);
  assert.match(result.stdout, /^PASS .*good\.ipynb {2}kernel start: [\d.]+ s {2}run 1: [\d.]+ s {2}run 2: [\d.]+ s$/m);

  const saved = JSON.parse(readFileSync(path.join(saveDir, "good.ipynb"), "utf8"));
  const code: SavedCell[] = saved.cells.filter((cell: SavedCell) => cell.cell_type === "code");
  // 4 code cells ran twice in one kernel: the saved (second) run is numbered 5..8
  assert.deepEqual(
    code.map((cell) => cell.execution_count),
    [5, 6, 7, 8],
  );
  assert.equal(joined(code[1].outputs?.[0]?.text), "total is 6\n");
  assert.equal(joined(code[2].outputs?.[0]?.data?.["text/html"]), "<b>12</b>");
  // tslab shows a cell's last expression on stdout (not as an execute_result)
  assert.equal(joined(code[3].outputs?.[0]?.text), "7\n");
  assert.equal(saved.metadata.language_info.name, "typescript");
});

test("a type error fails the notebook at that cell, with tslab's message and the cell source", async () => {
  const result = await runNbrunAnswered(["--runs", "2", fixture("type-error.ipynb")]);
  assert.equal(result.code, 1, result.output);
  assert.match(result.stdout, /FAIL .*type-error\.ipynb: run 1, cell 2 \(id [\w-]+\): the cell failed/);
  assert.match(result.stdout, /1:7 - Type 'string' is not assignable to type 'number'\./);
  assert.match(result.stdout, /1 \| const count: number = "three";/);
  // it stopped at the first error: the next cell (which tslab would abort) is neither run nor blamed
  assert.doesNotMatch(result.stdout, /never reached|abort/);
});

test("an exception fails the notebook with the thrown error shown", async () => {
  const result = await runNbrun(["--runs", "2", fixture("throw.ipynb")]);
  assert.equal(result.code, 1, result.output);
  assert.match(result.stdout, /FAIL .*throw\.ipynb: run 1, cell 3 /);
  assert.match(result.stdout, /RangeError: check: expected a non-negative value, got -2/);
  assert.match(result.stdout, /1 \| check\(-2\);/);
  assert.doesNotMatch(result.stdout, /never reached|abort/);
});

test("stderr output fails the notebook even though the execute reply is ok", async () => {
  const result = await runNbrun(["--runs", "1", fixture("stderr.ipynb")]);
  assert.equal(result.code, 1, result.output);
  assert.match(result.stdout, /FAIL .*stderr\.ipynb: run 1, cell 2 .*: the cell wrote to stderr/);
  assert.match(result.stdout, /warning: learning rate looks too large/);
});

test("a cell that breaks only when the notebook is run again fails in run 2", async () => {
  const result = await runNbrun(["--runs", "2", fixture("rerun-breaks.ipynb")]);
  assert.equal(result.code, 1, result.output);
  assert.match(result.stdout, /FAIL .*rerun-breaks\.ipynb: run 2, cell 1 /);
  assert.match(result.stdout, /TypeError: Cannot redefine property: total/);
});

test("an unknown kernel is a usage error with a hint, not a notebook failure", async () => {
  const result = await runNbrun(["--kernel", "no-such-kernel-dlnotes", fixture("good.ipynb")]);
  assert.equal(result.code, 2, result.output);
  assert.match(result.stderr, /^nbrun: no Jupyter kernel named 'no-such-kernel-dlnotes'.*npm install/);
});

test("input nbrun cannot run is one line on stderr (exit 2, no traceback), and no notebook runs", async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "nbrun-bad-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const notJson = path.join(dir, "broken.ipynb");
  writeFileSync(notJson, "{ not json");
  // a Python notebook beside the good fixture (inside the project), so only its kernelspec is wrong
  mkdirSync(path.join(projectDir, "build", "test-cache"), { recursive: true });
  const inProject = mkdtempSync(path.join(projectDir, "build", "test-cache", "nbrun-python-"));
  t.after(() => rmSync(inProject, { recursive: true, force: true }));
  const python = path.join(inProject, "numpy.ipynb");
  const good = JSON.parse(readFileSync(fixture("good.ipynb"), "utf8"));
  writeFileSync(
    python,
    JSON.stringify({
      ...good,
      metadata: { kernelspec: { name: "python3", language: "python", display_name: "Python 3" } },
    }),
  );
  const outside = path.join(dir, "good.ipynb");
  writeFileSync(outside, JSON.stringify(good));
  const cases: [string[], RegExp][] = [
    [
      [fixture("good.ipynb"), path.join(dir, "missing.ipynb")],
      /^nbrun: .*missing\.ipynb: no such notebook; check the name\n$/,
    ],
    [[fixture("good.ipynb"), notJson], /^nbrun: .*broken\.ipynb: is not a notebook \(not valid JSON: .*\)\n$/],
    [
      [fixture("good.ipynb"), python],
      new RegExp(`^nbrun: .*numpy\\.ipynb: is written for the kernel 'python3' \\(python\\), not '${KERNEL_NAME}'`),
    ],
    [
      [outside],
      /^nbrun: .*good\.ipynb: is outside the project: tslab finds the library and Node's types only from a node_modules/,
    ],
    [[fixture("good.ipynb"), "--out"], /^nbrun: argument --save\/--out: expected one argument; usage: nbrun\.py /],
    [["--runs", "zero", fixture("good.ipynb")], /^nbrun: argument --runs: invalid int value: 'zero'; usage: /],
    [["--bogus", fixture("good.ipynb")], /^nbrun: unrecognized arguments: --bogus; usage: /],
  ];
  for (const [args, message] of cases) {
    const result = await runNbrun(args);
    assert.equal(result.code, 2, result.output);
    assert.match(result.stderr, message);
    assert.doesNotMatch(result.output, /Traceback|PASS|FAIL/, "no traceback, and the good notebook did not run either");
  }
});
