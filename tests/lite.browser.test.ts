/**
 * The course in JupyterLab with nothing installed (issue 20): the JupyterLite site served by lite/server.ts on
 * 127.0.0.1, driven in headless Chromium like a student: open a lesson, Run > Run All Cells, read what the cells
 * show; type, save, reload; stop a runaway loop with Kernel > Restart; ask for completions and a hover type.
 * Every request that does not go to the local server is blocked and fails the test.
 * DLNOTES_LITE_LESSONS=01,04,06 picks the lessons of the Run All comparison (default 01 and 04: the suite's budget).
 * Screenshots: build/screenshots/lite-*.png.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { CELL_TAGS, KERNEL_DISPLAY_NAME, liteNotebookHref, PLOTLY_MIME } from "../src/core/definitions";
import { serveFolder, type StaticServer } from "../lite/server";
import { notebooksDir, projectDir } from "./fixtures/jupyter";
import { cellSource, compareText, kernelPictures, kernelText, type NotebookCell } from "./fixtures/runner-site";
import { prepareLiteSite, shownCells, type Trace } from "./fixtures/lite-site";
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
const chosen = (process.env.DLNOTES_LITE_LESSONS ?? "01,04").split(",").map((p) => p.trim());
const lessons = lessonNames.filter((name) => chosen.some((p) => name.startsWith(p)));

let browser: Browser;
let server: StaticServer;
let executed: Map<string, string>;

before(async () => {
  mkdirSync(screenshots, { recursive: true });
  server = await serveFolder(await prepareLiteSite());
  // the lessons as the tslab kernel ran them: executed once per content for the whole suite, shared
  const run = await executedLessons();
  executed = new Map(lessons.map((name) => [name, join(run.dir, name)]));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

interface Visit {
  page: Page;
  /** Requests that were not for the local server (blocked). */
  outside: string[];
  /** Uncaught page errors. */
  errors: string[];
  close(): Promise<void>;
}

/** A fresh browser profile (its own storage) with every request outside the local server blocked. */
async function visit(): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const outside: string[] = [];
  const errors: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(server.url) || url.startsWith("blob:") || url.startsWith("data:")) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on("pageerror", (e) => errors.push(e.message));
  return { page, outside, errors, close: () => context.close() };
}

/** Opens a notebook of the site in JupyterLab and waits for the kernel to be idle; returns the milliseconds. */
async function openNotebook(page: Page, name: string): Promise<number> {
  const started = Date.now();
  await page.goto(`${server.url}${liteNotebookHref(name)}`, { timeout: LOAD_TIMEOUT });
  await page.locator(".jp-Notebook .jp-Cell").first().waitFor({ timeout: LOAD_TIMEOUT });
  await page.getByText(IDLE).waitFor({ timeout: LOAD_TIMEOUT });
  return Date.now() - started;
}

/** A top menu's item, by their visible labels. */
async function menu(page: Page, top: string, item: string | RegExp): Promise<void> {
  await page.getByRole("menuitem", { name: top, exact: true }).click();
  await page.getByRole("menuitem", { name: item, exact: typeof item === "string" }).click();
}

