/**
 * The lesson notebooks as students use them: the project environment's real JupyterLab 4 (and Notebook 7) in
 * headless Chromium, on a copy of notebooks/ (see fixtures/lab.ts). For every lesson notebook: Run All; no error
 * output; one drawn Plotly plot per Plotly output and a visible picture per computation-graph drawing; save;
 * reopen as an untrusted notebook (as from git): plots and drawings still shown; one cell run again gives the
 * same output. Then the dark theme (drawings and plots keep a light background of their own, dark ink on it),
 * errors as a student sees them (the library's message first), and one notebook in Notebook 7.
 * Screenshots: build/screenshots/lab-*.png, nb7-*.png. Run All times are printed, not asserted.
 */
import { KERNELSPEC } from "../src/core/definitions";
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Browser, Page } from "playwright-core";
import { JupyterServer, lessonNotebooks, startJupyter } from "./fixtures/lab";
import { readdirSync } from "node:fs";
import {
  DRAWING_SELECTOR,
  PLOTLY_MIME,
  STDERR_SELECTOR,
  SavedOutput,
  activatePlots,
  elementPng,
  launchChromium,
  painted,
  closeCurrent,
  loadPage,
  runCellForError,
  measureContrast,
  notebookState,
  openInLab,
  pageBackgroundLuminance,
  rendered,
  runAll,
  runCell,
  saveNotebook,
  scrollThroughOutputs,
  setTheme,
  shutdownKernel,
  waitForNotebook,
  waitForOutputs,
  DrawnPlot,
  FigureSummary,
  LiveSample,
  drawnPlots,
  liveSamples,
  plainTitle,
  recordLiveOutput,
  savedPlots,
  stopRecording,
} from "./fixtures/lab-page";
import { notebooksDir, projectDir } from "./fixtures/jupyter";

const screenshots = path.join(projectDir, "build", "screenshots");
const SVG_MIME = "image/svg+xml";
/** Lab user settings for the test server: no news or update pop-ups over the screenshots. */
const QUIET_SETTINGS = {
  "@jupyterlab/apputils-extension:notification": { fetchNews: "false", checkForUpdates: false },
};
const NOTEBOOK_TIMEOUT = 900_000;

interface NotebookResult {
  frontEnd: string;
  notebook: string;
  runAllSeconds: number;
  plotOutputs: number;
  plotsFirstRun: number;
  plotsReopened: number;
  plotsReopenedAsPicture: number;
  drawingOutputs: number;
  drawingsFirstRun: number;
  drawingsReopened: number;
  rerunCell: number;
}

/** How a front end opens and closes a notebook. */
interface Viewer {
  name: "lab" | "nb7";
  server: JupyterServer;
  open(notebook: string): Promise<Page>;
  close(page: Page): Promise<void>;
}

const results: NotebookResult[] = [];
let lab: JupyterServer | undefined;
let browser: Browser | undefined;
let labPage: Page | undefined;

/** JupyterLab: one page for the whole run; notebooks open and close in it as from the file browser. */
function labViewer(server: JupyterServer, page: Page): Viewer {
  return {
    name: "lab",
    server,
    open: async (notebook) => {
      await openInLab(page, notebook);
      return page;
    },
    close: closeCurrent,
  };
}

/** Notebook 7: one page per notebook (/notebooks/<path>), as Notebook 7 opens each in its own tab. */
function nb7Viewer(server: JupyterServer, b: Browser): Viewer {
  return {
    name: "nb7",
    server,
    open: async (notebook) => {
      const page = await loadPage(b, `${server.baseUrl}/notebooks/${encodeURIComponent(notebook)}`);
      await waitForNotebook(page, notebook);
      return page;
    },
    close: (page) => page.close(),
  };
}

