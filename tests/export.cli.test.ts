/**
 * The export's command lines with bad input and with folders they must not harm (issue 16, items 4 and 6): each
 * problem is ONE line on stderr naming the file or option and what to do (no stack trace), the exit code is 1, and
 * nothing is written. `--out DIR` is a folder the export owns (tooling/owned-folder.ts): a folder with a user's
 * file is refused, a manifest listing `../victim.txt` deletes nothing outside, and a run that fails (a TeX error
 * in one lesson) leaves the previous site exactly as it was. A notebook named with spaces and `#` gets working
 * links.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import * as cheerio from "cheerio";
import { root } from "./fixtures/export-site";

// Each export runs nbconvert and MathJax in child processes on a machine shared with other jobs.
const TIMEOUT = 900_000;

const fixture = join(root, "tests", "fixtures", "course", "03-wrap-up.ipynb");
let outside: string; // a folder outside the project
let inside: string; // a scratch folder inside the project (build/)

function run(
  script: "export.ts" | "export-page.ts",
  args: string[],
): { status: number | null; stderr: string; stdout: string } {
  const r = spawnSync(process.execPath, ["--import", "tsx", join(root, "scripts", script), ...args], {
    cwd: root,
    encoding: "utf8",
  });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
}

/** The run failed with exactly one line on stderr that matches `pattern`. */
function failsWithOneLine(result: { status: number | null; stderr: string }, pattern: RegExp): void {
  assert.equal(result.status, 1, result.stderr);
  const lines = result.stderr.trim().split("\n");
  assert.equal(lines.length, 1, `one line, got:\n${result.stderr}`);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(result.stderr, /\n\s+at |Traceback/);
}

