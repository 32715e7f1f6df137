/**
 * Course notes from JupyterLab's own Export menu (issue 10, item 5), through the real server and the real UI:
 * the project's `jupyter lab` (127.0.0.1, random free port, no token) serves an executed copy of the plot fixture
 * inside the project (build/export-jupyter/server/), and
 * - GET /api/nbconvert lists the exporter `dlnotes` (export/jupyter, installed by `npm run setup`);
 * - GET /nbconvert/dlnotes/plots.ipynb?download=true with sanitize_html=true and =false gives the same page, a
 *   download named plots.html, which renders in headless Chromium from file:// with every other request blocked:
 *   one drawn Plotly plot per Plotly output, every formula typeset as SVG, no console error, no second file loaded,
 *   and the same text as the page `npm run export` writes for that notebook (site navigation aside);
 * - an export that fails (a TeX error) answers 500 with the export's own message, and the exporter's lookups of
 *   the project and of Node fail with messages that say what to do;
 * - in JupyterLab, File > Save and Export Notebook As lists "Dlnotes", and choosing it downloads that same page
 *   without asking the "Sanitize HTML output" question (build/screenshots/lab-export-menu.png).
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, cpSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, Browser, Download, Page } from "playwright-core";
import { chromiumPath, CHROMIUM_ARGS } from "../scripts/lib/chromium.mjs";
import { projectCommand } from "../scripts/lib/python.mjs";
import { jupyterPython } from "./fixtures/jupyter";

const root = resolve(__dirname, "..");
const work = join(root, "build", "export-jupyter");
const serverRoot = join(work, "server");
const screenshots = join(root, "build", "screenshots");
const EXPORTER = "dlnotes";
const PLOTLY_MIME = "application/vnd.plotly.v1+json";
// Each export runs nbconvert and MathJax in child processes on a machine shared with other jobs.
const TIMEOUT = 600_000;

interface SitePage {
  page: string;
  plotlyOutputs: number;
  formulas: number;
  title: string;
}

let server: { baseUrl: string; child: ChildProcess; log: () => string } | undefined;
let browser: Browser;
let sitePage: SitePage;
const downloads = new Map<string, string>();

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolvePort(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** The installed exporter must be this checkout's: otherwise the test would check an older copy. */
function assertInstalledExporterIsCurrent(python: string): void {
  let where: string;
  try {
    where = execFileSync(python, ["-c", "import dlnotes_export, os; print(os.path.dirname(dlnotes_export.__file__))"], { encoding: "utf8", stdio: "pipe" }).trim();
  } catch {
    throw new Error(`the course-notes exporter (export/jupyter) is not installed in ${python}: run \`npm run setup\``);
  }
  const sourceDir = join(root, "export", "jupyter", "dlnotes_export");
  for (const file of readdirSync(sourceDir).filter((f) => f.endsWith(".py"))) {
    const installed = readFileSync(join(where, file), "utf8");
    assert.equal(installed, readFileSync(join(sourceDir, file), "utf8"), `${where}/${file} differs from export/jupyter: run \`npm run setup\``);
  }
}

