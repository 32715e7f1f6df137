/**
 * The course in JupyterLab with nothing installed (issue 20): the JupyterLite site served by lite/server.ts on
 * 127.0.0.1, driven in headless Chromium like a student: open a lesson, Run > Run All Cells, read what the cells
 * show (compared with the tslab kernel's outputs); type, save, reload, File > Download; cells that fail (compared
 * with what tslab prints for them); completions and a hover type; a runaway loop ended by Kernel > Restart.
 * Every request that does not go to the local server is blocked and fails the test, as does any console error,
 * uncaught error or failed request. Every lesson runs in one page load (DLNOTES_LITE_LESSONS=04,07 picks lessons,
 * for debugging).
 * Screenshots: build/screenshots/lite-*.png.
 */
import { test, before, after, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { CELL_TAGS, KERNEL_DISPLAY_NAME, KERNELSPEC, liteNotebookHref, PLOTLY_MIME } from "../src/core/definitions";
import { serveFolder, type StaticServer } from "../lite/server";
import { notebooksDir, projectDir, runNbrun } from "./fixtures/jupyter";
import { cellSource, compareText, kernelPictures, kernelText, type NotebookCell } from "./fixtures/runner-site";
import { prepareLiteSite, shownCells, type ShownCell, type Trace } from "./fixtures/lite-site";
import { executedLessons } from "./fixtures/executed-lessons";
import { launchChromium } from "./fixtures/browser";

const screenshots = join(projectDir, "build", "screenshots");
/** A lesson's Run All on a busy 2-core machine (06 and 07 train for minutes). */
const RUN_TIMEOUT = 900_000;
const LOAD_TIMEOUT = 180_000;
const IDLE = `${KERNEL_DISPLAY_NAME} | Idle`;

const lessonNames = readdirSync(notebooksDir)
  .filter((f) => f.endsWith(".ipynb"))
  .sort();
/** A filter for debugging (DLNOTES_LITE_LESSONS=04,07 runs those two); every lesson by default. */
const chosen = process.env.DLNOTES_LITE_LESSONS?.split(",").map((p) => p.trim());
const lessons = lessonNames.filter((name) => !chosen || chosen.some((p) => name.startsWith(p)));

let browser: Browser;
let server: StaticServer;
let executed: Map<string, string>;

before(async () => {
  mkdirSync(screenshots, { recursive: true });
  server = await serveFolder(await prepareLiteSite());
  // the lessons as the tslab kernel ran them: executed once per content for the whole suite, shared
  const run = await executedLessons();
  executed = new Map(lessonNames.map((name) => [name, join(run.dir, name)]));
  browser = await launchChromium();
  tslabStderr = tslabErrors();
  // awaited by its test; a failure here must not be an unhandled rejection before then
  tslabStderr.catch(() => undefined);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

interface Visit {
  page: Page;
  /** Requests that were not for the local server (blocked). */
  outside: string[];
  /** Uncaught page errors, console errors and failed requests on the local server. */
  errors: string[];
  /** Fails when anything went wrong so far: a request outside, a console or page error, a failed request. */
  assertClean(): void;
  close(): Promise<void>;
}

/**
 * A fresh browser profile (its own storage) with every request outside the local server blocked, and every
 * console error, uncaught error, failed or 4xx/5xx request on the local server recorded (a 404 on load is a bug
 * of the site).
 */
async function visit(): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const outside: string[] = [];
  const errors: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(server.url) || url.startsWith("blob:") || url.startsWith("data:")) return route.continue();
    outside.push(url);
    return route.abort();
  });
  context.on("response", (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
  });
  context.on("requestfailed", (request) => {
    if (!outside.includes(request.url()))
      errors.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  const page = await context.newPage();
  page.on("pageerror", (e) => errors.push(`uncaught: ${e.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console error: ${message.text()} (${message.location().url})`);
  });
  return {
    page,
    outside,
    errors,
    assertClean() {
      assert.deepEqual(outside, [], "requests outside 127.0.0.1");
      assert.deepEqual(errors, [], "console errors, uncaught errors or failed requests on 127.0.0.1");
    },
    close: () => context.close(),
  };
}