before(async () => {
  mkdirSync(screenshots, { recursive: true });
  browser = await launchChromium();
  lab = await startJupyter({ frontEnd: "lab", runName: "lab", settings: QUIET_SETTINGS });
  labPage = await loadPage(browser, `${lab.baseUrl}/lab?reset`);
  await labPage.waitForFunction(() => (window as any).jupyterapp?.commands?.hasCommand("docmanager:open"), null, {
    timeout: 180_000,
  });
  // opening a document before Lab has restored its (reset) workspace would be undone by the restore
  await labPage.evaluate(() => (window as any).jupyterapp.restored.then(() => undefined));
});

after(async () => {
  await browser?.close();
  await lab?.stop();
  if (results.length) {
    console.log(
      `\nnotebook | Run All s | plot outputs | drawn first run | shown reopened (as saved picture) | drawings: outputs / first run / reopened`,
    );
    for (const r of results) {
      console.log(
        `${r.frontEnd} ${r.notebook} | ${r.runAllSeconds.toFixed(1)} | ${r.plotOutputs} | ${r.plotsFirstRun} | ${r.plotsReopened} (${r.plotsReopenedAsPicture}) | ` +
          `${r.drawingOutputs} / ${r.drawingsFirstRun} / ${r.drawingsReopened}`,
      );
    }
    writeFileSync(path.join(projectDir, "build", "lab-tests", "results.json"), JSON.stringify(results, null, 2));
  }
});

function readSaved(file: string): {
  cells: { cell_type: string; source?: string | string[]; outputs?: SavedOutput[] }[];
  metadata: { [k: string]: unknown };
} {
  return JSON.parse(readFileSync(file, "utf8"));
}

function countSaved(nb: ReturnType<typeof readSaved>, mime: string): number {
  return nb.cells.reduce((n, c) => n + (c.outputs ?? []).filter((o) => o.data && mime in o.data).length, 0);
}

/**
 * An output as it must come again when its cell is run again: the figure, the drawing, the text. Left out:
 * a plot's HTML part (it carries a fresh random element id) and the PNG that the Plotly renderer adds itself.
 */
function comparable(outputs: SavedOutput[]): unknown[] {
  return outputs.map((o) => {
    const data = { ...(o.data ?? {}) };
    if (PLOTLY_MIME in data) {
      delete data["text/html"];
      delete data["image/png"];
    }
    return { type: o.output_type, name: o.name, text: [o.text ?? ""].flat().join(""), data };
  });
}

/** The page's error outputs as text, for assertion messages. */
async function shownErrors(page: Page): Promise<string[]> {
  return page.locator(STDERR_SELECTOR).allTextContents();
}

/** Scrolls the first plot or drawing (or the top) into view and saves a screenshot of the window. */
async function screenshot(page: Page, name: string): Promise<void> {
  const first = page.locator(`.jp-RenderedPlotly, ${DRAWING_SELECTOR}`).first();
  if (await first.count()) await first.scrollIntoViewIfNeeded();
  // cells that just came into view are painted on a later frame (content-visibility)
  await painted(page);
  await page.screenshot({ path: path.join(screenshots, name) });
}

/** Marks the saved notebook as coming from elsewhere: its content no longer matches Jupyter's trust signature. */
function makeUntrusted(file: string): void {
  const nb = readSaved(file);
  nb.metadata.dlnotes_test = "reopened from disk as an untrusted notebook";
  writeFileSync(file, JSON.stringify(nb, null, 1));
}