/** `jupyter lab` of the project environment on serverRoot; its config, settings and runtime files stay in work/. */
async function startLab(): Promise<NonNullable<typeof server>> {
  const jupyter = projectCommand("jupyter");
  if (!jupyter) throw new Error("no project Jupyter found: run `npm run setup` (makes .venv), or set DLNOTES_PYTHON");
  const port = await freePort();
  const dirs = Object.fromEntries(
    ["JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR"].map((k) => [k, join(work, k.toLowerCase())]),
  );
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  const args = ["lab", "--no-browser", `--ServerApp.port=${port}`, "--ServerApp.port_retries=0", "--ServerApp.ip=127.0.0.1", `--ServerApp.root_dir=${serverRoot}`,
    "--IdentityProvider.token=", "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"];
  if (process.getuid?.() === 0) args.push("--allow-root");
  const child = spawn(jupyter, args, { cwd: serverRoot, env: { ...process.env, ...dirs }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`jupyter lab exited (${child.exitCode}):\n${output}`);
    if (await fetch(`${baseUrl}/api/status`).then((r) => r.ok, () => false)) return { baseUrl, child, log: () => output };
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill("SIGKILL");
  throw new Error(`jupyter lab did not answer within 120 s:\n${output}`);
}

async function stopLab(): Promise<void> {
  if (!server || server.child.exitCode !== null) return;
  const exited = new Promise((r) => server!.child.once("exit", r));
  await fetch(`${server.baseUrl}/api/shutdown`, { method: "POST" }).catch(() => server!.child.kill("SIGTERM"));
  const kill = setTimeout(() => server!.child.kill("SIGKILL"), 20_000);
  await exited;
  clearTimeout(kill);
}

before(async () => {
  assertInstalledExporterIsCurrent(jupyterPython());
  rmSync(work, { recursive: true, force: true });
  mkdirSync(serverRoot, { recursive: true });
  mkdirSync(screenshots, { recursive: true });
  // The reference: exactly what `npm run export` does, for the fixture (it also executes it in tslab), less the
  // runnable-cells runner, which a one-file download leaves out (its worker is a separate, lazily loaded file).
  execFileSync(process.execPath, [join(root, "scripts", "export.mjs"), "--no-runner", "--out", join(work, "site"), "--executed", join(work, "executed"),
    join(root, "tests", "fixtures", "plots", "plots.ipynb")], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
  sitePage = (JSON.parse(readFileSync(join(work, "site", "manifest.json"), "utf8")) as { pages: SitePage[] }).pages[0];
  copyFileSync(join(work, "executed", "plots.ipynb"), join(serverRoot, "plots.ipynb"));
  // A notebook whose export must fail: a TeX macro that does not exist.
  const bad = JSON.parse(readFileSync(join(serverRoot, "plots.ipynb"), "utf8"));
  bad.cells = [{ cell_type: "markdown", id: "broken", metadata: {}, source: "# Broken\n\nNo such macro: $\\nosuchmacro{x}$" }];
  writeFileSync(join(serverRoot, "broken.ipynb"), JSON.stringify(bad));
  server = await startLab();
  browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await stopLab();
});

test("GET /api/nbconvert lists the dlnotes exporter", async () => {
  const formats = (await (await fetch(`${server!.baseUrl}/api/nbconvert`)).json()) as Record<string, { output_mimetype: string }>;
  assert.deepEqual(formats[EXPORTER], { output_mimetype: "text/html" }, `exporters: ${Object.keys(formats).join(", ")}`);
});

test("GET /nbconvert/dlnotes/<path>?download=true: one page, whatever sanitize_html says", { timeout: TIMEOUT }, async () => {
  for (const sanitize of ["true", "false"]) {
    const response = await fetch(`${server!.baseUrl}/nbconvert/${EXPORTER}/plots.ipynb?download=true&sanitize_html=${sanitize}`);
    const body = await response.text();
    assert.equal(response.status, 200, `sanitize_html=${sanitize}: ${body.slice(0, 2000)}\n${server!.log().slice(-3000)}`);
    assert.match(response.headers.get("content-type") ?? "", /^text\/html/);
    assert.match(response.headers.get("content-disposition") ?? "", /^attachment; filename\*=utf-8''plots\.html$/);
    downloads.set(sanitize, body);
    writeFileSync(join(work, `download-sanitize-${sanitize}.html`), body);
  }
  assert.ok(downloads.get("true") === downloads.get("false"), "the page differs between sanitize_html=true and =false");
});

interface Rendered {
  plots: number;
  emptyPlots: number;
  formulas: number;
  drawnFormulas: number;
  rawTex: string[];
  text: string;
  title: string;
  consoleErrors: string[];
  blocked: string[];
  files: string[];
}

/** Opens a page from file:// with every other request blocked and reads what it shows. */
async function render(file: string, screenshot?: string): Promise<Rendered> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const consoleErrors: string[] = [];
  const blocked: string[] = [];
  const files: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file://")) {
      files.push(url);
      return route.continue();
    }
    blocked.push(url);
    return route.abort();
  });
  try {
    const page: Page = await context.newPage();
    page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
    page.on("pageerror", (e) => consoleErrors.push(`uncaught: ${e.message}`));
    await page.goto(pathToFileURL(file).href, { waitUntil: "load", timeout: TIMEOUT });
    await page.waitForFunction((n) => document.querySelectorAll(".js-plotly-plot .main-svg").length >= n, sitePage.plotlyOutputs, { timeout: 120_000 })
      .catch(() => undefined);
    if (screenshot) await page.screenshot({ path: join(screenshots, screenshot), fullPage: true });
    const seen = await page.evaluate(() => {
      document.querySelectorAll(".dlnotes-nav").forEach((e) => e.remove()); // site navigation: not in a download
      const raw: string[] = [];
      for (const cell of Array.from(document.querySelectorAll(".jp-MarkdownOutput"))) {
        const clone = cell.cloneNode(true) as HTMLElement;
        clone.querySelectorAll("mjx-container, code, pre").forEach((e) => e.remove());
        raw.push(...((clone.textContent ?? "").match(/\$[^$\n]+\$|\\\(|\\\[/g) ?? []));
      }
      return {
        plots: document.querySelectorAll(".js-plotly-plot").length,
        emptyPlots: Array.from(document.querySelectorAll(".js-plotly-plot")).filter((e) => !e.querySelector(".main-svg")).length,
        formulas: document.querySelectorAll("mjx-container").length,
        drawnFormulas: Array.from(document.querySelectorAll('mjx-container[jax="SVG"] > svg')).filter((e) => e.getBoundingClientRect().width > 0).length,
        rawTex: raw,
        text: document.body.innerText,
        title: document.title,
      };
    });
    return { ...seen, consoleErrors, blocked, files };
  } finally {
    await context.close();
  }
}

test("the downloaded page renders offline from one file, the same as the npm run export page", { timeout: TIMEOUT }, async (t) => {
  assert.ok(downloads.size === 2, "needs the downloads of the previous test");
  const expected = await render(join(work, "site", sitePage.page));
  const executed = JSON.parse(readFileSync(join(work, "executed", "plots.ipynb"), "utf8")) as { cells: { outputs?: { data?: object }[] }[] };
  const plotlyOutputs = executed.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.data && PLOTLY_MIME in o.data).length;
  assert.ok(plotlyOutputs > 0 && sitePage.formulas > 0, "the fixture has plots and formulas");
  for (const sanitize of downloads.keys()) {
    await t.test(`sanitize_html=${sanitize}`, async () => {
      const file = join(work, `download-sanitize-${sanitize}.html`);
      const seen = await render(file, `lab-export-dlnotes-sanitize-${sanitize}.png`);
      assert.deepEqual(seen.consoleErrors, [], "console errors");
      assert.deepEqual(seen.blocked, [], "requests that are not file://");
      assert.deepEqual(seen.files, [pathToFileURL(file).href], "files the page loaded (a download is one file)");
      assert.equal(seen.plots, plotlyOutputs, "rendered Plotly plots = Plotly outputs of the notebook");
      assert.equal(seen.emptyPlots, 0, "plots without drawn SVG");
      assert.equal(seen.formulas, sitePage.formulas, "typeset formulas = those of the npm run export page");
      assert.equal(seen.drawnFormulas, seen.formulas, "formulas drawn as visible SVG");
      assert.deepEqual(seen.rawTex, [], "raw TeX left on the page");
      assert.equal(seen.title, sitePage.title);
      assert.equal(seen.text, expected.text, "the text shown (cells, outputs, plot labels) = the npm run export page's");
      t.diagnostic(`sanitize_html=${sanitize}: ${(Buffer.byteLength(downloads.get(sanitize)!) / 1e6).toFixed(2)} MB, ${seen.plots} plots, ${seen.formulas} formulas`);
    });
  }
});