/** Run > Run All Cells, then waits until no cell is running or queued; returns the milliseconds. */
async function runAll(page: Page): Promise<number> {
  const started = Date.now();
  await page.locator(".jp-Notebook").click({ position: { x: 5, y: 5 } });
  await menu(page, "Run", "Run All Cells");
  await page.waitForFunction(
    () => {
      const prompts = Array.from(
        document.querySelectorAll(".jp-Notebook .jp-CodeCell .jp-InputPrompt"),
        (p) => p.textContent ?? "",
      );
      return prompts.length > 0 && !prompts.some((p) => p.includes("*")) && prompts.every((p) => /\[\d+\]/.test(p));
    },
    null,
    { timeout: RUN_TIMEOUT, polling: 500 },
  );
  return Date.now() - started;
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

test("lite: lessons Run All in JupyterLite like the tslab kernel", async (t) => {
  for (const name of lessons) {
    await t.test(name, async () => {
      const v = await visit();
      try {
        const idleMs = await openNotebook(v.page, name);
        const runMs = await runAll(v.page);
        const shown = new Map((await shownCells(v.page)).map((c) => [c.index, c]));
        const cells = (JSON.parse(readFileSync(executed.get(name)!, "utf8")) as { cells: NotebookCell[] }).cells;
        const mismatches: string[] = [];
        const errors: string[] = [];
        let compared = 0;
        let plots = 0;
        let kernelPlots = 0;
        let drawings = 0;
        let kernelDrawings = 0;
        cells.forEach((cell, index) => {
          if (cell.cell_type !== "code") return;
          const out = shown.get(index);
          if (!out) return mismatches.push(`cell ${index} (${cell.id}) is not shown`);
          errors.push(...out.errors.map((e) => `cell ${index}: ${e}`));
          const pictures = kernelPictures(cell);
          kernelPlots += pictures.plots;
          kernelDrawings += pictures.drawings;
          plots += out.plots.length;
          drawings += out.drawings;
          const figures = (cell.outputs ?? [])
            .map((o) => o.data?.[PLOTLY_MIME] as { data?: Trace[] } | undefined)
            .filter((f): f is { data?: Trace[] } => f !== undefined);
          if (cell.metadata.tags?.includes(CELL_TAGS.volatile)) return;
          compared++;
          const verdict = compareText(kernelText(cell), out.text);
          if (verdict !== "exact" && verdict !== "precision") mismatches.push(`cell ${index} (${cell.id}): ${verdict}`);
          figures.forEach((figure, i) => {
            const difference = out.plots[i] ? figureDifference(figure.data ?? [], out.plots[i]) : "not drawn";
            if (difference) mismatches.push(`cell ${index} (${cell.id}) plot ${i + 1}: ${difference}`);
          });
        });
        if (name.startsWith("04")) {
          const plot = v.page.locator(".js-plotly-plot").nth(1);
          await plot.scrollIntoViewIfNeeded();
          // JupyterLab paints cells scrolled into view on the next frames (content-visibility)
          await v.page.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))");
          await plot.locator(".main-svg").first().waitFor({ state: "visible" });
          await v.page.screenshot({ path: join(screenshots, "lite-04-run-all.png") });
        }
        t.diagnostic(
          `${name}: kernel idle ${(idleMs / 1000).toFixed(1)} s after opening, Run All ${(runMs / 1000).toFixed(1)} s, ${compared} cells compared, plots ${plots}/${kernelPlots}, drawings ${drawings}/${kernelDrawings}`,
        );
        assert.deepEqual(errors, [], "error or stderr outputs");
        assert.deepEqual(mismatches, [], "outputs that differ from the tslab kernel's");
        assert.equal(plots, kernelPlots, "every Plotly figure drawn");
        assert.equal(drawings, kernelDrawings, "every drawing shown");
        assert.deepEqual(v.errors, [], "uncaught page errors");
        assert.deepEqual(v.outside, [], "requests outside 127.0.0.1");
      } finally {
        await v.close();
      }
    });
  }
});

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

test("lite: a student's edit is kept in the browser across a reload", async () => {
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
    assert.deepEqual(v.outside, [], "requests outside 127.0.0.1");
  } finally {
    await v.close();
  }
});

test("lite: Kernel > Restart ends a runaway cell, and the notebook runs again", async () => {
  const v = await visit();
  try {
    const { page } = v;
    await openNotebook(page, lessonNames[0]);
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
    assert.deepEqual(v.outside, [], "requests outside 127.0.0.1");
  } finally {
    await v.close();
  }
});

test("lite: completions for zeros and its array, and a hover type, from the TypeScript service", async () => {
  const v = await visit();
  try {
    const { page } = v;
    await openNotebook(page, lessonNames[0]);
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
    assert.deepEqual(v.outside, [], "requests outside 127.0.0.1");
  } finally {
    await v.close();
  }
});

