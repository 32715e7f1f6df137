// Committed notebooks are clean (no outputs, no execution counts), valid nbformat 4.5 with cell ids and the
// tslab kernelspec; and `npm run clean` (scripts/clean.ts) makes a dirty notebook so, in place, keeping
// everything its author wrote; bad input (a missing or broken file, `--check` given to npm) is one line and changes
// nothing.
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import test from "node:test";
import { KERNEL_NAME } from "../src/core/definitions";
import { fixturesDir, jupyterPython, notebooksDir, projectDir, runCommand } from "./fixtures/jupyter";
import { runTool } from "./fixtures/student/run-tool";

const clean = (args: string[], env: NodeJS.ProcessEnv = {}) => runTool("clean", args, env);

interface Cell {
  cell_type: string;
  id?: string;
  source: string | string[];
  metadata: Record<string, unknown>;
  outputs?: unknown[];
  execution_count?: number | null;
}
interface Notebook {
  cells: Cell[];
  metadata: { kernelspec?: { name?: string; language?: string } } & Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

function ipynbFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith(".ipynb"))
      .sort()
      .map((name) => path.join(dir, name));
  } catch {
    return [];
  }
}

/** nbformat's own verdict on each file (null = valid), from one Python process. */
async function nbformatErrors(files: string[]): Promise<Record<string, string | null>> {
  const script = [
    "import json, sys, nbformat",
    "verdicts = {}",
    "for path in json.load(sys.stdin):",
    "    try:",
    "        nbformat.validate(nbformat.read(path, as_version=nbformat.NO_CONVERT))",
    "        verdicts[path] = None",
    "    except Exception as error:",
    "        verdicts[path] = f'{type(error).__name__}: {str(error)[:400]}'",
    "print(json.dumps(verdicts))",
  ].join("\n");
  const result = await runCommand(jupyterPython(), ["-c", script], JSON.stringify(files));
  assert.equal(result.code, 0, result.output);
  return JSON.parse(result.stdout);
}

/** Everything that makes a committed notebook unclean, as readable strings (empty = clean). */
function cleanlinessProblems(nb: Notebook): string[] {
  const problems: string[] = [];
  if (nb.nbformat !== 4 || nb.nbformat_minor < 5)
    problems.push(`nbformat ${nb.nbformat}.${nb.nbformat_minor} (want 4.5+)`);
  if (nb.metadata.kernelspec?.name !== KERNEL_NAME)
    problems.push(`kernelspec name ${nb.metadata.kernelspec?.name} (want ${KERNEL_NAME})`);
  if (nb.metadata.kernelspec?.language !== "typescript") problems.push("kernelspec language is not typescript");
  const ids = new Set<string>();
  nb.cells.forEach((cell, index) => {
    if (!cell.id) problems.push(`cell ${index} has no id`);
    else if (ids.has(cell.id)) problems.push(`cell ${index} repeats id ${cell.id}`);
    else ids.add(cell.id);
    if (cell.metadata.execution !== undefined) problems.push(`cell ${index} has metadata.execution`);
    if (cell.cell_type !== "code") return;
    if (cell.outputs?.length) problems.push(`cell ${index} has outputs`);
    if (cell.execution_count !== null) problems.push(`cell ${index} has execution_count ${cell.execution_count}`);
  });
  return problems;
}

const readNotebook = (file: string): Notebook => JSON.parse(readFileSync(file, "utf8"));

test("every committed notebook (lessons and fixtures) is clean, valid nbformat 4.5 and uses the tslab kernel", async () => {
  const files = [...ipynbFiles(notebooksDir), ...ipynbFiles(fixturesDir)];
  assert.ok(files.length > 0, "no notebooks found at all");
  const verdicts = await nbformatErrors(files);
  const failures: string[] = [];
  for (const file of files) {
    const problems = cleanlinessProblems(readNotebook(file));
    if (verdicts[file]) problems.push(`nbformat: ${verdicts[file]}`);
    if (problems.length) failures.push(`${path.relative(projectDir, file)}: ${problems.join("; ")}`);
  }
  assert.deepEqual(failures, [], `run \`npm run clean\` (and fix what it cannot):\n${failures.join("\n")}`);
  const check = await clean(["--check", ...files]);
  assert.equal(check.code, 0, check.output);
});