/** Opens a notebook of the site in JupyterLab and waits for the kernel to be idle; returns the milliseconds. */
async function openNotebook(page: Page, name: string): Promise<number> {
  const started = Date.now();
  await page.goto(`${server.url}${liteNotebookHref(name)}`, { timeout: LOAD_TIMEOUT });
  await page.locator(".jp-Notebook .jp-Cell").first().waitFor({ timeout: LOAD_TIMEOUT });
  await page.getByText(IDLE).waitFor({ timeout: LOAD_TIMEOUT });
  return Date.now() - started;
}

/** The notebook's tab in the main area. */
function notebookTab(page: Page, name: string) {
  return page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", { hasText: name });
}

/**
 * Opens a notebook from JupyterLab's file browser (a double click, as a student does) in the page already loaded,
 * and waits for its kernel to be idle; returns the milliseconds.
 */
async function openFromFileBrowser(page: Page, name: string): Promise<number> {
  const started = Date.now();
  const listing = page.locator(".jp-DirListing-content");
  if (!(await listing.isVisible())) await page.keyboard.press("Control+Shift+F");
  await listing.locator(".jp-DirListing-item", { hasText: name }).dblclick();
  await notebookTab(page, name).waitFor({ timeout: LOAD_TIMEOUT });
  await page.locator(".jp-Notebook .jp-Cell").first().waitFor({ timeout: LOAD_TIMEOUT });
  await page.getByText(IDLE).waitFor({ timeout: LOAD_TIMEOUT });
  return Date.now() - started;
}

/**
 * File > Close and Shut Down Notebook (its kernel's worker ends), answering JupyterLab's questions: the run's
 * outputs are not kept (Discard), the shutdown is confirmed. Waits until the tab is gone.
 */
async function closeNotebook(page: Page, name: string): Promise<void> {
  await menu(page, "File", /^Close and Shut Down Notebook/);
  const tab = notebookTab(page, name);
  const dialogButton = page.locator(".jp-Dialog .jp-Dialog-button", { hasText: /^(Discard|Ok|Shut Down)$/ });
  while (await tab.count()) {
    await Promise.race([
      tab.waitFor({ state: "detached", timeout: 60_000 }),
      dialogButton.first().waitFor({ timeout: 60_000 }),
    ]);
    if (await dialogButton.count()) await dialogButton.first().click();
  }
}

/** A top menu's item, by their visible labels. */
async function menu(page: Page, top: string, item: string | RegExp): Promise<void> {
  await page.getByRole("menuitem", { name: top, exact: true }).click();
  await page.getByRole("menuitem", { name: item, exact: typeof item === "string" }).click();
}

/** Every code cell has run (a number in its prompt, no `*`). Runs in the page. */
function allRun(): boolean {
  const prompts = Array.from(
    document.querySelectorAll(".jp-Notebook .jp-CodeCell .jp-InputPrompt"),
    (p) => p.textContent ?? "",
  );
  return prompts.length > 0 && !prompts.some((p) => p.includes("*")) && prompts.every((p) => /\[\d+\]/.test(p));
}

/** Run > Run All Cells (the run goes on; wait with {@link allRun}). */
async function startRunAll(page: Page): Promise<void> {
  await page.locator(".jp-Notebook").click({ position: { x: 5, y: 5 } });
  await menu(page, "Run", "Run All Cells");
}

/**
 * Scrolls an element to the middle of the window and waits until it stays there: JupyterLab paints cells scrolled
 * into view on the next frames (content-visibility), and their real heights then move everything below them.
 */
async function scrollIntoView(page: Page, selector: string): Promise<void> {
  const element = page.locator(selector);
  let top = Number.NaN;
  for (let attempt = 0; attempt < 20; attempt++) {
    const now = await element.evaluate(async (el) => {
      el.scrollIntoView({ block: "center" });
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      return Math.round(el.getBoundingClientRect().top);
    });
    if (now === top) return;
    top = now;
  }
  assert.fail(`${selector} kept moving while JupyterLab laid out the notebook`);
}