test("lite: the training lesson's live cost curve grows while the model trains", async () => {
  // the lesson whose training cell draws the live curve (07 since lesson 06 was split), found by its code
  const cellsOf = (n: string) =>
    (JSON.parse(readFileSync(join(notebooksDir, n), "utf8")) as { cells: NotebookCell[] }).cells;
  const isTraining = (c: NotebookCell) => c.cell_type === "code" && cellSource(c).includes("liveCostCurve(");
  const name = lessonNames.find((n) => cellsOf(n).some(isTraining));
  assert.ok(name, "a lesson trains with liveCostCurve");
  const cells = cellsOf(name);
  const training = cells.findIndex(isTraining);
  assert.ok(training > 0, `${name} has the training cell with liveCostCurve`);
  const v = await visit();
  try {
    const { page } = v;
    await openNotebook(page, name);
    // The cells the training cell needs (the imports, the data), then the training cell: the student's way to
    // get there without the lesson's minutes of other experiments.
    const imports = cells.findIndex((c) => c.cell_type === "code");
    const dataCell = cells.findIndex((c) => c.cell_type === "code" && /\bconst\s+trainX\b/.test(cellSource(c)));
    assert.ok(imports >= 0 && dataCell > imports && dataCell < training, `${name} loads its data before training`);
    for (const index of [imports, dataCell]) {
      const prompt = page.locator(`.jp-Notebook .jp-Cell[data-windowed-list-index="${index}"] .jp-InputPrompt`);
      await prompt.scrollIntoViewIfNeeded();
      await prompt.click();
      await page.keyboard.press("Control+Enter");
      await page.waitForFunction(
        (i) =>
          /\[\d+\]/.test(
            document.querySelector(`.jp-Cell[data-windowed-list-index="${i}"] .jp-InputPrompt`)?.textContent ?? "",
          ),
        index,
        { timeout: RUN_TIMEOUT, polling: 250 },
      );
    }
    const cell = page.locator(`.jp-Notebook .jp-Cell[data-windowed-list-index="${training}"]`);
    await cell.scrollIntoViewIfNeeded();
    await cell.locator(".jp-InputPrompt").click();
    await page.keyboard.press("Control+Enter");
    /**
     * Points on the curve as the cell shows it: while training a picture (an <img> of an SVG whose first
     * `<polyline data-trace>` has one x,y pair per point), at the end the Plotly figure; -1 while nothing is shown.
     */
    const drawnPoints = (i: number): number => {
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
    };
    const points = () => page.evaluate(`(${drawnPoints.toString()})(${training})`) as Promise<number>;
    await page.waitForFunction(`(${drawnPoints.toString()})(${training}) >= 2`, null, {
      timeout: RUN_TIMEOUT,
      polling: 200,
    });
    const early = await points();
    await page.waitForFunction(`(${drawnPoints.toString()})(${training}) > ${early}`, null, {
      timeout: RUN_TIMEOUT,
      polling: 200,
    });
    assert.match(
      (await cell.locator(".jp-InputPrompt").textContent()) ?? "",
      /\*/,
      "the curve grew while the cell was still running",
    );
    await cell.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshots, "lite-live-curve-mid-training.png") });
    assert.ok((await points()) > early, "more points than at first");
    // The rest of the 2000 steps adds nothing to the test: Restart ends them (as a student can).
    await menu(page, "Kernel", /^Restart Kernel…/);
    await page.locator(".jp-Dialog button", { hasText: /^Restart$/ }).click();
    await page.getByText(IDLE).waitFor({ timeout: LOAD_TIMEOUT });
    assert.deepEqual(v.errors, [], "uncaught page errors");
    assert.deepEqual(v.outside, [], "requests outside 127.0.0.1");
  } finally {
    await v.close();
  }
});
