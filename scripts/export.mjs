#!/usr/bin/env node
// Course notes: executes the notebooks and writes one offline HTML page per notebook plus an index.
//
// Usage: node scripts/export.mjs [--out DIR] [--executed DIR] [--no-execute] [--no-solutions] [--no-runner] [NOTEBOOK.ipynb ...]
//   (`npm run export` = build + this with the defaults)
//   NOTEBOOK...   default: notebooks/*.ipynb; reading order = file-name order (NN-title.ipynb)
//   --out DIR     where the pages go (default site/)
//   --executed DIR where executed notebooks go (default build/executed)
//   --no-execute  convert the notebooks already in --executed (e.g. after a manual run)
//   --no-solutions a handout: code cells tagged `solution` (and their outputs) are left out, and every page
//                 says so; without it they are folded away behind "Show solution" (<details class="solution">)
//   --no-runner   pages without runnable cells (export/runner is not installed); the one-file download of the
//                 Export menu uses it, since a single file cannot bring the runner's lazily loaded worker along
//
// Steps: 1. scripts/nbrun.py --runs 1 --save <executed> runs every notebook in the tslab kernel (fails on the
// first error, printing it). 2. The title of each page is the notebook's first Markdown heading; the copy each
// page is made from (<executed>/pages/, or pages-no-solutions/) carries it, minus the solution cells in a
// handout. 3. nbconvert with export/templates/dlnotes turns each into <out>/<name>.html: Plotly outputs become
// interactive plots, SVG/PNG outputs are embedded, solution cells are folded. 4. The course around the pages:
// readable heading anchors (export/lib/anchors.mjs), the sidebar with lessons, sections and search and the
// previous/next links (export/lib/course-nav.mjs), the search documents (export/lib/search-index.mjs).
// 5. TeX is typeset right here by MathJax 3 in Node (export/lib/typeset-math.mjs:
// SVG formulas in the page, no MathJax runtime, no fonts); a TeX error stops the export. 6. plotly.js is copied
// from its npm package into <out>/assets/, with nbconvert's lab CSS trimmed to the rules the pages can use
// (export/lib/trim-css.mjs); everything loads by relative URLs: works from file:// and any static server,
// nothing from a CDN; each page with what it loads stays under 6 MB. 7. <out>/index.html lists the pages;
// <out>/manifest.json records each page's title, number of Plotly outputs and formulas (the browser test
// checks the pages against it). 8. If export/runner/install.mjs exists (runnable cells, issue 12), its
// installRunner({ siteDir, pages, solutions }) gets the finished pages and may rewrite them.
// Python: the project's one resolver (scripts/lib/python.mjs): $DLNOTES_PYTHON, .venv, the active conda env.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as cheerio from "cheerio";
import { rewriteLinks, slugHeadings } from "../export/lib/anchors.mjs";
import { addCourseNav, pageSections } from "../export/lib/course-nav.mjs";
import { indexPage } from "../export/lib/index-page.mjs";
import { pageSearchDocs, searchIndexScript } from "../export/lib/search-index.mjs";
import { typesetPage } from "../export/lib/typeset-math.mjs";
import { trimCss } from "../export/lib/trim-css.mjs";
import { projectPython } from "./lib/python.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "package.json"));

function parseArgs(argv) {
  const opts = { out: join(root, "site"), executed: join(root, "build", "executed"), execute: true, solutions: true, runner: true, notebooks: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--out") opts.out = resolve(argv[++i]);
    else if (a === "--executed") opts.executed = resolve(argv[++i]);
    else if (a === "--no-execute") opts.execute = false;
    else if (a === "--no-solutions") opts.solutions = false;
    else if (a === "--no-runner") opts.runner = false;
    else if (a.startsWith("--")) fail(`unknown option ${a}`);
    else opts.notebooks.push(resolve(a));
  }
  if (opts.notebooks.length === 0) {
    const dir = join(root, "notebooks");
    const found = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort() : [];
    if (found.length === 0) fail("no notebooks in notebooks/ (nothing to export)");
    opts.notebooks = found.map((f) => join(dir, f));
  }
  return opts;
}

function fail(message) {
  console.error(`export: ${message}`);
  process.exit(1);
}

function findPython() {
  try {
    return projectPython(["nbconvert", "nbclient"]);
  } catch (error) {
    fail(error.message);
  }
}

/** The folder of nbconvert's own lab template CSS (Debian: /usr/share/jupyter/nbconvert/templates/lab/static). */
function labTemplateStatic(python) {
  const code = [
    "import os, jupyter_core.paths as p",
    "hits = [os.path.join(d, 'lab', 'static') for d in p.jupyter_path('nbconvert', 'templates') if os.path.exists(os.path.join(d, 'lab', 'static', 'index.css'))]",
    "print(hits[0] if hits else '')",
  ].join("\n");
  const dir = execFileSync(python, ["-c", code]).toString().trim();
  if (!dir) fail("nbconvert's lab template (lab/static/index.css) not found");
  return dir;
}