/** Equal arrays of numbers to 1e-6 relative (the browser's single-threaded kernels may sum in another order). */
function sameValues(kernel: unknown, shown: unknown): boolean {
  if (Array.isArray(kernel) && Array.isArray(shown))
    return kernel.length === shown.length && kernel.every((k, i) => sameValues(k, shown[i]));
  if (typeof kernel === "number" && typeof shown === "number")
    return Math.abs(kernel - shown) <= 1e-6 * Math.max(1, Math.abs(kernel));
  return JSON.stringify(kernel) === JSON.stringify(shown);
}

/** Where a drawn figure differs from the kernel's (traces, names, coordinates), or "" when it does not. */
function figureDifference(kernel: Trace[], shown: Trace[]): string {
  if (kernel.length !== shown.length) return `${shown.length} traces drawn, the kernel sent ${kernel.length}`;
  for (let i = 0; i < kernel.length; i++) {
    for (const key of ["type", "name", "x", "y", "z"] as const) {
      if (!sameValues(kernel[i][key], shown[i][key])) return `trace ${i} ${key} differs`;
    }
  }
  return "";
}

const cellsOf = (path: string) => (JSON.parse(readFileSync(path, "utf8")) as { cells: NotebookCell[] }).cells;
/** The training cell that draws the live cost curve (lesson 07 since lesson 06 was split), found by its code. */
const isTraining = (c: NotebookCell) => c.cell_type === "code" && cellSource(c).includes("liveCostCurve(");

/**
 * Points on the live curve of cell `i` as JupyterLab shows it: while training a picture (an <img> of an SVG whose
 * first `<polyline data-trace>` has one x,y pair per point), at the end the Plotly figure; -1 while nothing is
 * shown. Runs in the page.
 */
function drawnPoints(i: number): number {
  const area = document.querySelector(`.jp-Cell[data-windowed-list-index="${i}"] .jp-OutputArea`);
  const gd = area?.querySelector(".js-plotly-plot") as (HTMLElement & { data?: { x?: unknown[] }[] }) | null;
  if (gd?.data?.[0]?.x) return gd.data[0].x.length;
  const img = Array.from(area?.querySelectorAll("img") ?? []).find((im) => im.src.startsWith("data:image/svg+xml"));
  if (!img) return -1;
  const comma = img.src.indexOf(",");
  const payload = img.src.slice(comma + 1);
  const text = img.src.slice(0, comma).includes(";base64") ? atob(payload) : decodeURIComponent(payload);
  const svg = new DOMParser().parseFromString(text, "image/svg+xml");
  const line = svg.querySelector("polyline[data-trace]")?.getAttribute("points")?.trim() ?? "";
  return line === "" ? 0 : line.split(/\s+/).length;
}

/** Whether cell `i` is running (`*` in its prompt). Runs in the page. */
function running(i: number): boolean {
  const prompt = document.querySelector(`.jp-Cell[data-windowed-list-index="${i}"] .jp-InputPrompt`);
  return (prompt?.textContent ?? "").includes("*");
}

/**
 * While the training cell runs (Run All going on): its live curve is drawn, then has more points while the cell
 * is still running. Screenshot mid-training.
 */
async function watchLiveCurve(page: Page, training: number): Promise<string> {
  const points = `(${drawnPoints.toString()})(${training})`;
  const isRunning = `(${running.toString()})(${training})`;
  await page.waitForFunction(`${points} >= 2`, null, { timeout: RUN_TIMEOUT, polling: 100 });
  const early = (await page.evaluate(points)) as number;
  await page.waitForFunction(`${points} > ${early} || !${isRunning}`, null, { timeout: RUN_TIMEOUT, polling: 100 });
  const later = (await page.evaluate(points)) as number;
  assert.ok(await page.evaluate(isRunning), `the training cell ended before its curve grew past ${early} points`);
  assert.ok(later > early, "more points than at first");
  await scrollIntoView(page, `.jp-Notebook .jp-Cell[data-windowed-list-index="${training}"] .jp-OutputArea`);
  await page.screenshot({ path: join(screenshots, "lite-live-curve-mid-training.png") });
  return `live curve ${early} -> ${later} points while training`;
}