/** The cell that draws a live curve while it trains is found by its code (lessons get split and renumbered). */
const LIVE_CURVE_CODE = /\bliveCostCurve\s*\(/;
/** The live curve's title while training runs ("... (training: iteration 400, cost 0.52)"); the final figure's has none. */
const TRAINING_TITLE = /\(training\b/;

/** The saved Plotly figures of a saved notebook file, by cell index, summarized. */
function savedFigures(nb: ReturnType<typeof readSaved>): { [cellIndex: number]: FigureSummary[] } {
  return savedPlots({
    path: "",
    kernelStatus: "",
    codeCells: nb.cells
      .map((c, index) => ({ index, count: null, source: "", outputs: c.outputs ?? [] }))
      .filter((c) => nb.cells[c.index].cell_type === "code"),
  });
}

/**
 * Every plot drawn on the page is the figure saved for it: per code cell the same number of plots, and per plot
 * the same title (also as drawn in its SVG) and per trace the same type and number of points (also as Plotly
 * computed them for drawing a scatter trace).
 */
function assertDrawnAsSaved(
  what: string,
  drawn: { [cellIndex: number]: DrawnPlot[] },
  saved: { [cellIndex: number]: FigureSummary[] },
): void {
  const cells = [...new Set([...Object.keys(drawn), ...Object.keys(saved)].map(Number))].sort((a, b) => a - b);
  for (const cell of cells) {
    const d = drawn[cell] ?? [];
    const s = saved[cell] ?? [];
    assert.equal(d.length, s.length, `${what}: cell ${cell}: ${d.length} plot(s) drawn, ${s.length} saved`);
    d.forEach((plot, k) => {
      const where = `${what}: cell ${cell}, plot ${k + 1}`;
      assert.deepEqual(
        { title: plot.title, traces: plot.traces },
        s[k],
        `${where}: the drawn figure (gd.data, gd.layout) differs from the saved figure`,
      );
      assert.equal(plainTitle(plot.drawnTitle), plainTitle(s[k].title), `${where}: the title drawn in the plot`);
      plot.traces.forEach((t, i) => {
        if (t.type === "scatter")
          assert.equal(
            plot.computed[i],
            s[k].traces[i].points,
            `${where}: trace ${i + 1}: points Plotly computed for drawing`,
          );
      });
    });
  }
}

/** Total points of a live-curve sample. */
const totalPoints = (s: LiveSample) => s.points.reduce((a, b) => a + b, 0);

/**
 * While the live-curve cell runs: once the curve shows its first points, takes a screenshot of the window with the
 * curve in view; says whether the curve was still training after the screenshot was taken.
 */
async function screenshotLiveCurve(page: Page, cellIndex: number, file: string): Promise<{ midTraining: boolean }> {
  // a training state with points, or the finished figure (training was over before the page drew a point), or the
  // end of Run All (the page never drew a point: the assertions after Run All say so)
  await page.waitForFunction(
    (pattern) =>
      (window as any).__dlnotesLive?.runDone ||
      ((window as any).__dlnotesLive?.samples ?? []).some(
        (s: any) => !new RegExp(pattern).test(s.title) || s.points.some((n: number) => n > 0),
      ),
    TRAINING_TITLE.source,
    { timeout: NOTEBOOK_TIMEOUT, polling: 100 },
  );
  // The front end may scroll the notebook while cells run: scroll the live cell's output into view, take the
  // screenshot, and keep it only if the output was in view, at the same place, before and after it.
  const place = () =>
    page.evaluate((i) => {
      const r = (window as any).jupyterapp.shell.currentWidget.content.widgets[
        i
      ].outputArea.node.getBoundingClientRect();
      return {
        top: Math.round(r.top),
        bottom: Math.round(r.bottom),
        inView: r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight,
      };
    }, cellIndex);
  for (let attempt = 1; ; attempt++) {
    await page.evaluate(
      (i) =>
        (window as any).jupyterapp.shell.currentWidget.content.widgets[i].outputArea.node.scrollIntoView({
          block: "center",
        }),
      cellIndex,
    );
    const before = await place();
    await page.screenshot({ path: path.join(screenshots, file) });
    const after = await place();
    if (before.inView && after.inView && before.top === after.top) break;
    assert.ok(
      attempt < 10,
      `the live curve's output could not be kept in view for a screenshot (${JSON.stringify({ before, after })})`,
    );
  }
  const after = await liveSamples(page);
  return { midTraining: after.length > 0 && TRAINING_TITLE.test(after[after.length - 1].title) };
}

/**
 * The whole check of one notebook in one front end (see the file comment). `url(name)` is the page that opens
 * the notebook. Returns what was measured.
 */
async function checkNotebook(viewer: Viewer, notebook: string): Promise<NotebookResult> {
  const { server, name: frontEnd } = viewer;
  const stem = notebook.replace(/\.ipynb$/, "");
  // DLNOTES_LAB_TRACE=1 prints how long each step took (to see where the time goes on a busy machine)
  const started = Date.now();
  const trace = (step: string) =>
    process.env.DLNOTES_LAB_TRACE &&
    console.log(`  ${frontEnd} ${notebook}: ${step} at ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const file = path.join(server.rootDir, notebook);

  // 1. Run All in a fresh page
  const page = await viewer.open(notebook);
  let runAllSeconds: number;
  let plotsFirstRun: number;
  let drawingsFirstRun: number;
  try {
    trace("opened");
    const before = await notebookState(page);
    const liveCell = before.codeCells.find((c) => LIVE_CURVE_CODE.test(c.source))?.index;
    let liveShot: Promise<{ midTraining: boolean }> | undefined;
    if (liveCell !== undefined) {
      await recordLiveOutput(page, liveCell);
      liveShot = screenshotLiveCurve(page, liveCell, `${frontEnd}-${stem}-live-mid-training.png`);
    }
    const run = await runAll(page);
    runAllSeconds = run.seconds;
    if (liveCell !== undefined && liveShot) {
      await page.evaluate(() => ((window as any).__dlnotesLive.runDone = true));
      const { midTraining } = await liveShot;
      const samples = await stopRecording(page);
      console.log(
        `${frontEnd} ${notebook}: live curve (cell ${liveCell}) as drawn: ${samples.map((s) => `${s.shownAs} ${s.points.join("+")}${TRAINING_TITLE.test(s.title) ? "" : " (final)"} @${s.at} ms`).join(", ")}; screenshot ${midTraining ? "mid-training" : "after training"}`,
      );
      const training = samples.filter((s) => TRAINING_TITLE.test(s.title)).map(totalPoints);
      assert.ok(
        training.length >= 2 &&
          training[training.length - 1] > training[0] &&
          training.every((n, i) => i === 0 || n >= training[i - 1]),
        `${notebook}: cell ${liveCell}: the live curve must grow while training runs; points drawn during training: [${training.join(", ")}]`,
      );
      const final = samples[samples.length - 1];
      const savedLive = savedPlots(run.state)[liveCell]?.[0];
      assert.ok(savedLive, `${notebook}: cell ${liveCell}: no Plotly figure in the live curve's output`);
      assert.deepEqual(
        { shownAs: final.shownAs, title: final.title, points: final.points },
        { shownAs: "plotly", title: savedLive.title, points: savedLive.traces.map((t) => t.points) },
        `${notebook}: cell ${liveCell}: after training, the drawn live curve must be the complete figure`,
      );
    }
    console.log(`${frontEnd} ${notebook}: Run All ${runAllSeconds.toFixed(1)} s`);
    await scrollThroughOutputs(page);
    trace("scrolled");
    assert.deepEqual(await shownErrors(page), [], `${notebook}: error output shown`);
    const modelPlots = run.state.codeCells.reduce(
      (n, c) => n + c.outputs.filter((o) => o.data && PLOTLY_MIME in o.data).length,
      0,
    );
    await page
      .waitForFunction(
        (n) =>
          Array.from(document.querySelectorAll(".jp-RenderedPlotly.js-plotly-plot")).filter((p) =>
            p.querySelector(".main-svg"),
          ).length >= n,
        modelPlots,
        { timeout: 60_000 },
      )
      .catch(async (error) => {
        const drawn = await page.evaluate(
          () =>
            Array.from(document.querySelectorAll(".jp-RenderedPlotly.js-plotly-plot")).filter((p) =>
              p.querySelector(".main-svg"),
            ).length,
        );
        throw new Error(
          `${notebook}: ${drawn} of ${modelPlots} Plotly outputs drawn after 60 s: ${String(error).split("\n")[0]}`,
        );
      });
    const modelDrawings = run.state.codeCells.reduce(
      (n, c) => n + c.outputs.filter((o) => o.data && SVG_MIME in o.data).length,
      0,
    );
    await waitForOutputs(page, modelPlots, modelDrawings);
    const shown = await rendered(page);
    plotsFirstRun = shown.interactive;
    drawingsFirstRun = shown.drawings;
    await screenshot(page, `${frontEnd}-${stem}.png`);
    trace("plots counted");
    await saveNotebook(page);
    trace("saved");
    assertDrawnAsSaved(`${notebook} after Run All`, await drawnPlots(page), savedFigures(readSaved(file)));
  } finally {
    await viewer.close(page);
  }

  // 2. What Lab saved: the outputs counted in the file itself
  const saved = readSaved(file);
  const plotOutputs = countSaved(saved, PLOTLY_MIME);
  const drawingOutputs = countSaved(saved, SVG_MIME);
  const savedErrors = saved.cells.flatMap((c) => (c.outputs ?? []).filter((o) => o.name === "stderr"));
  assert.deepEqual(savedErrors, [], `${notebook}: stderr outputs in the saved notebook`);
  assert.equal(plotsFirstRun, plotOutputs, `${notebook}: Plotly plots drawn after Run All vs Plotly outputs saved`);
  assert.equal(
    drawingsFirstRun,
    drawingOutputs,
    `${notebook}: graph drawings shown after Run All vs SVG outputs saved`,
  );

  // 3. Reopen from disk, untrusted
  makeUntrusted(file);
  const reopened = await viewer.open(notebook);
  trace("reopened");
  try {
    const trusted = await reopened.evaluate(
      () =>
        Array.from((window as any).jupyterapp.shell.currentWidget.content.model.cells as Iterable<any>).filter(
          (c) => c.type === "code" && c.trusted,
        ).length,
    );
    assert.equal(trusted, 0, `${notebook}: the reopened notebook should be untrusted`);
    await scrollThroughOutputs(reopened);
    await waitForOutputs(reopened, plotOutputs, drawingOutputs);
    const shown = await rendered(reopened);
    const plotsReopenedAsPicture = shown.pictures;
    const plotsReopened =
      shown.plotlyOutputs &&
      (await reopened.evaluate(
        () =>
          Array.from(document.querySelectorAll(".jp-RenderedPlotly")).filter((p) =>
            Array.from(p.querySelectorAll("img.plot-img, .main-svg")).some(
              (e) => (e as HTMLElement).getBoundingClientRect().width > 0 && getComputedStyle(e).display !== "none",
            ),
          ).length,
      ));
    assert.equal(
      shown.plotlyOutputs,
      plotOutputs,
      `${notebook}: reopened: Plotly outputs handed to the Plotly renderer`,
    );
    assert.equal(plotsReopened, plotOutputs, `${notebook}: reopened: plots shown (saved picture or drawn)`);
    assert.equal(shown.drawings, drawingOutputs, `${notebook}: reopened: graph drawings shown`);
    await screenshot(reopened, `${frontEnd}-${stem}-reopened.png`);
    trace("reopened, counted");
    await activatePlots(reopened);
    trace("plots activated");
    assert.equal(
      (await rendered(reopened)).interactive,
      plotOutputs,
      `${notebook}: reopened: plots drawn interactively on mouse-over`,
    );
    assertDrawnAsSaved(`${notebook} reopened`, await drawnPlots(reopened), savedFigures(readSaved(file)));

    // 4. One cell again (the first with a plot or drawing, else the last with output): the same output
    const state = await notebookState(reopened);
    const rich = state.codeCells.find((c) =>
      c.outputs.some((o) => o.data && (PLOTLY_MIME in o.data || SVG_MIME in o.data)),
    );
    const cell = rich ?? [...state.codeCells].reverse().find((c) => c.outputs.length) ?? state.codeCells[0];
    const after = await runCell(reopened, cell.index);
    trace(`cell ${cell.index} run again`);
    const again = after.codeCells.find((c) => c.index === cell.index);
    assert.deepEqual(
      comparable(again?.outputs ?? []),
      comparable(cell.outputs),
      `${notebook}: cell ${cell.index} run again gives other output`,
    );
    assert.deepEqual(
      await shownErrors(reopened),
      [],
      `${notebook}: error output after running cell ${cell.index} again`,
    );
    await shutdownKernel(reopened);
    trace("kernel shut down");
    return {
      frontEnd,
      notebook,
      runAllSeconds,
      plotOutputs,
      plotsFirstRun,
      plotsReopened,
      plotsReopenedAsPicture,
      drawingOutputs,
      drawingsFirstRun,
      drawingsReopened: shown.drawings,
      rerunCell: cell.index,
    };
  } finally {
    await viewer.close(reopened);
    trace("closed");
  }
}

// DLNOTES_LAB_ONLY=0[45] checks only the notebooks whose names match (quick runs while working on some).
const only = process.env.DLNOTES_LAB_ONLY ? new RegExp(process.env.DLNOTES_LAB_ONLY) : undefined;
for (const notebook of lessonNotebooks().filter((n) => !only || only.test(n))) {
  test(
    `JupyterLab 4: ${notebook}: Run All without errors, every plot and drawing shown, also reopened untrusted; a cell run again gives the same output`,
    { timeout: NOTEBOOK_TIMEOUT },
    async () => {
      assert.ok(lab && labPage);
      results.push(await checkNotebook(labViewer(lab, labPage), notebook));
    },
  );
}

/** Notebooks of the server's folder that, as saved now, have outputs of `mime`. */
function savedWith(server: JupyterServer, mime: string): string[] {
  return readdirSync(server.rootDir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort()
    .filter((f) => countSaved(readSaved(path.join(server.rootDir, f)), mime) > 0);
}

/** Screenshot of a picture, measured: its own background must be light and its darkest ink readable on it. */
async function assertReadable(page: Page, what: string, picture: ReturnType<Page["locator"]>): Promise<void> {
  const m = await measureContrast(page, await elementPng(picture));
  const where = `${what}: background luminance ${m.background.toFixed(3)}, darkest ink ${m.ink.toFixed(3)}, contrast ${m.contrast.toFixed(1)}`;
  assert.ok(
    m.background > m.ink && m.contrast >= 4.5,
    `${where}: dark ink without a light background of its own is unreadable on the dark theme`,
  );
}

test(
  "JupyterLab 4, dark theme: graph drawings and plots keep a light background of their own with readable dark ink",
  { timeout: NOTEBOOK_TIMEOUT },
  async () => {
    assert.ok(lab && labPage);
    const page = labPage;
    // the notebooks as the tests above saved them (with outputs, untrusted): one with drawings, and one with plots,
    // preferably 04 (curves, a surface and an animation: axis text and lines, not only pictures)
    const withDrawings = savedWith(lab, SVG_MIME)[0];
    const plotted = savedWith(lab, PLOTLY_MIME);
    const withPlots = plotted.find((n) => n.startsWith("04")) ?? plotted[0];
    assert.ok(
      withDrawings && withPlots,
      `need saved notebooks with drawings and with plots (got ${withDrawings}, ${withPlots}): the tests above must have run`,
    );
    await setTheme(page, "JupyterLab Dark");
    try {
      assert.ok((await pageBackgroundLuminance(page)) < 0.05, "the dark theme is in effect");
      for (const notebook of [...new Set([withDrawings, withPlots])]) {
        await openInLab(page, notebook);
        try {
          await scrollThroughOutputs(page);
          const drawings = page.locator(DRAWING_SELECTOR);
          for (let i = 0; i < (await drawings.count()); i++)
            await assertReadable(page, `${notebook} drawing ${i}`, drawings.nth(i));
          const pictures = page.locator(".jp-RenderedPlotly img.plot-img");
          for (let i = 0; i < (await pictures.count()); i++) {
            if (await pictures.nth(i).isVisible())
              await assertReadable(page, `${notebook} saved plot picture ${i}`, pictures.nth(i));
          }
          await activatePlots(page);
          const plots = page.locator(".jp-RenderedPlotly");
          for (let i = 0; i < (await plots.count()); i++)
            await assertReadable(page, `${notebook} plot ${i} drawn in the dark theme`, plots.nth(i));
          await page.mouse.move(0, 0);
          await screenshot(page, `lab-dark-${notebook.replace(/\.ipynb$/, "")}.png`);
          await shutdownKernel(page);
        } finally {
          await closeCurrent(page);
        }
      }
    } finally {
      await setTheme(page, "JupyterLab Light");
    }
  },
);

test(
  "JupyterLab 4: a thrown ShapeError and a rank-1 matmul type error show the library's message first, without dist/ paths",
  { timeout: NOTEBOOK_TIMEOUT },
  async () => {
    assert.ok(lab && labPage);
    const page = labPage;
    const notebook = "lab-errors.ipynb";
    const cells = [
      'import { add, zeros } from "dlnotes";',
      "add(zeros([3, 2]), zeros([4]));",
      "zeros([3]).matmul(zeros([3]));",
    ];
    writeFileSync(
      path.join(lab.rootDir, notebook),
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: { kernelspec: KERNELSPEC },
        cells: cells.map((source, i) => ({
          id: `e${i}`,
          cell_type: "code",
          metadata: {},
          source,
          outputs: [],
          execution_count: null,
        })),
      }),
    );
    await openInLab(page, notebook);
    try {
      await runCell(page, 0);
      const thrown = await runCellForError(page, 1);
      const typeError = await runCellForError(page, 2);
      await scrollThroughOutputs(page);
      await page.screenshot({ path: path.join(screenshots, "lab-errors.png") });
      const shown = await page.locator(STDERR_SELECTOR).allInnerTexts();
      console.log(`what the student sees:\n${shown.join("\n---\n")}`);

      assert.equal(
        thrown.split("\n")[0],
        "ShapeError: add: operands could not be broadcast together with shapes (3,2) (4,)",
        thrown,
      );
      assert.doesNotMatch(thrown, /dist[\\/]|node_modules|node:/, "no library, tslab or Node frames under the message");
      const firstTypeLine = typeError.split("\n")[0];
      assert.match(
        firstTypeLine,
        /NDArray<\[number\]>.*NDArray<\[number, number\]>/,
        `the first line names the rank-1 operand and the 2-D type matmul needs: ${typeError}`,
      );
      assert.doesNotMatch(typeError, /dist[\\/]|node_modules/, typeError);
      assert.equal(shown.length, 2, "two error outputs on the page");
      assert.equal(shown[0].split("\n")[0], thrown.split("\n")[0], "the page shows the message first");
      assert.equal(shown[1].split("\n")[0], firstTypeLine, "the page shows the type error first");
      await shutdownKernel(page);
    } finally {
      await closeCurrent(page);
    }
  },
);

