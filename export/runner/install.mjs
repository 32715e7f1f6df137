// Installs the runnable-cells runner into exported course notes (issue 12). scripts/export.ts (export/pipeline/runner.ts) calls
// `installRunner({ siteDir, pages })` after writing the pages; `pages` = [{ html, notebook, name }] (absolute
// paths). It copies build/runner/* (made by `npm run build:browser`) into <siteDir>/assets/runner/ and gives
// each page the one line at its top saying that its code can be run (the runner adds Run all / Reset / Stop
// to that line) and the small runner script. Running it again replaces what it added before.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const FILES = ["runner.js", "runner-editor.js", "runner-worker.js"];
const MARK = "dlnotes-runner-bar";

const BAR =
  `<div class="${MARK}" role="region" aria-label="Run the code"><span>The TypeScript code on this page can be run: edit a cell, press ▶ Run (Shift+Enter); ` +
  `it runs in your browser, offline.</span></div>`;

/** Adds the runner to one page's HTML, replacing what an earlier install added (so a re-install updates it). */
export function addRunner(html, scriptUrl) {
  if (html.includes(MARK)) {
    html = html
      .replace(new RegExp(`\\n?<div class="${MARK}"[^]*?</span></div>`), "")
      .replace(/<script src="[^"]*runner\.js" defer><\/script>\n?/, "");
  }
  const script = `<script src="${scriptUrl}" defer></script>`;
  const withScript = html.replace(/<\/head>/i, `${script}\n</head>`);
  const withBar = withScript.replace(/<body([^>]*)>/i, (m) => `${m}\n${BAR}`);
  if (withScript === html || withBar === withScript) throw new Error("installRunner: page has no <head> or <body>");
  return withBar;
}

/** The newest modification time (ms) of the files below `dir` (0 when it does not exist). */
function newestMtime(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds the runner (`scripts/build-browser.ts`) when build/runner is missing or older than the sources it is
 * made from, so that `node --import tsx scripts/export.ts` alone never ships a stale or missing runner.
 */
function ensureBuilt(buildDir) {
  const built = FILES.map((f) => join(buildDir, f));
  const sources = [join(root, "src"), join(root, "export", "runner", "src")];
  const newestSource = Math.max(
    ...sources.map(newestMtime),
    statSync(join(root, "scripts", "build-browser.ts")).mtimeMs,
  );
  if (built.every((f) => existsSync(f) && statSync(f).mtimeMs >= newestSource)) return;
  const r = spawnSync(process.execPath, ["--import", "tsx", join(root, "scripts", "build-browser.ts")], {
    cwd: root,
    stdio: "inherit",
  });
  if (r.status !== 0)
    throw new Error(`installRunner: scripts/build-browser.ts failed (exit ${r.status ?? r.error?.message})`);
}

/**
 * Copies the runner's assets into `siteDir` and adds it to every page (building the runner first if needed).
 * @param {{ siteDir: string, pages: { html: string, notebook?: string, name?: string }[], buildDir?: string }} options
 */
export function installRunner({ siteDir, pages, buildDir = join(root, "build", "runner") }) {
  if (buildDir === join(root, "build", "runner")) ensureBuilt(buildDir);
  for (const f of FILES) {
    if (!existsSync(join(buildDir, f)))
      throw new Error(`installRunner: ${relative(root, join(buildDir, f))} is missing: run \`npm run build:browser\``);
  }
  const target = join(siteDir, "assets", "runner");
  mkdirSync(target, { recursive: true });
  for (const f of FILES) copyFileSync(join(buildDir, f), join(target, f));
  for (const page of pages) {
    const url = relative(dirname(page.html), join(target, "runner.js")).split("\\").join("/");
    writeFileSync(page.html, addRunner(readFileSync(page.html, "utf8"), url));
  }
  return { assets: target, pages: pages.length };
}
