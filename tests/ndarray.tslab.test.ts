/**
 * In a real tslab kernel, a cell whose last expression is an array shows the numpy-style text (not
 * ndarray's internals), and the library is imported by package name as the notebooks do.
 * Needs the compiled library (`npm run build`, done by `npm test`) and the tslab kernel spec
 * (`node scripts/install-kernel.mjs`, done by `npm install`).
 */
import { KERNEL_NAME, KERNELSPEC } from "../src/core/definitions";
import { test } from "node:test";
import assert from "node:assert/strict";
import { jupyterEnv, jupyterPython, processJupyterDirs } from "./fixtures/jupyter";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { array, seededRandom, arange } from "../src";

const project = path.resolve(__dirname, "..");

// Runs every cell with nbclient and prints, per cell, the text the kernel sent (stream or text/plain).
const RUN = String.raw`
import json, sys, nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(nb, kernel_name="${KERNEL_NAME}", timeout=120).execute()
shown = []
for cell in nb.cells:
    text = ""
    for out in cell.get("outputs", []):
        if out["output_type"] == "stream":
            text += out["text"]
        elif "data" in out:
            text += out["data"].get("text/plain", "")
    shown.append(text)
json.dump(shown, sys.stdout)
`;

test("tslab: an array as a cell's last expression shows the numpy-style text", { timeout: 180_000 }, async () => {
  assert.ok(existsSync(path.join(project, "dist", "index.d.ts")), "dist/ is missing: run `npm run build` first");
  // a folder of its own inside the project (tslab finds dlnotes there), also when run twice at once
  mkdirSync(path.join(project, "build"), { recursive: true });
  const dir = mkdtempSync(path.join(project, "build", "ndarray-tslab-test-"));
  const cells = [
    `import { array, column, seededRandom, arange } from "dlnotes";`,
    `array([[1, 2.5], [3, 4]])`,
    `const w = seededRandom(1).normal([3, 1], 0, 0.01);\nw`,
    `arange(2000).div(7)`,
  ];
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: KERNELSPEC },
    cells: cells.map((source, i) => ({
      id: `c${i}`,
      cell_type: "code",
      metadata: {},
      source,
      outputs: [],
      execution_count: null,
    })),
  };
  const file = path.join(dir, "display.ipynb");
  writeFileSync(file, JSON.stringify(notebook));
  try {
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(
        jupyterPython(),
        ["-c", RUN, file],
        { cwd: dir, encoding: "utf8", maxBuffer: 16 << 20, env: jupyterEnv(processJupyterDirs()) },
        (error, out, err) =>
          error ? reject(new Error(`running the notebook failed: ${err || error.message}`)) : resolve(out),
      ),
    );
    const shown: string[] = JSON.parse(stdout);
    const expected = [
      "",
      String(
        array([
          [1, 2.5],
          [3, 4],
        ]),
      ),
      String(seededRandom(1).normal([3, 1], 0, 0.01)),
      String(arange(2000).div(7)),
    ];
    assert.deepEqual(
      shown.map((s) => s.trimEnd()),
      expected,
    );
    assert.equal(shown[1].trimEnd(), "array([[1. , 2.5],\n       [3. , 4. ]], shape=(2, 2))");
    assert.ok(!shown.join("").includes("Float64Array"), "ndarray internals must not be shown");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