test("a failing export answers 500 with the export's own message", { timeout: TIMEOUT }, async () => {
  const response = await fetch(`${server!.baseUrl}/nbconvert/${EXPORTER}/broken.ipynb?download=true`);
  const body = await response.text();
  assert.equal(response.status, 500);
  assert.match(body, /dlnotes course-notes export failed/);
  assert.match(body, /TeX errors/);
});

test("the exporter says what to do when it cannot find the project or Node", async () => {
  // The package copied outside the project: the lookup from its own folder must not find the checkout.
  const outside = mkdtempSync(join(tmpdir(), "dlnotes-exporter-"));
  try {
    cpSync(join(root, "export", "jupyter", "dlnotes_export"), join(outside, "dlnotes_export"), { recursive: true });
    const code = `
import json
from dlnotes_export.locate import DlnotesExportError, find_project, find_node
said = {}
for key, call in [("no_project", lambda: find_project("", ${JSON.stringify(outside)}, "no-such-kernel")),
                  ("bad_project_dir", lambda: find_project(${JSON.stringify(outside)})),
                  ("bad_node", lambda: find_node("/no/such/node")),
                  ("no_node", lambda: find_node("", "no-such-kernel"))]:
    try:
        said[key] = "found " + str(call())
    except DlnotesExportError as error:
        said[key] = str(error)
print(json.dumps(said))`;
    const python = jupyterPython();
    const result = await new Promise<string>((resolveRun, reject) => {
      const child = spawn(python, ["-c", code], { cwd: outside, env: { ...process.env, PYTHONPATH: outside, PATH: "/nonexistent" } });
      let out = "";
      let err = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (err += d));
      child.on("exit", (status) => (status === 0 ? resolveRun(out) : reject(new Error(err))));
    });
    const said = JSON.parse(result) as Record<string, string>;
    assert.match(said.no_project, /the dlnotes project was not found: no package.json named "dlnotes" in .* set c\.DlnotesExporter\.project_dir/);
    assert.match(said.bad_project_dir, /DlnotesExporter\.project_dir = .* is not the dlnotes project/);
    assert.match(said.bad_node, /DlnotesExporter\.node = \/no\/such\/node is not an executable/);
    assert.match(said.no_node, /Node\.js was not found: no `node` on the Jupyter server's PATH .*npm run lab/);
  } finally {
    rmSync(outside, { recursive: true, force: true });
  }
});