/** The first Markdown heading of a notebook, as plain text (markup removed). */
function notebookTitle(nb, fallback) {
  for (const cell of nb.cells ?? []) {
    if (cell.cell_type !== "markdown") continue;
    const source = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
    for (const line of source.split("\n")) {
      const m = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
      if (m) return m[1].replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/[*_`]/g, "").trim();
    }
  }
  return fallback;
}

const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** How many outputs of the notebook the template turns into Plotly plots. */
function countPlotlyOutputs(nb) {
  let n = 0;
  for (const cell of nb.cells ?? []) for (const out of cell.outputs ?? []) if (out.data && PLOTLY_MIME in out.data) n++;
  return n;
}

/** How many outputs the page shows as an image (SVG, PNG or JPEG, when no Plotly figure comes first). */
function countImageOutputs(nb) {
  let n = 0;
  for (const cell of nb.cells ?? []) {
    for (const out of cell.outputs ?? []) {
      const data = out.data ?? {};
      if (!(PLOTLY_MIME in data) && ("image/svg+xml" in data || "image/png" in data || "image/jpeg" in data)) n++;
    }
  }
  return n;
}

/** Cells tagged `solution` (Jupyter cell tags, metadata.tags), which a handout leaves out. */
function isSolution(cell) {
  return Array.isArray(cell.metadata?.tags) && cell.metadata.tags.includes("solution");
}

function sizeMB(file) {
  return (statSync(file).size / 1e6).toFixed(2);
}

/** Bytes of a page plus every local file it links (scripts, stylesheets, images), each counted once. */
function pageWeight(dir, page) {
  const html = readFileSync(join(dir, page), "utf8");
  const files = new Set();
  for (const m of html.matchAll(/<(?:script|link|img)\b[^>]*?\b(?:src|href)="([^"#?]+)"/g)) {
    if (!/^[a-z]+:/i.test(m[1])) files.add(resolve(dir, decodeURI(m[1])));
  }
  let bytes = Buffer.byteLength(html);
  for (const f of files) bytes += existsSync(f) ? statSync(f).size : 0;
  return bytes;
}

/**
 * Lets the runnable-cells add-on (issue 12) work on the finished pages, if it is installed: export/runner/install.mjs
 * exports installRunner({ siteDir, pages: [{ html, notebook, name }], solutions }), which may rewrite the pages
 * and copy assets. `notebook` is the executed notebook each page was made from (solutions removed in a handout).
 */
async function installRunnerIfPresent(siteDir, pages, solutions) {
  const hook = join(root, "export", "runner", "install.mjs");
  if (!existsSync(hook)) return;
  const { installRunner } = await import(pathToFileURL(hook).href);
  if (typeof installRunner !== "function") fail(`${relative(root, hook)} does not export a function installRunner`);
  const list = pages.map((p) => ({ html: join(siteDir, p.page), notebook: join(root, p.executed), name: basename(p.page, ".html") }));
  await installRunner({ siteDir, pages: list, solutions });
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const python = findPython();
  mkdirSync(opts.executed, { recursive: true });
  mkdirSync(join(opts.out, "assets", "lab"), { recursive: true });

  if (opts.execute) {
    const runner = join(root, "scripts", "nbrun.py");
    const r = spawnSync(python, [runner, "--runs", "1", "--save", opts.executed, ...opts.notebooks], { stdio: "inherit" });
    if (r.status !== 0) fail(`running the notebooks failed (exit ${r.status}); see above`);
  }

  // Each page is made from a copy of its executed notebook: titled, and without solutions in a handout. The
  // executed notebooks themselves stay as nbrun.py wrote them (a later --no-execute export starts from them).
  const sourceDir = join(opts.executed, opts.solutions ? "pages" : "pages-no-solutions");
  mkdirSync(sourceDir, { recursive: true });
  const pages = [];
  const sourceFiles = [];
  for (const source of opts.notebooks) {
    const name = basename(source, ".ipynb");
    const executed = join(opts.executed, `${name}.ipynb`);
    if (!existsSync(executed)) fail(`${relative(root, executed)} is missing (run without --no-execute)`);
    const nb = JSON.parse(readFileSync(executed, "utf8"));
    const title = notebookTitle(nb, name);
    // nbconvert's lab template takes the page <title> from metadata.title.
    nb.metadata = { ...nb.metadata, title };
    if (!opts.solutions) nb.cells = nb.cells.filter((cell) => !isSolution(cell));
    const pageSource = join(sourceDir, `${name}.ipynb`);
    writeFileSync(pageSource, JSON.stringify(nb, null, 1));
    sourceFiles.push(pageSource);
    pages.push({ notebook: relative(root, source), executed: relative(root, pageSource), page: `${name}.html`, title, plotlyOutputs: countPlotlyOutputs(nb), imageOutputs: countImageOutputs(nb), solutions: nb.cells.filter(isSolution).length });
  }

  const exportDir = join(root, "export");
  execFileSync(
    python,
    [
      "-m", "nbconvert", "--to", "html",
      "--config", join(exportDir, "nbconvert_config.py"),
      `--TemplateExporter.extra_template_basedirs=${join(exportDir, "templates")}`,
      "--template", "dlnotes",
      "--output-dir", opts.out,
      "--log-level", "WARN",
      ...sourceFiles,
    ],
    { stdio: "inherit" },
  );

  // The course around the pages: anchors first on every page (links between lessons need all of them), then
  // per page links, search documents, sidebar and pager; TeX last, so the sidebar's section titles get typeset.
  const lessons = pages.map(({ page, title }) => ({ page, title }));
  const docs = pages.map((p) => cheerio.load(readFileSync(join(opts.out, p.page), "utf8")));
  const renamedByPage = new Map(pages.map((p, i) => [p.page, slugHeadings(docs[i])]));
  const htmls = [];
  const searchDocs = [];
  pages.forEach((p, i) => {
    const $ = docs[i];
    rewriteLinks($, p.page, renamedByPage);
    searchDocs.push(...pageSearchDocs($, p));
    addCourseNav($, { lessons, current: i, sections: pageSections($), solutions: opts.solutions });
    const { html, formulas, errors } = typesetPage($.html());
    if (errors.length) fail(`${p.notebook}: TeX errors in ${errors.map((e) => JSON.stringify(e)).join(", ")}`);
    writeFileSync(join(opts.out, p.page), html);
    p.formulas = formulas;
    htmls.push(html);
  });

  const assets = join(opts.out, "assets");
  copyFileSync(require.resolve("plotly.js-dist-min/plotly.min.js"), join(assets, "plotly.min.js"));
  // MiniSearch's browser build (UMD: sets window.MiniSearch), for the search box.
  copyFileSync(join(dirname(require.resolve("minisearch")), "..", "umd", "index.js"), join(assets, "minisearch.js"));
  writeFileSync(join(assets, "search-index.js"), searchIndexScript(searchDocs));
  rmSync(join(assets, "mathjax"), { recursive: true, force: true }); // the runtime earlier exports copied
  for (const f of readdirSync(join(exportDir, "assets"))) copyFileSync(join(exportDir, "assets", f), join(assets, f));
  const labStatic = labTemplateStatic(python);
  for (const f of ["index.css", "theme-light.css"]) writeFileSync(join(assets, "lab", f), await trimCss(readFileSync(join(labStatic, f), "utf8"), htmls));

  // Pages of notebooks that no longer exist would linger in the index's folder: remove the ones we made before.
  const manifestFile = join(opts.out, "manifest.json");
  if (existsSync(manifestFile)) {
    for (const old of JSON.parse(readFileSync(manifestFile, "utf8")).pages ?? []) {
      if (!pages.some((p) => p.page === old.page)) rmSync(join(opts.out, old.page), { force: true });
    }
  }
  const index = typesetPage(indexPage(lessons, { solutions: opts.solutions }));
  if (index.errors.length) fail(`index.html: TeX errors in lesson titles ${index.errors.map((e) => JSON.stringify(e)).join(", ")}`);
  writeFileSync(join(opts.out, "index.html"), index.html);
  writeFileSync(manifestFile, JSON.stringify({ solutions: opts.solutions, pages }, null, 2) + "\n");

  if (opts.runner) await installRunnerIfPresent(opts.out, pages, opts.solutions);

  const shared = ["plotly.min.js", join("lab", "index.css"), join("lab", "theme-light.css"), "minisearch.js", "search-index.js"].map((f) => `${f} ${sizeMB(join(assets, f))} MB`).join(", ");
  for (const p of pages) {
    const total = (pageWeight(opts.out, p.page) / 1e6).toFixed(2);
    console.log(`export: ${p.page}  "${p.title}"  ${p.plotlyOutputs} plot(s), ${p.formulas} formula(s)  ${sizeMB(join(opts.out, p.page))} MB, ${total} MB with what it loads`);
  }
  const edition = opts.solutions ? "solutions folded" : "no solutions (handout)";
  console.log(`export: ${pages.length} page(s), ${edition}, ${searchDocs.length} search sections; shared assets ${shared} (the last two load when the search box is first used); open ${relative(process.cwd(), join(opts.out, "index.html")) || "index.html"}`);
}

await main();
