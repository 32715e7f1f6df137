// tooling/cli.ts, python.ts, chromium.ts: every bad command line or setting is one line naming the problem.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import test from "node:test";
import { parseCommandLine, ToolError } from "../tooling/cli";
import { chromiumPath } from "../tooling/chromium";
import { projectPython } from "../tooling/python";
import { isQuickTest, quickTests } from "../tooling/test-suites";

const USAGE = "demo [--out DIR] [--check] [FILE ...]";
const OPTIONS = { out: { type: "string" }, check: { type: "boolean" } } as const;
const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) =>
  parseCommandLine("demo", USAGE, OPTIONS, argv, { allowPositionals: true, env });

function refusal(pattern: RegExp) {
  return (error: Error) =>
    error instanceof ToolError &&
    pattern.test(error.message) &&
    error.message.includes(`usage: ${USAGE}`) &&
    !error.message.includes("\n");
}

test("parseCommandLine: good arguments parse; unknown options, missing values and stray arguments are one-line errors", () => {
  const ok = parse(["--out", "x", "--check", "a.ipynb"]);
  assert.deepEqual({ ...ok.values }, { out: "x", check: true });
  assert.deepEqual(ok.positionals, ["a.ipynb"]);
  assert.throws(() => parse(["--chek"]), refusal(/^unknown option --chek;/));
  assert.throws(() => parse(["--out"]), refusal(/^--out needs a value;/));
  assert.throws(() => parse(["--out", "--check"]), refusal(/^--out needs a value/));
  assert.throws(() => parse(["--check=yes"]), refusal(/^--check takes no value;/));
  assert.throws(
    () => parseCommandLine("demo", USAGE, OPTIONS, ["stray"], { env: {} }),
    refusal(/^unexpected argument stray/),
  );
});

test("parseCommandLine: an option npm swallowed (`npm run demo --check`, no `--`) is an error, not ignored", () => {
  const npm = { npm_lifecycle_event: "demo", npm_config_check: "true" };
  assert.throws(
    () => parse([], npm),
    (error: Error) => error instanceof ToolError && error.message.includes("did you mean `npm run demo -- --check`?"),
  );
  // given properly after `--` as well: fine; outside npm the variable means nothing
  assert.equal(parse(["--check"], npm).values.check, true);
  assert.deepEqual({ ...parse([], { npm_config_check: "true" }).values }, {});
});

test("runCli prints `<tool>: <message>` and exits 1 for a ToolError and a missing file, with no stack trace", async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cli-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const script = path.join(dir, "tool.ts");
  const cli = path.resolve(__dirname, "..", "tooling", "cli.ts");
  writeFileSync(
    script,
    `import { readFileSync } from "node:fs";\nimport { runCli, ToolError } from ${JSON.stringify(cli)};\n` +
      `runCli("demo", () => { const how = process.argv[2];\n` +
      `  if (how === "tool") throw new ToolError("x.ipynb is broken; fix it");\n` +
      `  if (how === "enoent") readFileSync("/no/such/file.ipynb");\n` +
      `  if (how === "json") JSON.parse("{");\n` +
      `  if (how === "code") return 3; });\n`,
  );
  const run = (arg: string) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(process.execPath, ["--import", "tsx", script, arg], { encoding: "utf8" }, (error, _stdout, stderr) =>
        resolve({ code: error ? (error.code as number) : 0, stderr }),
      );
    });
  assert.deepEqual(await run("tool"), { code: 1, stderr: "demo: x.ipynb is broken; fix it\n" });
  assert.deepEqual(await run("enoent"), { code: 1, stderr: "demo: /no/such/file.ipynb: no such file or folder\n" });
  const json = await run("json");
  assert.equal(json.code, 1);
  assert.match(json.stderr, /^demo: not valid JSON: .*\n$/);
  assert.deepEqual(await run("code"), { code: 3, stderr: "" });
  assert.deepEqual(await run("fine"), { code: 0, stderr: "" });
});

test("a DLNOTES_PYTHON that does not exist or lacks Jupyter is an error naming it, not silently skipped", () => {
  assert.throws(
    () => projectPython(["nbclient"], { DLNOTES_PYTHON: "/no/such/python" }),
    (error: Error) =>
      error instanceof ToolError && /^DLNOTES_PYTHON=\/no\/such\/python does not exist/.test(error.message),
  );
  // /bin/sh is no Python at all; a Python without the module says which module is missing
  assert.throws(
    () => projectPython(["nbclient"], { DLNOTES_PYTHON: "/bin/sh" }),
    /DLNOTES_PYTHON=\/bin\/sh cannot import nbclient/,
  );
  assert.throws(
    () =>
      projectPython(["no_such_module_dlnotes"], {
        DLNOTES_PYTHON: process.env.DLNOTES_PYTHON || projectPython(["json"]),
      }),
    /cannot import no_such_module_dlnotes/,
  );
});

test("a DLNOTES_CHROMIUM that does not exist or is not executable is an error naming it", (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "chromium-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.throws(
    () => chromiumPath({ DLNOTES_CHROMIUM: path.join(dir, "missing") }),
    /DLNOTES_CHROMIUM=.*missing does not exist/,
  );
  const plain = path.join(dir, "plain");
  writeFileSync(plain, "");
  assert.throws(() => chromiumPath({ DLNOTES_CHROMIUM: plain }), /is not an executable file/);
  assert.equal(chromiumPath({ DLNOTES_CHROMIUM: process.execPath }), process.execPath);
});

test("the quick loop takes library and tooling tests, never one that needs a browser, a kernel or Jupyter", () => {
  const layers = ["ndarray", "plot", "learn"];
  const quick = [
    "ndarray.ops.test.ts",
    "plot.figures.test.ts",
    "tooling.cli.test.ts",
    "setup.pins.test.ts",
    "architecture.test.ts",
    "notebooks.clean.test.ts",
  ];
  const slow = [
    "ndarray.tslab.test.ts",
    "plot.kernel.test.ts",
    "plot.loader.test.ts",
    "export.browser.test.ts",
    "lab.browser.test.ts",
    "notebooks.run.test.ts",
    "student.test.ts",
    "learn.fixture.ts",
  ];
  assert.deepEqual(
    quick.filter((name) => !isQuickTest(name, layers)),
    [],
  );
  assert.deepEqual(
    slow.filter((name) => isQuickTest(name, layers)),
    [],
  );
  const files = quickTests();
  assert.ok(
    files.includes(path.join("tests", "tooling.owned-folder.test.ts")) &&
      files.includes(path.join("tests", "ndarray.ops.test.ts")),
  );
  assert.deepEqual(
    files.filter((file) => /browser|tslab|kernel\.|notebooks\.run|student\.test/.test(file)),
    [],
  );
});