/** What differs between the shown outputs of a lesson and tslab's (empty when equal), and counts for the log. */
function compareLesson(cells: NotebookCell[], shown: Map<number, ShownCell>) {
  const mismatches: string[] = [];
  const errors: string[] = [];
  const counts = { compared: 0, plots: 0, kernelPlots: 0, drawings: 0, kernelDrawings: 0 };
  cells.forEach((cell, index) => {
    if (cell.cell_type !== "code") return;
    const out = shown.get(index);
    if (!out) return mismatches.push(`cell ${index} (${cell.id}) is not shown`);
    errors.push(...out.errors.map((e) => `cell ${index}: ${e}`));
    const pictures = kernelPictures(cell);
    counts.kernelPlots += pictures.plots;
    counts.kernelDrawings += pictures.drawings;
    counts.plots += out.plots.length;
    counts.drawings += out.drawings;
    const figures = (cell.outputs ?? [])
      .map((o) => o.data?.[PLOTLY_MIME] as { data?: Trace[] } | undefined)
      .filter((f): f is { data?: Trace[] } => f !== undefined);
    // the computation-graph drawings (05, 06): the SVG tslab sent, as JupyterLab shows it
    const svgs = (cell.outputs ?? [])
      .filter((o) => o.data?.[PLOTLY_MIME] === undefined && o.data?.["image/svg+xml"] !== undefined)
      .map((o) => {
        const svg = o.data!["image/svg+xml"] as string | string[];
        return Array.isArray(svg) ? svg.join("") : svg;
      });
    if (cell.metadata.tags?.includes(CELL_TAGS.volatile)) return;
    counts.compared++;
    const verdict = compareText(kernelText(cell), out.text);
    if (verdict !== "exact" && verdict !== "precision") mismatches.push(`cell ${index} (${cell.id}): ${verdict}`);
    figures.forEach((figure, i) => {
      const difference = out.plots[i] ? figureDifference(figure.data ?? [], out.plots[i]) : "not drawn";
      if (difference) mismatches.push(`cell ${index} (${cell.id}) plot ${i + 1}: ${difference}`);
    });
    svgs.forEach((svg, i) => {
      const shownSvg = out.drawingSvgs[i];
      if (shownSvg === undefined)
        return mismatches.push(`cell ${index} (${cell.id}) drawing ${i + 1}: not shown as SVG`);
      const verdict = compareText(svg, shownSvg);
      if (verdict !== "exact" && verdict !== "precision")
        mismatches.push(`cell ${index} (${cell.id}) drawing ${i + 1}: ${verdict.slice(0, 400)}`);
    });
  });
  return { mismatches, errors, counts };
}

test("lite: every lesson, Run All in one JupyterLite page, shows what the tslab kernel showed", async (t) => {
  const started = Date.now();
  const v = await visit();
  try {
    for (const [n, name] of lessons.entries()) {
      await t.test(name, async (lesson) => {
        const { page } = v;
        const idleMs = n === 0 ? await openNotebook(page, name) : await openFromFileBrowser(page, name);
        try {
          await runAndCompare(lesson, page, name, n, idleMs);
        } finally {
          // the next lesson opens in the same page: this one is closed whether it passed or not
          await closeNotebook(page, name);
        }
        v.assertClean();
      });
    }
  } finally {
    await v.close();
  }
  t.diagnostic(`${lessons.length} lessons in ${((Date.now() - started) / 1000).toFixed(1)} s (one page load)`);
});

