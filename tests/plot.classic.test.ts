/**
 * The classic Notebook (Debian's notebook 6), the one Jupyter front end that runs on these machines, in
 * headless Chromium with every request outside the local server blocked:
 * - a notebook saved with outputs and opened untrusted shows each plot's static HTML summary (scripts are
 *   stripped, and classic Notebook ignores the Plotly mime type);
 * - the same cells run in the browser (outputs of this session are trusted) become interactive plots, their
 *   script loading plotly.min.js from the notebook's folder through the server's /files/ route.
 * Screenshots: build/screenshots/classic-*.png.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { chromium, Browser, Page } from "playwright-core";

const root = resolve(__dirname, "..");
const serverRoot = join(root, "build", "classic");
// Three levels below the project, like tests/fixtures/plots, so the fixture's "../../../dist" import works.
const folder = join(serverRoot, "plots");
const fixture = join(root, "tests", "fixtures", "plots", "plots.ipynb");
const token = randomBytes(12).toString("hex");
const port = 20000 + Math.floor(Math.random() * 20000);
const base = `http://127.0.0.1:${port}`;
const TIMEOUT = 180_000;

let server: ChildProcess | undefined;
let browser: Browser;
let expectedPlots = 0;

before(async () => {
  rmSync(serverRoot, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  copyFileSync(fixture, join(folder, "fresh.ipynb"));
  // A copy executed headless (nbclient, like `npm run export`): its outputs are untrusted when opened.
  execFileSync("/usr/bin/python3", [join(root, "scripts", "nbrun.py"), "--runs", "1", "--save", join(serverRoot, "executed"), join(folder, "fresh.ipynb")], { stdio: ["ignore", "inherit", "inherit"] });
  const executed = JSON.parse(readFileSync(join(serverRoot, "executed", "fresh.ipynb"), "utf8"));
  writeFileSync(join(folder, "saved.ipynb"), JSON.stringify(executed));
  for (const cell of executed.cells) for (const out of cell.outputs ?? []) if (out.data?.["application/vnd.plotly.v1+json"]) expectedPlots++;
  rmSync(join(folder, "plotly.min.js"), { force: true }); // the browser run must get it from show() again

  server = spawn("/usr/bin/python3", ["-m", "notebook", "--no-browser", `--port=${port}`, "--ip=127.0.0.1", `--NotebookApp.token=${token}`, `--notebook-dir=${serverRoot}`, "--NotebookApp.open_browser=False", ...(process.getuid?.() === 0 ? ["--allow-root"] : [])], { stdio: ["ignore", "ignore", "pipe"] });
  await new Promise<void>((ready, fail) => {
    let log = "";
    const timer = setTimeout(() => fail(new Error(`notebook server did not start:\n${log}`)), 60_000);
    server!.stderr!.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes(`127.0.0.1:${port}`)) {
        clearTimeout(timer);
        ready();
      }
    });
    server!.on("exit", (code) => fail(new Error(`notebook server exited (${code}):\n${log}`)));
  });
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox", "--disable-gpu", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--no-first-run"] });
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((r) => server!.once("exit", r));
  }
});

async function openNotebook(name: string): Promise<{ page: Page; foreign: string[]; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const foreign: string[] = [];
  const errors: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(base) || url.startsWith("ws://127.0.0.1")) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${base}/notebooks/plots/${name}?token=${token}`, { waitUntil: "load", timeout: TIMEOUT });
  await page.waitForFunction(() => (window as any).Jupyter?.notebook?.kernel?.is_connected?.(), null, { timeout: TIMEOUT });
  return { page, foreign, errors };
}

test("classic Notebook: saved outputs (untrusted) show the static summary", async () => {
  assert.ok(expectedPlots >= 5, `the fixture should produce plots, got ${expectedPlots}`);
  const { page, foreign } = await openNotebook("saved.ipynb");
  const summaries = await page.$$eval(".dlnotes-fallback pre", (els) => els.map((e) => (e as HTMLElement).innerText));
  const plots = await page.$$eval(".js-plotly-plot", (els) => els.length);
  await page.screenshot({ path: join(root, "build", "screenshots", "classic-untrusted.png"), fullPage: true });
  assert.equal(summaries.length, expectedPlots, "one readable summary per plot");
  assert.ok(summaries.some((s) => s.startsWith("Plot: Cost (learning rate = 0.005)")), summaries[0]);
  assert.equal(plots, 0, "no script ran in an untrusted notebook");
  assert.deepEqual(foreign, []);
  await page.context().close();
});

test("classic Notebook: cells run in the browser give interactive plots, plotly.js from the notebook's folder", async () => {
  const { page, foreign, errors } = await openNotebook("fresh.ipynb");
  const plotlyRequests: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("plotly.min.js")) plotlyRequests.push(new URL(r.url()).pathname);
  });
  await page.evaluate(() => (window as any).Jupyter.notebook.execute_all_cells());
  await page.waitForFunction((n) => document.querySelectorAll(".js-plotly-plot .main-svg").length >= n && document.querySelectorAll(".js-plotly-plot").length >= n, expectedPlots, { timeout: TIMEOUT });
  await page.waitForFunction(() => !(window as any).Jupyter.notebook.kernel_busy && document.querySelectorAll(".running").length === 0, null, { timeout: TIMEOUT }).catch(() => undefined);
  const plots = await page.$$eval(".js-plotly-plot", (els) => els.length);
  const stderr = await page.$$eval(".output_stderr", (els) => els.map((e) => e.textContent));
  // The image grid's pictures reach Plotly from the fallback <img> elements (not repeated in the script).
  const pictures = await page.$$eval(".js-plotly-plot", (plots) => {
    const grid = plots.find((p) => p.querySelector(".gtitle")?.textContent === "6 images");
    return grid ? Array.from(grid.querySelectorAll("image")).filter((e) => (e.getAttribute("href") ?? "").startsWith("data:image/png")).length : -1;
  });
  await page.screenshot({ path: join(root, "build", "screenshots", "classic-trusted.png"), fullPage: true });
  assert.equal(plots, expectedPlots, "every show() became an interactive plot");
  assert.deepEqual(stderr, []);
  assert.equal(pictures, 6, "the fixture's 6 pictures drawn by Plotly");
  assert.deepEqual(plotlyRequests, ["/files/plots/plotly.min.js"], "plotly.js loaded once, from the notebook's folder");
  assert.ok(existsSync(join(folder, "plotly.min.js")));
  assert.deepEqual(foreign, [], "nothing from the network");
  assert.deepEqual(errors, []);
  // Leave the kernel and notebook as we found them: no autosave of outputs into the copy matters (build/).
  await page.evaluate(() => (window as any).Jupyter.notebook.kernel.kill());
  await page.context().close();
});
