// The notebook benchmark (bench/notebooks.bench.ts, part of `npm run bench`) still runs a lesson in a real tslab
// kernel and reports it: it once exited before any lesson ran (nbrun's checks refused its trivial notebook and its
// kernel name) and nothing noticed. Runs one small lesson through bench/run.ts, as `npm run bench` does; times are
// not checked (speed belongs to the bench), only that it measured and cleaned up after itself.
import assert from "node:assert/strict";
import { type ChildProcess, execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import test from "node:test";
import { projectDir } from "./fixtures/jupyter";

test("npm run bench's notebook benchmark runs a lesson twice in tslab and prints its JSON line", async () => {
  const lesson = readdirSync(path.join(projectDir, "notebooks")).find((f) => /^01-.*\.ipynb$/.test(f));
  assert.ok(lesson, "lesson 01 exists");
  const { stdout, stderr, code } = await new Promise<{ stdout: string; stderr: string; code: number | null }>(
    (resolve) => {
      const child: ChildProcess = execFile(
        process.execPath,
        ["--import", "tsx", path.join(projectDir, "bench", "run.ts"), "--only", "notebooks"],
        { cwd: projectDir, env: { ...process.env, DLNOTES_BENCH_NOTEBOOKS: "^01-" }, maxBuffer: 1 << 24 },
        (_err, out, err) => resolve({ stdout: out, stderr: err, code: child.exitCode }),
      );
    },
  );
  assert.equal(code, 0, `bench/run.ts --only notebooks failed:\n${stdout}\n${stderr}`);
  const lines = stdout
    .split("\n")
    .filter((l) => l.startsWith('{"'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(lines.length, 1, `one JSON line, for lesson 01:\n${stdout}`);
  const [line] = lines;
  assert.equal(line.benchmark, "notebook-run-all");
  assert.equal(line.notebook, lesson);
  for (const key of ["cold_s", "warm_s", "kernel_start_s", "trivial_cold_s", "ratio"])
    assert.ok(typeof line[key] === "number" && (line[key] as number) > 0, `${key} is a positive time: ${stdout}`);
  assert.deepEqual(
    readdirSync(path.join(projectDir, "build")).filter((f) => f.startsWith("bench-trivial-")),
    [],
    "the bench removed its trivial notebook's folder",
  );
});