/** Run All in the open lesson, then its outputs compared with tslab's (in-page checks: see compareLesson). */
async function runAndCompare(t: TestContext, page: Page, name: string, n: number, idleMs: number): Promise<void> {
  const cells = cellsOf(executed.get(name)!);
  const training = cells.findIndex(isTraining);
  const runStarted = Date.now();
  await startRunAll(page);
  const live = training >= 0 ? await watchLiveCurve(page, training) : "";
  await page.waitForFunction(allRun, null, { timeout: RUN_TIMEOUT, polling: 250 });
  const runMs = Date.now() - runStarted;
  const shown = new Map((await shownCells(page)).map((c) => [c.index, c]));
  const { mismatches, errors, counts } = compareLesson(cells, shown);
  if (name.startsWith("04")) {
    const plot = page.locator(".jp-Notebook .js-plotly-plot").nth(1);
    await scrollIntoView(page, ".jp-Notebook .jp-OutputArea:has(.js-plotly-plot) >> nth=1");
    await plot.locator(".main-svg").first().waitFor({ state: "visible" });
    await page.screenshot({ path: join(screenshots, "lite-04-run-all.png") });
  }
  t.diagnostic(
    `${name}: kernel idle ${(idleMs / 1000).toFixed(1)} s after ${n === 0 ? "loading the page" : "opening"}, Run All ${(runMs / 1000).toFixed(1)} s, ${counts.compared} cells compared, plots ${counts.plots}/${counts.kernelPlots}, drawings ${counts.drawings}/${counts.kernelDrawings}${live ? `, ${live}` : ""}`,
  );
  assert.deepEqual(errors, [], "error or stderr outputs");
  assert.deepEqual(mismatches, [], "outputs that differ from the tslab kernel's");
  assert.equal(counts.plots, counts.kernelPlots, "every Plotly figure drawn");
  assert.equal(counts.drawings, counts.kernelDrawings, "every drawing shown");
}

/**
 * Cells that fail, and what the tslab kernel prints for them (its stderr, through scripts/nbrun.py, which stops at
 * a notebook's first failing cell: one notebook per cell). Started in `before`, run beside the browser work.
 */
const FAILING_CELLS = {
  runtime: [
    "function boom(n: number): number {",
    '  if (n > 0) throw new RangeError("too big: " + n);',
    "  return n;",
    "}",
    "const values = [1];",
    "values.map((v) => boom(v));",
  ].join("\n"),
  compile: ['const w: number = "x";', "const v = 2;", "v.foo;"].join("\n"),
};
let tslabStderr: Promise<Record<keyof typeof FAILING_CELLS, string[]>>;

/** Writes one notebook per failing cell into the project (tslab finds its types there) and runs them in tslab. */
async function tslabErrors(): Promise<Record<keyof typeof FAILING_CELLS, string[]>> {
  const dir = join(projectDir, "build", "lite-errors");
  mkdirSync(dir, { recursive: true });
  const files = Object.entries(FAILING_CELLS).map(([name, source]) => {
    const file = join(dir, `${name}.ipynb`);
    const notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {
        kernelspec: { name: KERNELSPEC.name, display_name: KERNELSPEC.display_name, language: "typescript" },
      },
      cells: [{ cell_type: "code", id: name, metadata: {}, outputs: [], execution_count: null, source }],
    };
    writeFileSync(file, JSON.stringify(notebook));
    return file;
  });
  const report = join(dir, "report.json");
  const run = await runNbrun(["--runs", "1", "--report", report, ...files]);
  const reports = JSON.parse(readFileSync(report, "utf8")) as { error: string | null }[];
  const stderrOf = (error: string | null): string[] => {
    const lines = (error ?? "").split("\n");
    const from = lines.indexOf("  --- stderr ---");
    assert.ok(from >= 0, `tslab printed no stderr for a failing cell:\n${run.output}`);
    return lines.slice(from + 1).map((line) => line.replace(/^ {2}/, ""));
  };
  return { runtime: stderrOf(reports[0].error), compile: stderrOf(reports[1].error) };
}

/** Adds a code cell below the active one with `code` typed in, like a student (Escape, B, Enter, typing). */
async function addCell(page: Page, code: string): Promise<void> {
  await page.keyboard.press("Escape");
  await page.keyboard.press("b");
  await page.keyboard.press("Enter");
  await page.keyboard.insertText(code);
}

/** The text a cell (by its position among all cells) shows as output. */
function outputOf(page: Page, index: number) {
  return page.locator(`.jp-Notebook .jp-Cell[data-windowed-list-index="${index}"] .jp-OutputArea-output`);
}

