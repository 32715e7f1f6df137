/**
 * Tests leave the user's home alone (issue 16, item 5): a part of the suite that starts Jupyter servers, runs
 * `jupyter nbconvert`, `jupyter trust` and pip, and executes notebooks in tslab through nbclient is run in a child
 * process whose HOME is a fresh empty folder (and with no JUPYTER_* / IPYTHONDIR / XDG_* of the caller), and that
 * folder must still be empty afterwards: no ~/.jupyter/migrated, ~/.local/share/jupyter (nbsignatures.db,
 * notebook_secret, runtime/), ~/.ipython, ~/.cache, ... Every Jupyter process of the suite gets its own folders from
 * tests/fixtures/jupyter.ts; this test is what would notice one that does not.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { writeFileSync } from "node:fs";
import { projectCommand } from "../tooling/python";
import { projectDir, runCommand } from "./fixtures/jupyter";

/** The parts of the suite run with the fresh HOME: [test file, --test-name-pattern]. */
const PARTS: [string, string][] = [
  // pip install of the exporter, a notebook executed in tslab via nbclient (the reference export), a JupyterLab
  // server, exports through nbconvert and through the server, a signed notebook (`jupyter trust`, NotebookNotary)
  ["tests/export.jupyter.test.ts", "planted folder|signature checks|not a notebook"],
  // scripts/nbrun.py (nbclient + tslab) through runNbrun
  ["tests/notebooks.harness.test.ts", "a good notebook passes"],
  // tslab kernels started directly through jupyter_client / nbclient
  ["tests/plot.kernel.test.ts", "real kernel"],
  ["tests/ndarray.tslab.test.ts", "tslab: an array"],
];

/** A fresh empty HOME and the environment of a child that uses it (none of the caller's Jupyter folders). */
function freshHome(): { home: string; env: NodeJS.ProcessEnv } {
  const home = mkdtempSync(join(tmpdir(), "dlnotes-fresh-home-"));
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, USERPROFILE: home };
  for (const key of Object.keys(env)) {
    if (/^(JUPYTER_|JUPYTERLAB_|IPYTHONDIR$|XDG_)/.test(key)) delete env[key];
  }
  delete env.NODE_TEST_CONTEXT; // set by the test runner for its children: a child `node --test` would skip its files
  return { home, env };
}

/** Every file and folder under `dir`, relative to it. */
function everything(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: false })
    .map((entry) => relative(dir, join(dir, String(entry))))
    .sort();
}

for (const [file, pattern] of PARTS) {
  test(`${file} (${pattern}) with a fresh HOME leaves it empty`, { timeout: 1_200_000 }, async (t) => {
    const { home, env } = freshHome();
    t.after(() => rmSync(home, { recursive: true, force: true }));
    const result = await new Promise<{ code: number | null; output: string }>((resolveRun) => {
      execFile(
        process.execPath,
        ["--import", "tsx", "--test", "--test-reporter=tap", `--test-name-pattern=${pattern}`, file],
        { cwd: projectDir, env, encoding: "utf8", maxBuffer: 64 << 20 },
        (error, stdout, stderr) =>
          resolveRun({
            code: error ? (typeof error.code === "number" ? error.code : null) : 0,
            output: `${stdout}${stderr}`,
          }),
      );
    });
    assert.equal(result.code, 0, `the part of the suite failed:\n${result.output.slice(-6000)}`);
    assert.match(result.output, /^# pass [1-9]/m, `no test ran:\n${result.output.slice(-3000)}`);
    assert.deepEqual(everything(home), [], `written into HOME by ${file}`);
  });
}

// The control: the check above sees a write. Jupyter without its own folders puts its trust database into HOME.
test("control: `jupyter trust` without isolated folders writes into a fresh HOME, and the listing shows it", async (t) => {
  const { home, env } = freshHome();
  t.after(() => rmSync(home, { recursive: true, force: true }));
  const notebook = join(home, "..", `${home.split("/").pop()}-control.ipynb`);
  writeFileSync(notebook, JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] }));
  t.after(() => rmSync(notebook, { force: true }));
  const jupyter = projectCommand("jupyter");
  assert.ok(jupyter, "no project Jupyter: run `npm run setup`");
  const result = await runCommand(jupyter, ["trust", notebook], undefined, env);
  assert.equal(result.code, 0, result.output);
  assert.ok(
    everything(home).includes(join(".local", "share", "jupyter", "nbsignatures.db")),
    everything(home).join("\n"),
  );
});
