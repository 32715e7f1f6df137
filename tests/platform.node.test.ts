// The Node platform (src/platform): what the library asks of its host, outside a notebook. Inside a real tslab
// kernel, display is covered by tests/plot.kernel.test.ts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { platform } from "../src/platform";
import { KERNEL_NAMES } from "../src/kernels/protocol";
import { envWithHelper } from "./fixtures/threads";

const root = path.resolve(__dirname, "..");

test("outside a notebook there is no front end, and display says so instead of dropping output silently", () => {
  assert.equal(platform.name, "node");
  assert.equal(platform.hasFrontEnd(), false);
  assert.equal(platform.display({ "text/plain": "hello" }), false);
  assert.equal(platform.display({ "text/plain": "again" }, { displayId: platform.randomId(), update: true }), false);
});

test("randomId gives 16 hex digits, different every time", () => {
  const ids = Array.from({ length: 50 }, () => platform.randomId());
  for (const id of ids) assert.match(id, /^[0-9a-f]{16}$/);
  assert.equal(new Set(ids).size, ids.length);
});

test("kernelModule loads the built kernels with every kernel the job protocol names", () => {
  const module = platform.kernelModule();
  assert.ok(module, "dist/kernels/kernels.wasm missing: run `npm run build`");
  const exported = WebAssembly.Module.exports(module).map((e) => e.name);
  for (const name of KERNEL_NAMES) assert.ok(exported.includes(name), `kernels.wasm lacks ${name}`);
});

/** Runs a snippet in a fresh Node process (from the project root, with tsx) and returns its stdout. */
function runNode(script: string, env: NodeJS.ProcessEnv = {}): string {
  const run = spawnSync(process.execPath, ["--import", "tsx", "-e", script], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...envWithHelper(), ...env },
  });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.trim();
}

test("DLNOTES_THREADS=1: no helper worker is started and products still give the same numbers", () => {
  const script = `
    const { kernelRuntime, fastMatmul } = require("./src/kernels");
    const ndarray = require("ndarray");
    kernelRuntime().whenWorkerReady(2000).then((ready) => {
      const X = ndarray(new Float64Array(20000 * 50).fill(1), [20000, 50]);
      const out = fastMatmul(X, ndarray(new Float64Array(50).fill(2), [50, 1]));
      console.log(ready, out[0], out.length);
    });`;
  assert.equal(runNode(script, { DLNOTES_THREADS: "1" }), "false 100 20000");
  assert.equal(runNode(script), "true 100 20000", "without the variable the worker starts");
});

test("ndarray alone runs its plain loops; loading the kernels registers them as its backend", () => {
  const script = `
    const backend = require("./src/ndarray/backend");
    const before = backend.kernelBackend();
    require("./src/ndarray");
    const afterNdarray = backend.kernelBackend();
    require("./src/kernels");
    console.log(before === null, afterNdarray === null, typeof backend.kernelBackend().matmul);`;
  assert.equal(runNode(script), "true true function");
});