test("lite: a student's edit is kept in the browser across a reload; File > Download gives it as .ipynb", async () => {
  const v = await visit();
  try {
    const name = lessonNames[0];
    await openNotebook(v.page, name);
    const cells = (JSON.parse(readFileSync(join(notebooksDir, name), "utf8")) as { cells: NotebookCell[] }).cells;
    const first = cells.findIndex((c) => c.cell_type === "code");
    await v.page.locator(`.jp-Notebook .jp-Cell[data-windowed-list-index="${first}"] .cm-content`).click();
    await v.page.keyboard.press("Control+End");
    const note = `// my own note ${Date.now()}`;
    await v.page.keyboard.insertText(`\n${note}`);
    await v.page.keyboard.press("Control+s");
    await v.page.locator(".jp-mod-dirty").first().waitFor({ state: "detached", timeout: 60_000 });
    await v.page.reload();
    await v.page.locator(".jp-Notebook .jp-Cell").first().waitFor({ timeout: LOAD_TIMEOUT });
    const editor = v.page.locator(`.jp-Notebook .jp-Cell[data-windowed-list-index="${first}"] .cm-content`);
    await assert.doesNotReject(
      editor.getByText(note).waitFor({ timeout: 60_000 }),
      "the edit is there after the reload",
    );
    assert.equal(cellSource(cells[first]).includes(note), false, "the shipped notebook did not have it");
    // File > Download: the .ipynb with the edit, ready for a local JupyterLab
    const download = v.page.waitForEvent("download");
    await menu(v.page, "File", "Download");
    const saved = await download;
    assert.equal(saved.suggestedFilename(), name);
    const notebook = JSON.parse(readFileSync(await saved.path(), "utf8")) as {
      nbformat: number;
      metadata: { kernelspec?: { name?: string } };
      cells: NotebookCell[];
    };
    assert.equal(notebook.nbformat, 4);
    assert.equal(notebook.metadata.kernelspec?.name, KERNELSPEC.name, "opens with the tslab kernel locally");
    assert.equal(notebook.cells.length, cells.length);
    assert.ok(cellSource(notebook.cells[first]).endsWith(note), "the downloaded notebook has the edit");
    v.assertClean();
  } finally {
    await v.close();
  }
});

/** Adds a cell below the active one, runs it (Shift+Enter) and returns the text of its error output. */
async function errorShown(page: Page, code: string): Promise<string[]> {
  await addCell(page, code);
  await page.keyboard.press("Shift+Enter");
  const index = Number(
    await page.locator(".jp-Notebook .jp-Cell.jp-mod-active").evaluate((cell) => {
      // Shift+Enter moved to the next cell: the one that ran is the previous one
      return Number(cell.getAttribute("data-windowed-list-index")) - 1;
    }),
  );
  const output = page.locator(
    `.jp-Notebook .jp-Cell[data-windowed-list-index="${index}"] .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]`,
  );
  await output.first().waitFor({ timeout: 120_000 });
  return ((await output.first().textContent()) ?? "").replace(/\n$/, "").split("\n");
}