test("JupyterLab: File > Save and Export Notebook As lists Dlnotes, which downloads the same page", { timeout: TIMEOUT }, async () => {
  assert.ok(downloads.has("false"), "needs the downloads of the earlier test");
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  try {
    // JupyterLab opens the export in a new tab (window.open); the download starts there.
    const downloaded = new Promise<Download>((resolveDownload) => context.on("page", (p) => p.on("download", resolveDownload)));
    const page = await context.newPage();
    await page.goto(`${server!.baseUrl}/lab/tree/plots.ipynb`, { timeout: TIMEOUT });
    await page.locator(".jp-Notebook .jp-Cell").first().waitFor({ timeout: TIMEOUT });
    await page.locator(".lm-MenuBar-item", { hasText: /^File$/ }).click();
    await page.locator(".lm-Menu-item", { hasText: "Save and Export Notebook As" }).click();
    const entry = page.locator(".lm-Menu-item", { hasText: /^Dlnotes$/ });
    await entry.waitFor({ timeout: 60_000 });
    const labels = await page.locator(".lm-Menu").last().locator(".lm-Menu-itemLabel").allTextContents();
    await page.screenshot({ path: join(screenshots, "lab-export-menu.png") });
    assert.ok(labels.includes("Dlnotes"), `export menu: ${labels.join(", ")}`);
    await entry.click();
    const download = await downloaded;
    const saved = join(work, "download-lab-menu.html");
    await download.saveAs(saved);
    assert.equal(download.suggestedFilename(), "plots.html");
    assert.equal(await page.locator(".jp-Dialog").count(), 0, "a dialog (the sanitize question) was shown");
    assert.ok(readFileSync(saved, "utf8") === downloads.get("false"), "the menu's download differs from GET /nbconvert/dlnotes/plots.ipynb");
  } finally {
    await context.close();
  }
});