/** The lesson notebook whose code draws a live curve (found by its code: lessons get split and renumbered). */
function liveCurveNotebook(): string | undefined {
  return lessonNotebooks().find((n) =>
    readSaved(path.join(notebooksDir, n)).cells.some(
      (c) => c.cell_type === "code" && LIVE_CURVE_CODE.test([c.source ?? ""].flat().join("")),
    ),
  );
}

test(
  "Notebook 7: a lesson notebook with plots and the one with the live curve, the same checks as in JupyterLab",
  { timeout: 2 * NOTEBOOK_TIMEOUT },
  async () => {
    assert.ok(browser);
    const withPlots = lab ? savedWith(lab, PLOTLY_MIME) : [];
    const plotted = lessonNotebooks().find((n) => n.startsWith("04")) ?? withPlots[0] ?? lessonNotebooks()[0];
    const live = liveCurveNotebook();
    assert.ok(live, "a lesson notebook draws a live curve (liveCostCurve)");
    const notebooks = [...new Set([plotted, live])].filter((n) => !only || only.test(n));
    const nb7 = await startJupyter({ frontEnd: "notebook", runName: "nb7", settings: QUIET_SETTINGS });
    try {
      for (const notebook of notebooks) {
        const result = await checkNotebook(nb7Viewer(nb7, browser), notebook);
        results.push(result);
        assert.ok(result.plotOutputs > 0, `${notebook} has plots`);
      }
    } finally {
      await nb7.stop();
    }
  },
);
