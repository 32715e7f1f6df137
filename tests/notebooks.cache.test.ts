// tests/fixtures/executed-lessons.ts: notebooks are executed once per content. Two test processes that ask at the
// same time get the same executed copies from ONE run (the second waits on the lock); a later process reuses them;
// changing an input runs them again and drops the old copies. Uses the small good.ipynb fixture, not the lessons.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import test from "node:test";
import { fixturesDir, projectDir } from "./fixtures/jupyter";

interface Outcome {
  dir: string;
  cached: boolean;
  producer: number;
  pid: number;
  ok: boolean;
}

test("concurrent test processes share one execution per content; a changed input executes again", async (t) => {
  const scratch = path.join(projectDir, "build", "test-cache");
  mkdirSync(scratch, { recursive: true });
  const cacheDir = mkdtempSync(path.join(scratch, "cache-test-"));
  t.after(() => rmSync(cacheDir, { recursive: true, force: true }));
  const input = path.join(cacheDir, "input.txt");
  writeFileSync(input, "version 1");
  const script = path.join(cacheDir, "ask.ts");
  const fixture = path.resolve(__dirname, "fixtures", "executed-lessons.ts");
  const spec = {
    label: "demo",
    files: [path.join(fixturesDir, "good.ipynb")],
    inputs: [input],
    cacheDir: path.join(cacheDir, "cache"),
  };
  writeFileSync(
    script,
    `import { executeOnce } from ${JSON.stringify(fixture)};\n` +
      `executeOnce(${JSON.stringify(spec)}).then((r) => console.log(JSON.stringify({ dir: r.dir, cached: r.cached, producer: r.producer, pid: process.pid, ok: r.reports.every((x) => x.ok) })));\n`,
  );
  const ask = () =>
    new Promise<Outcome>((resolve, reject) => {
      execFile(
        process.execPath,
        ["--import", "tsx", script],
        { cwd: projectDir, encoding: "utf8" },
        (error, stdout, stderr) => {
          if (error) reject(new Error(`${error.message}\n${stdout}\n${stderr}`));
          else resolve(JSON.parse(stdout.trim().split("\n").pop()!));
        },
      );
    });

  const both = await Promise.all([ask(), ask()]);
  assert.ok(
    both.every((o) => o.ok),
    JSON.stringify(both),
  );
  assert.equal(both[0].dir, both[1].dir);
  const ran = both.filter((o) => !o.cached);
  assert.equal(
    ran.length,
    1,
    `exactly one process runs the notebooks, the other waits for it: ${JSON.stringify(both)}`,
  );
  assert.deepEqual(
    both.map((o) => o.producer),
    [ran[0].pid, ran[0].pid],
  );
  const executed = JSON.parse(readFileSync(path.join(both[0].dir, "good.ipynb"), "utf8"));
  assert.ok(
    executed.cells.some((cell: { outputs?: unknown[] }) => cell.outputs?.length),
    "the executed copy has outputs",
  );

  const later = await ask();
  assert.deepEqual(
    [later.dir, later.cached, later.producer],
    [both[0].dir, true, ran[0].pid],
    "a later process reuses the run",
  );

  writeFileSync(input, "version 2");
  const changed = await ask();
  assert.equal(changed.cached, false, "a changed input runs the notebooks again");
  assert.notEqual(changed.dir, both[0].dir);
  assert.equal(existsSync(both[0].dir), false, "the copies of the old content are dropped");
});
