#!/usr/bin/env node
// One notebook, as it was saved (outputs included, nothing re-run), to ONE self-contained course-notes page: the
// same page `npm run export` writes into site/, with plotly.js, the CSS and the plot script inlined and the site
// navigation dropped (export/lib/standalone.mjs). Used by the JupyterLab "Save and Export Notebook As > Dlnotes"
// exporter (export/jupyter), which hands it the notebook the server read from disk.
//
// Usage: node scripts/export-standalone.mjs NOTEBOOK.ipynb --out PAGE.html
//
// The conversion itself is scripts/export.mjs, run as a child process with --no-execute on a copy of the notebook
// in a temporary folder (so the project's build/ and site/ are not touched); its messages go to stderr, naming
// NOTEBOOK rather than the copy.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { standalonePage } from "../export/lib/standalone.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function fail(message) {
  console.error(`export-standalone: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  let notebook;
  let out;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--out") out = argv[++i];
    else if (a.startsWith("--")) fail(`unknown option ${a}`);
    else if (notebook) fail(`one notebook at a time (got ${notebook} and ${a})`);
    else notebook = a;
  }
  if (!notebook || !out) fail("usage: node scripts/export-standalone.mjs NOTEBOOK.ipynb --out PAGE.html");
  if (!notebook.endsWith(".ipynb")) fail(`${notebook} is not a .ipynb notebook`);
  if (!existsSync(notebook)) fail(`${notebook} does not exist`);
  return { notebook: resolve(notebook), out: resolve(out) };
}

function main() {
  const { notebook, out } = parseArgs(process.argv.slice(2));
  try {
    JSON.parse(readFileSync(notebook, "utf8"));
  } catch (error) {
    fail(`${notebook} is not a notebook (not JSON: ${error.message})`);
  }
  const work = mkdtempSync(join(tmpdir(), "dlnotes-standalone-"));
  try {
    const name = basename(notebook, ".ipynb");
    const executed = join(work, "executed");
    const site = join(work, "site");
    mkdirSync(executed);
    // export.mjs reads <executed>/<name>.ipynb and adds the page title to it: work on a copy.
    const copy = join(executed, `${name}.ipynb`);
    copyFileSync(notebook, copy);
    const r = spawnSync(process.execPath, [join(root, "scripts", "export.mjs"), "--no-execute", "--no-runner", "--executed", executed, "--out", site, copy], {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    // export.mjs names the copy in its messages (e.g. a TeX error): name the notebook we were given instead.
    const said = `${r.stdout ?? ""}${r.stderr ?? ""}`.replaceAll(relative(root, copy), notebook).replaceAll(copy, notebook);
    if (said) process.stderr.write(said);
    if (r.error) throw new Error(`could not run scripts/export.mjs: ${r.error.message}`);
    if (r.status !== 0) throw new Error(`scripts/export.mjs failed (exit ${r.status}); see above`);
    const { html, inlined } = standalonePage(readFileSync(join(site, `${name}.html`), "utf8"), site);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, html);
    console.error(`export-standalone: ${out} ${(Buffer.byteLength(html) / 1e6).toFixed(2)} MB, one file (inlined ${inlined.join(", ")})`);
  } catch (error) {
    // not fail(): process.exit would skip the clean-up below
    console.error(`export-standalone: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