test("lite: a student's cells: errors as tslab prints them (at the cell's lines), completions and hover, Restart ends a runaway loop", async () => {
  const v = await visit();
  try {
    const { page } = v;
    await openNotebook(page, lessonNames[0]);
    await page.locator(".jp-Notebook .jp-Cell").first().click();
    const tslab = await tslabStderr;
    // compile errors: the same `line:col - message` lines
    assert.deepEqual(
      await errorShown(page, FAILING_CELLS.compile),
      tslab.compile.filter((l) => l !== ""),
    );
    // a runtime error: the same `Name: message`, the same frames (function names, innermost first), and where tslab
    // shows the line that threw (its line numbers count its own compiled JavaScript), the cell's own line numbers
    const shown = await errorShown(page, FAILING_CELLS.runtime);
    const cellLines = FAILING_CELLS.runtime.split("\n");
    const heading = "RangeError: too big: 1";
    assert.ok(tslab.runtime.includes(heading), `tslab printed ${heading}`);
    assert.ok(shown.includes(heading), `shown: ${shown.join("\n")}`);
    const tslabFrames = tslab.runtime
      .map((line) => /^\s+at (?:(\S+) \()?evalmachine\.<anonymous>:\d+:\d+\)?$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => m[1] ?? "")
      // tslab's last frame is the call of the function it wraps every cell in (a line past the cell's code)
      .slice(0, -1);
    const frames = shown
      .map((line) => /^\s+at (?:(\S+) \()?In \[(\d+)\]:(\d+):(\d+)\)?$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null);
    assert.deepEqual(
      frames.map((m) => m[1] ?? ""),
      tslabFrames,
      `the frames in the cell, as tslab's:\n${shown.join("\n")}`,
    );
    const frameLines = frames.map((m) => cellLines[Number(m[3]) - 1]?.trim());
    assert.deepEqual(frameLines, [
      'if (n > 0) throw new RangeError("too big: " + n);',
      "values.map((v) => boom(v));",
      "values.map((v) => boom(v));",
    ]);
    // the line that threw, shown above the message as tslab shows it
    const thrown = tslab.runtime[tslab.runtime.indexOf("") - 2]?.trim();
    assert.equal(thrown, 'throw new RangeError("too big: " + n);');
    assert.ok(shown[1]?.includes(thrown), `the line that threw is shown:\n${shown.join("\n")}`);
    await page.screenshot({ path: join(screenshots, "lite-errors.png") });
    // completions for zeros and its array, and a hover type, from the TypeScript service
    await page.locator(".jp-Notebook .jp-Cell").first().click();
    await addCell(page, 'import { zeros } from "dlnotes";\nconst grid = zer');
    await page.keyboard.press("Tab");
    const completer = page.locator(".jp-Completer");
    await completer.locator('.jp-Completer-item[data-value="zeros"]').waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(screenshots, "lite-completions.png") });
    await page.keyboard.press("Enter");
    await page.keyboard.insertText("([2, 3]);\ngrid");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Shift+Tab");
    const tooltip = page.locator(".jp-Tooltip");
    await tooltip.waitFor({ timeout: 60_000 });
    assert.match((await tooltip.textContent()) ?? "", /const grid: NDArray<\[number, number\]>/);
    await page.screenshot({ path: join(screenshots, "lite-hover.png") });
    await page.keyboard.press("Control+End");
    await page.keyboard.insertText(".");
    await tooltip.waitFor({ state: "detached", timeout: 10_000 });
    await page.keyboard.press("Tab");
    await completer.locator('.jp-Completer-item[data-value="shape"]').waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(screenshots, "lite-completions-members.png") });
    // a runaway loop, ended by Restart; the notebook runs again
    await page.locator(".jp-Notebook .jp-Cell").first().click();
    await addCell(page, "while (true) {}");
    await page.keyboard.press("Shift+Enter");
    await page.getByText(`${KERNEL_DISPLAY_NAME} | Busy`).waitFor({ timeout: 60_000 });
    await menu(page, "Kernel", /^Restart Kernel…/);
    await page.locator(".jp-Dialog button", { hasText: /^Restart$/ }).click();
    await page.getByText(IDLE).waitFor({ timeout: LOAD_TIMEOUT });
    await page.waitForFunction(
      () =>
        !Array.from(document.querySelectorAll(".jp-InputPrompt"), (p) => p.textContent ?? "").some((p) =>
          p.includes("*"),
        ),
      null,
      { timeout: 60_000 },
    );
    await page.locator(".jp-Notebook .jp-Cell").first().click();
    await addCell(page, "const answer = 6 * 7;\nanswer");
    await page.keyboard.press("Shift+Enter");
    const index = Number(await page.locator(".jp-Notebook .jp-Cell").nth(1).getAttribute("data-windowed-list-index"));
    await outputOf(page, index).first().waitFor({ timeout: 120_000 });
    assert.equal((await outputOf(page, index).first().textContent())?.trim(), "42");
    v.assertClean();
  } finally {
    await v.close();
  }
});