/** Every file under a folder with its sha256, to see that nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash("sha256").update(readFileSync(p)).digest("hex");
    }
  };
  walk(dir);
  return out;
}

before(() => {
  outside = mkdtempSync(join(tmpdir(), "dlnotes-cli-"));
  inside = join(root, "build", "export-cli-test");
  rmSync(inside, { recursive: true, force: true });
  mkdirSync(inside, { recursive: true });
});

after(() => {
  rmSync(outside, { recursive: true, force: true });
  rmSync(inside, { recursive: true, force: true });
});

test("bad input: one line each, exit 1, nothing written", { timeout: TIMEOUT }, () => {
  const notJson = join(outside, "broken.ipynb");
  writeFileSync(notJson, "{ this is not json");
  const page = join(outside, "page.html");
  failsWithOneLine(run("export-page.ts", [notJson, "--out", page]), /broken\.ipynb is not a notebook: not JSON/);
  failsWithOneLine(
    run("export.ts", ["--out", join(outside, "site1"), notJson]),
    /broken\.ipynb is not a notebook: not JSON/,
  );
  const executed = join(outside, "executed");
  mkdirSync(executed);
  copyFileSync(fixture, join(executed, "broken.ipynb"));
  writeFileSync(join(executed, "broken.ipynb"), "[1, 2");
  failsWithOneLine(
    run("export.ts", [
      "--no-execute",
      "--executed",
      executed,
      "--out",
      join(outside, "site2"),
      join(executed, "broken.ipynb"),
    ]),
    /broken\.ipynb is not a notebook: not JSON/,
  );
  failsWithOneLine(
    run("export-page.ts", [join(outside, "missing.ipynb"), "--out", page]),
    /missing\.ipynb: no such notebook/,
  );
  failsWithOneLine(
    run("export.ts", ["--out", join(outside, "site3"), join(outside, "missing.ipynb")]),
    /missing\.ipynb: no such notebook/,
  );
  failsWithOneLine(run("export-page.ts", [fixture, "--out"]), /--out needs a value/);
  failsWithOneLine(run("export.ts", ["--out"]), /--out needs a value/);
  failsWithOneLine(run("export.ts", ["--outdir", "x"]), /unknown option --outdir/);
  failsWithOneLine(run("export-page.ts", [fixture, "--out", page, "--sanitize=no"]), /unknown option --sanitize/);
  // a Python notebook inside the project: not run in tslab, the kernel named
  const python = join(inside, "python.ipynb");
  const nb = JSON.parse(readFileSync(fixture, "utf8"));
  nb.metadata.kernelspec = { name: "python3", display_name: "Python 3", language: "python" };
  writeFileSync(python, JSON.stringify(nb));
  failsWithOneLine(
    run("export.ts", ["--out", join(inside, "site"), python]),
    /python\.ipynb is a notebook for the "python3" kernel, not tslab/,
  );
  // a notebook outside the project: why it cannot run, and what to do
  const far = join(outside, "far.ipynb");
  copyFileSync(fixture, far);
  failsWithOneLine(
    run("export.ts", ["--out", join(outside, "site4"), far]),
    /far\.ipynb is outside the project .*copy it into notebooks\//,
  );
  for (const made of ["page.html", "site1", "site2", "site3", "site4"])
    assert.equal(existsSync(join(outside, made)), false, `${made} not written`);
  assert.equal(existsSync(join(inside, "site")), false);
});

test(
  "--out: a folder with a user's file is refused; a manifest pointing outside deletes nothing",
  { timeout: TIMEOUT },
  () => {
    const executed = join(outside, "owned-executed");
    mkdirSync(executed);
    copyFileSync(fixture, join(executed, "03-wrap-up.ipynb"));
    const users = join(outside, "users-folder");
    mkdirSync(users);
    writeFileSync(join(users, "index.html"), "my own page");
    failsWithOneLine(
      run("export.ts", ["--no-execute", "--executed", executed, "--out", users, join(executed, "03-wrap-up.ipynb")]),
      /is not empty and was not written by export.*--force/,
    );
    assert.equal(readFileSync(join(users, "index.html"), "utf8"), "my own page");
    const planted = join(outside, "planted", "site");
    mkdirSync(planted, { recursive: true });
    writeFileSync(join(outside, "planted", "victim.txt"), "keep me");
    writeFileSync(
      join(planted, ".dlnotes-export.json"),
      JSON.stringify({ tool: "export", files: { "../victim.txt": "0".repeat(64) } }),
    );
    failsWithOneLine(
      run("export.ts", ["--no-execute", "--executed", executed, "--out", planted, join(executed, "03-wrap-up.ipynb")]),
      /lists "\.\.\/victim\.txt"/,
    );
    assert.equal(readFileSync(join(outside, "planted", "victim.txt"), "utf8"), "keep me");
  },
);

test(
  "a TeX error in one lesson leaves the previous site untouched; names with spaces and # get working links",
  { timeout: TIMEOUT },
  () => {
    const executed = join(outside, "tex-executed");
    mkdirSync(executed);
    const good = join(executed, "04 a #1 b.ipynb");
    copyFileSync(fixture, good);
    const site = join(outside, "tex-site");
    const first = run("export.ts", ["--no-execute", "--no-runner", "--executed", executed, "--out", site, good]);
    assert.equal(first.status, 0, first.stderr);
    const $ = cheerio.load(readFileSync(join(site, "index.html"), "utf8"));
    const href = $(".dlnotes-index-lessons a").attr("href") ?? "";
    assert.equal(href, "04%20a%20%231%20b.html");
    assert.ok(existsSync(join(site, decodeURIComponent(href))), "the index's link leads to the page");
    const page = cheerio.load(readFileSync(join(site, "04 a #1 b.html"), "utf8"));
    assert.equal(page(".dlnotes-lessons a").attr("href"), href, "and so does the sidebar's");
    const before = snapshot(site);

    const bad = join(executed, "05-bad-tex.ipynb");
    const nb = JSON.parse(readFileSync(fixture, "utf8"));
    nb.cells[1].source = "## Broken\n\nA formula with an error: $\\notacommand{x}$ and more.";
    writeFileSync(bad, JSON.stringify(nb));
    const second = run("export.ts", ["--no-execute", "--no-runner", "--executed", executed, "--out", site, good, bad]);
    assert.equal(second.status, 1, second.stderr);
    assert.match(second.stderr.trim().split("\n").at(-1) ?? "", /05-bad-tex\.ipynb: TeX errors in/);
    assert.deepEqual(snapshot(site), before, "the previous site, file for file");
  },
);

test("a handout's JupyterLite site holds the student edition: no solution reaches it", { timeout: TIMEOUT }, () => {
  // the student-edition fixture: one solution cell, whose body must not reach the handout's notebooks
  const course = join(root, "tests", "fixtures", "student", "exercises.ipynb");
  const solution = JSON.parse(readFileSync(course, "utf8")).cells.find((c: { metadata: { tags?: string[] } }) =>
    c.metadata.tags?.includes("solution"),
  );
  const solutionBody = (solution.source as string[]).join("").match(/return [^;]+;/)?.[0];
  assert.ok(solutionBody, "the fixture's solution cell has a return statement to look for");
  const executed = join(outside, "handout-executed");
  mkdirSync(executed);
  copyFileSync(course, join(executed, "exercises.ipynb")); // exported as it is (no outputs), not run
  const out = join(outside, "handout");
  const result = run("export.ts", [
    "--no-execute",
    "--executed",
    executed,
    "--no-solutions",
    "--no-runner",
    "--lite",
    "--out",
    out,
    course,
  ]);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /1 notebooks, student edition/);
  const handedOut = readFileSync(join(out, "lab", "files", "exercises.ipynb"), "utf8");
  assert.ok(!handedOut.includes(solutionBody), `the JupyterLite notebook still holds the solution: ${solutionBody}`);
  assert.match(handedOut, /todo\(\\"mySigmoid\\"\)/, "the solution became the student edition's stub");
  assert.ok(!readFileSync(join(out, "exercises.html"), "utf8").includes(solutionBody), "the page left it out too");
  assert.ok(!readdirSync(tmpdir()).some((f) => f.startsWith("dlnotes-handout-")), "the temporary edition is removed");
});