test("npm run clean strips outputs and counts in place, keeps what the author wrote, and is idempotent", async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "nbclean-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const original = readNotebook(path.join(fixturesDir, "good.ipynb"));
  const file = path.join(dir, "dirty.ipynb");
  copyFileSync(path.join(fixturesDir, "good.ipynb"), file);

  // dirty it the way running and saving in Jupyter does, plus author content that must survive
  const dirty = readNotebook(file);
  dirty.cells.forEach((cell, index) => {
    if (cell.cell_type !== "code") return;
    cell.execution_count = index + 10;
    cell.outputs = [
      { output_type: "stream", name: "stdout", text: ["total is 6\n"] },
      { output_type: "execute_result", execution_count: index + 10, data: { "text/plain": ["7"] }, metadata: {} },
    ];
    cell.metadata.execution = { "iopub.status.busy": "2026-01-01T00:00:00.000Z" };
  });
  dirty.cells[1].metadata.tags = ["keep-me"];
  dirty.cells[2].metadata.custom = { note: "author's own metadata" };
  delete dirty.cells[3].id; // a cell pasted from an old notebook
  writeFileSync(file, JSON.stringify(dirty, null, 2));

  const check = await clean(["--check", file]);
  assert.equal(check.code, 1, `--check must flag a dirty notebook:\n${check.output}`);
  assert.match(check.stdout, /not clean: .*dirty\.ipynb \(cell 1: outputs, cell 1: execution_count/);
  assert.equal(readFileSync(file, "utf8"), JSON.stringify(dirty, null, 2), "--check must not write");

  const run = await clean([file]);
  assert.equal(run.code, 0, run.output);
  const cleaned = readNotebook(file);
  assert.deepEqual(cleanlinessProblems(cleaned), []);
  assert.deepEqual(await nbformatErrors([file]), { [file]: null });
  assert.deepEqual(
    cleaned.cells.map((cell) => cell.source),
    original.cells.map((cell) => cell.source),
  );
  assert.deepEqual(cleaned.cells[1].metadata, { tags: ["keep-me"] });
  assert.deepEqual(cleaned.cells[2].metadata, { custom: { note: "author's own metadata" } });
  assert.match(cleaned.cells[3].id ?? "", /^[0-9a-f]{8}$/);
  assert.deepEqual(cleaned.metadata, original.metadata);
  // written like Jupyter writes notebooks, so committing a cleaned notebook gives small diffs
  assert.match(readFileSync(file, "utf8"), /^{\n "cells": \[\n {2}{\n {3}"cell_type"/);

  const bytes = readFileSync(file, "utf8");
  const again = await clean([file]);
  assert.equal(again.code, 0, again.output);
  assert.equal(readFileSync(file, "utf8"), bytes, "a second clean must change nothing");
  const recheck = await clean(["--check", file]);
  assert.equal(recheck.code, 0, recheck.output);
});

test("npm run clean --check (without --) stops with one line instead of cleaning; nothing is written", async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "nbclean-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, "dirty.ipynb");
  const dirty = readNotebook(path.join(fixturesDir, "good.ipynb"));
  dirty.cells.forEach((cell, index) => {
    if (cell.cell_type === "code") cell.execution_count = index + 1;
  });
  writeFileSync(file, JSON.stringify(dirty));
  // what `npm run clean --check` hands the script: no --check argument, npm_config_check=true in the environment
  const result = await clean([file], { npm_lifecycle_event: "clean", npm_config_check: "true" });
  assert.equal(result.code, 1, result.output);
  assert.equal(
    result.stderr,
    "clean: npm kept --check for itself (it needs `--` before the script's options): did you mean `npm run clean -- --check`?\n",
  );
  assert.equal(readFileSync(file, "utf8"), JSON.stringify(dirty), "the outputs it was asked to check are still there");
});

test("npm run clean: a missing notebook, a file that is not JSON, an unknown option: one line each, nothing written", async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "nbclean-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const dirtyFile = path.join(dir, "dirty.ipynb");
  const dirty = readNotebook(path.join(fixturesDir, "good.ipynb"));
  dirty.cells.forEach((cell, index) => {
    if (cell.cell_type === "code") cell.execution_count = index + 1;
  });
  writeFileSync(dirtyFile, JSON.stringify(dirty));
  const notJson = path.join(dir, "broken.ipynb");
  writeFileSync(notJson, "{ this is not json");
  const cases: [string[], RegExp][] = [
    [[dirtyFile, path.join(dir, "missing.ipynb")], /^clean: .*missing\.ipynb: no such notebook; check the name\n$/],
    [[dirtyFile, notJson], /^clean: .*broken\.ipynb: is not a notebook \(not valid JSON: .*\)\n$/],
    [["--chek", dirtyFile], /^clean: unknown option --chek; usage: npm run clean /],
  ];
  for (const [args, message] of cases) {
    const result = await clean(args);
    assert.equal(result.code, 1, result.output);
    assert.match(result.stderr, message);
    assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace");
    assert.equal(
      readFileSync(dirtyFile, "utf8"),
      JSON.stringify(dirty),
      "no partial output: the good file is not cleaned either",
    );
  }
});
