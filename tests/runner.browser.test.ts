/**
 * The runnable course notes (issue 12) in headless Chromium with every request that is not file:// (or the
 * page's own blob: worker) blocked. For every lesson page: Run all gives the kernel's text outputs (numbers to
 * the printed precision; cells tagged `volatile` skipped) and as many plots and drawings; running everything
 * twice gives the same outputs (pages other than 07, whose Run all trains for minutes); the compiler loads only on the first Run and the first load stays
 * within PAGE_BUDGET_BYTES. Every drawn plot is compared with the figure the kernel sent (traces, points per trace,
 * title); a live curve (07's training) is sampled while Run all runs: its point count must grow, and at the end it
 * is the saved figure (screenshot build/screenshots/run-live-curve-mid-training.png).
 * Then, like a reader: a cell run before its earlier cells offers to run them; an edited learning rate
 * changes the output; a rank-1 matmul gives the type error with line and column; a ShapeError shows its
 * message; `while (true) {}` is stopped, and the page runs again afterwards. Screenshots: build/screenshots/run-*.png.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Browser, Page } from "playwright-core";
import { launchChromium } from "./fixtures/browser";
import { PAGE_BUDGET_BYTES, PLOTLY_MIME } from "../src/core/definitions";
import {
  cellSource,
  codeCells,
  compareText,
  kernelPictures,
  kernelText,
  prepareRunnerSite,
  RunnerPage,
  type NotebookCell,
} from "./fixtures/runner-site";
import {
  idle,
  openPage,
  replaceCode,
  runAll,
  runCell,
  RUN_TIMEOUT,
  screenshots,
  type RunnerWindow,
  type Visit,
} from "./fixtures/runner-page";
/**
 * Lessons whose Run all trains for minutes (07: thousands of gradient steps on 12288x209) run once; every other
 * page runs twice and must give the same outputs again (the test stays within a few minutes).
 */
const RUN_ONCE = /^07-/;

let browser: Browser;
let site: { dir: string; pages: RunnerPage[] };

before(async () => {
  site = await prepareRunnerSite();
  mkdirSync(screenshots, { recursive: true });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

function open(file: string): Promise<Visit> {
  return openPage(browser, file);
}

/** What a drawn plot holds: title and points per trace (x, else y, else z). */
interface DrawnFigure {
  title: string;
  points: number[];
}

/** The figures a cell's kernel outputs sent, as DrawnFigure. */
function kernelFigures(cell: NotebookCell): DrawnFigure[] {
  return (cell.outputs ?? [])
    .map(
      (o) =>
        o.data?.[PLOTLY_MIME] as
          | { data: { x?: unknown[]; y?: unknown[]; z?: unknown[] }[]; layout?: { title?: string | { text?: string } } }
          | undefined,
    )
    .filter((f): f is NonNullable<typeof f> => f !== undefined)
    .map((f) => ({
      title: typeof f.layout?.title === "string" ? f.layout.title : (f.layout?.title?.text ?? ""),
      points: f.data.map((t) => (t.x ?? t.y ?? t.z ?? []).length),
    }));
}

/**
 * Runs all cells; meanwhile the page records the point count of the newest plot whose title says it is training (a
 * live curve) each time it changes, and one screenshot is taken once such a plot has 10 points and Run all is
 * still running. Returns the run and the recorded counts (points of the live plot's first trace).
 */
async function runAllSampling(
  page: Page,
  name: string,
): Promise<{ run: { ms: number; ok: boolean }; samples: number[] }> {
  await page.evaluate(() => {
    type Gd = HTMLElement & { data?: { x?: unknown[]; y?: unknown[] }[]; layout?: { title?: { text?: string } } };
    const w = window as unknown as RunnerWindow & { liveSamples: number[] };
    w.dlnotesRunner.state.lastRunAll = null;
    w.liveSamples = [];
    const timer = setInterval(() => {
      // While training, a live curve is a picture (an <img> of an SVG whose title says "(training…" and whose first
      // <polyline data-trace> has one x,y pair per point); a Plotly plot with such a title counts too.
      const pictures = Array.from(
        document.querySelectorAll<HTMLImageElement>(".dlnotes-run-outputs img[src^='data:image/svg+xml']"),
      ).flatMap((img) => {
        const svg = new DOMParser().parseFromString(
          decodeURIComponent(img.src.slice(img.src.indexOf(",") + 1)),
          "image/svg+xml",
        );
        if (!/\(training/.test(svg.querySelector("[data-role=title]")?.textContent ?? "")) return [];
        const line = svg.querySelector("polyline[data-trace]")?.getAttribute("points")?.trim() ?? "";
        return [line === "" ? 0 : line.split(/\s+/).length];
      });
      const plots = Array.from(document.querySelectorAll<Gd>(".dlnotes-run-outputs .js-plotly-plot")).filter((gd) =>
        /\(training/.test(gd.layout?.title?.text ?? ""),
      );
      const trace = plots[plots.length - 1]?.data?.[0];
      const points =
        pictures.length > 0 ? pictures[pictures.length - 1] : trace ? (trace.x ?? trace.y ?? []).length : -1;
      if (points >= 0 && w.liveSamples[w.liveSamples.length - 1] !== points) w.liveSamples.push(points);
      if (w.dlnotesRunner.state.lastRunAll !== null) clearInterval(timer);
    }, 50);
  });
  await page.getByRole("button", { name: "▶▶ Run all" }).click();
  const midway = await page.waitForFunction(
    () => {
      const w = window as unknown as RunnerWindow & { liveSamples: number[] };
      if (w.dlnotesRunner.state.lastRunAll !== null) return "done";
      return w.liveSamples.some((n) => n >= 10) ? "training" : false;
    },
    null,
    { timeout: RUN_TIMEOUT, polling: 100 },
  );
  if ((await midway.jsonValue()) === "training") {
    // The picture is replaced on every update, so scroll to its cell's output area in one step in the page
    // (a locator could resolve a picture that is gone by the time it scrolls).
    await page.evaluate(() => {
      const pictures = document.querySelectorAll(".dlnotes-run-outputs img[src^='data:image/svg+xml']");
      pictures[pictures.length - 1]?.closest(".dlnotes-run-outputs")?.scrollIntoView({ block: "center" });
    });
    await page.screenshot({ path: join(screenshots, `run-live-curve-mid-training-${name}.png`) });
  }
  await page.waitForFunction(() => (window as unknown as RunnerWindow).dlnotesRunner.state.lastRunAll !== null, null, {
    timeout: RUN_TIMEOUT,
    polling: 250,
  });
  return page.evaluate(() => {
    const w = window as unknown as RunnerWindow & { liveSamples: number[] };
    return { run: w.dlnotesRunner.state.lastRunAll!, samples: w.liveSamples };
  });
}

interface CellOutput {
  id: string;
  text: string;
  errors: string[];
  plots: number;
  drawings: number;
  figures: DrawnFigure[];
}

/** What each code cell shows after running, by notebook cell id. */
async function pageOutputs(page: Page): Promise<Map<string, CellOutput>> {
  // Plotly draws after the output arrives: count once every plot has its drawing
  await page.waitForFunction(
    () => Array.from(document.querySelectorAll(".js-plotly-plot")).every((p) => p.querySelector(".main-svg")),
    null,
    { timeout: 60_000 },
  );
  const rows = await page.$$eval(".jp-CodeCell", (cells) =>
    cells.map((c) => {
      const outs = Array.from(c.querySelectorAll<HTMLElement>(".dlnotes-run-output"));
      const text = outs
        .filter((o) => o.dataset.kind === "stdout" || o.dataset.kind === "result")
        .map((o) => (o.dataset.kind === "result" ? `${o.textContent}\n` : o.textContent))
        .join("");
      return {
        id: c.id.replace(/^cell-id=/, ""),
        text,
        errors: outs
          .filter((o) => ["error", "type-error", "stderr", "note"].includes(o.dataset.kind ?? ""))
          .map((o) => o.textContent ?? ""),
        plots: c.querySelectorAll(".dlnotes-run-outputs .js-plotly-plot").length,
        drawings: c.querySelectorAll(".dlnotes-run-outputs img.dlnotes-run-drawing").length,
        figures: Array.from(c.querySelectorAll(".dlnotes-run-outputs .js-plotly-plot")).map((el) => {
          const gd = el as HTMLElement & {
            data?: { x?: unknown[]; y?: unknown[]; z?: unknown[] }[];
            layout?: { title?: { text?: string } };
          };
          return {
            title: gd.layout?.title?.text ?? "",
            points: (gd.data ?? []).map((t) => (t.x ?? t.y ?? t.z ?? []).length),
          };
        }),
      };
    }),
  );
  return new Map(rows.map((r) => [r.id, r]));
}

async function editCell(page: Page, id: string, edit: (code: string) => string): Promise<void> {
  const code = await page.$eval(`[id="cell-id=${id}"] .jp-InputArea-editor`, (el) =>
    el.querySelector(".cm-content")
      ? Array.from(el.querySelectorAll(".cm-line"))
          .map((l) => l.textContent ?? "")
          .join("\n")
      : (el.textContent ?? "").replace(/\n$/, ""),
  );
  await replaceCode(page, id, edit(code));
}

test("runner: every lesson page runs in the browser like the kernel", async (t) => {
  // DLNOTES_RUNNER_PAGES=06,07 checks only those pages (while working on them); npm test checks all
  const only = process.env.DLNOTES_RUNNER_PAGES?.split(",").map((p) => p.trim());
  for (const info of site.pages) {
    if (only && !only.some((p) => info.name.startsWith(p))) continue;
    await t.test(info.name, async () => {
      const visit = await open(info.html);
      try {
        const { page } = visit;
        const worker = join(site.dir, "assets", "runner", "runner-worker.js");
        assert.match((await page.locator(".dlnotes-runner-bar").textContent()) ?? "", /code on this page can be run/);
        assert.ok(
          ![...visit.loaded].some((u) => u.endsWith("runner-worker.js")),
          "the compiler is not loaded before the first Run",
        );
        const firstLoad = [...visit.loaded].reduce((s, u) => s + statSync(fileURLToPath(u)).size, 0);
        assert.ok(firstLoad < PAGE_BUDGET_BYTES, `first load ${firstLoad} bytes`);

        const { run: first, samples } = await runAllSampling(page, info.name);
        const run1 = await pageOutputs(page);
        const failed = [...run1.values()]
          .filter((c) => c.errors.length > 0)
          .map((c) => `${c.id}: ${c.errors.join(" | ")}`);
        assert.deepEqual(failed, [], "cells with an error");
        assert.ok(first.ok, "Run all finished every cell");
        assert.ok(
          [...visit.loaded].some((u) => u.endsWith("runner-worker.js")),
          "the compiler was loaded on the first Run",
        );

        const cells = codeCells(info.executed);
        let compared = 0,
          exact = 0,
          precision = 0,
          kernelPlots = 0,
          kernelDrawings = 0,
          plots = 0,
          drawings = 0;
        const mismatches: string[] = [];
        const figureMismatches: string[] = [];
        for (const cell of cells) {
          const out = run1.get(cell.id);
          assert.ok(out, `cell ${cell.id} is on the page`);
          const pics = kernelPictures(cell);
          kernelPlots += pics.plots;
          kernelDrawings += pics.drawings;
          plots += out.plots;
          drawings += out.drawings;
          if (JSON.stringify(out.figures) !== JSON.stringify(kernelFigures(cell))) {
            figureMismatches.push(
              `cell ${cell.id}: drawn ${JSON.stringify(out.figures)}, sent ${JSON.stringify(kernelFigures(cell))}`,
            );
          }
          if (cell.metadata.tags?.includes("volatile")) continue;
          compared++;
          const verdict = compareText(kernelText(cell), out.text);
          if (verdict === "exact") exact++;
          else if (verdict === "precision") precision++;
          else mismatches.push(`cell ${cell.id}: ${verdict}`);
        }
        await page.screenshot({ path: join(screenshots, `run-${info.name}.png`), fullPage: true });

        const twice = !RUN_ONCE.test(info.name);
        const second = twice ? await runAll(page) : null;
        const run2 = twice ? await pageOutputs(page) : run1;
        const changed = cells
          .filter((c) => !c.metadata.tags?.includes("volatile"))
          .filter((c) => JSON.stringify(run1.get(c.id)) !== JSON.stringify(run2.get(c.id)))
          .map((c) => `${c.id}:\n${run1.get(c.id)?.text}\n--- second run\n${run2.get(c.id)?.text}`);

        const lazy = statSync(worker).size;
        t.diagnostic(
          `${info.name}: outputs matching the kernel ${exact + precision}/${compared} (${exact} identical, ${precision} to the printed precision), ` +
            `plots ${plots}/${kernelPlots}, drawings ${drawings}/${kernelDrawings}, Run all ${(first.ms / 1000).toFixed(1)} s (${second ? `again: ${(second.ms / 1000).toFixed(1)} s` : "run once"}), ` +
            `first load ${(firstLoad / 1e6).toFixed(2)} MB, loaded on the first Run ${(lazy / 1e6).toFixed(2)} MB`,
        );
        assert.deepEqual(mismatches, [], "text outputs that differ from the kernel's");
        assert.deepEqual(
          figureMismatches,
          [],
          "drawn plots that differ from the figures sent (title, points per trace)",
        );
        const liveCell = cells.find((c) => cellSource(c).includes("liveCostCurve(") && kernelFigures(c).length > 0);
        if (liveCell) {
          const final = kernelFigures(liveCell)[0].points[0];
          t.diagnostic(
            `${info.name}: live curve points seen during Run all: ${samples.join(", ")} (saved figure: ${final})`,
          );
          const mid = samples.filter((n) => n < final);
          assert.ok(
            mid.length >= 2 && mid.every((n, i) => i === 0 || n > mid[i - 1]),
            `the live curve grew while training: ${samples.join(", ")}`,
          );
        }
        assert.equal(plots, kernelPlots, "interactive plots = the kernel's Plotly outputs");
        assert.equal(drawings, kernelDrawings, "drawings = the kernel's SVG/PNG outputs");
        if (second) assert.ok(second.ok, "the second Run all finished");
        assert.deepEqual(changed, [], "outputs that changed on the second Run all");
        assert.deepEqual(visit.errors, [], "console errors");
        assert.deepEqual(visit.blocked, [], "requests that left the page");
      } finally {
        await visit.close();
      }
    });
  }
});

test("runner: a reader edits, makes mistakes and stops a runaway loop", async (t) => {
  const lesson = (prefix: string) => {
    const p = site.pages.find((x) => x.name.startsWith(prefix));
    assert.ok(p, `lesson ${prefix} exists`);
    return p;
  };

  await t.test(
    "04: running a later cell offers the earlier ones; a new learning rate changes the descent",
    async () => {
      const info = lesson("04");
      const visit = await open(info.html);
      try {
        const { page } = visit;
        const cells = codeCells(info.executed);
        const target = cells.find((c) => cellSource(c).includes("descend1D(-3, 0.6, 12)"));
        assert.ok(target, "notebook 04 has the cell with descend1D(-3, 0.6, 12)");
        await runCell(page, target.id);
        const offer = page.locator(`[id="cell-id=${target.id}"] .dlnotes-offer`);
        await offer.waitFor({ timeout: RUN_TIMEOUT });
        assert.match((await offer.textContent()) ?? "", /earlier cells that have not run yet/);
        await offer.getByRole("button", { name: /earlier cell/ }).click();
        await page.waitForFunction(
          (id) => document.querySelector(`[id="cell-id=${id}"] .dlnotes-run-output`) !== null,
          target.id,
          { timeout: RUN_TIMEOUT },
        );
        await idle(page);
        const before = (await pageOutputs(page)).get(target.id)!;
        assert.equal(
          compareText(kernelText(target), before.text),
          "exact",
          "after running the earlier cells, the cell prints the kernel's table",
        );

        await editCell(page, target.id, (code) => code.replace("descend1D(-3, 0.6, 12)", "descend1D(-3, 0.1, 12)"));
        await runCell(page, target.id);
        await idle(page);
        const after = (await pageOutputs(page)).get(target.id)!;
        const rows = after.text
          .split("\n")
          .filter((l) => /^\s+\d+\s/.test(l))
          .map((l) => l.trim().split(/\s+/).map(Number));
        assert.notEqual(after.text, before.text, "the output changed");
        // step 1 = step 0 - 0.1 * dJ/dw at step 0
        assert.ok(
          Math.abs(rows[1][1] - (rows[0][1] - 0.1 * rows[0][2])) < 1e-4,
          `w after one step of 0.1: ${after.text}`,
        );
        await page.screenshot({ path: join(screenshots, "run-edit-learning-rate.png"), fullPage: false });
        assert.deepEqual(visit.errors, []);
        assert.deepEqual(visit.blocked, []);
      } finally {
        await visit.close();
      }
    },
  );

  await t.test(
    "01: a rank-1 matmul is a type error with line and column; a ShapeError shows its message; a runaway loop stops",
    async () => {
      const info = lesson("01");
      const visit = await open(info.html);
      try {
        const { page } = visit;
        const cells = codeCells(info.executed);
        assert.ok((await runAll(page)).ok);
        const last = cells[cells.length - 1];

        // the cells import what they use: the lesson's own imports may change
        await editCell(
          page,
          last.id,
          () =>
            `import { array, zeros } from "dlnotes";\nconst v1 = array([1, 2, 3]);\nconst X1 = zeros([3, 4]);\nconst z1 = v1.matmul(X1);`,
        );
        await runCell(page, last.id);
        await idle(page);
        const typeError = (await pageOutputs(page)).get(last.id)!.errors.join("\n");
        assert.doesNotMatch(typeError, /Cannot find name/, typeError);
        assert.match(
          typeError,
          /^4:12 - The 'this' context of type 'NDArray<\[number\]>' is not assignable/m,
          typeError,
        );
        await page.locator(`[id="cell-id=${last.id}"]`).screenshot({ path: join(screenshots, "run-type-error.png") });

        await editCell(page, last.id, () => `import { zeros } from "dlnotes";\nzeros([3, 2]).matmul(zeros([3, 1]))`);
        await runCell(page, last.id);
        await idle(page);
        const thrown = (await pageOutputs(page)).get(last.id)!.errors.join("\n");
        assert.match(thrown, /^ShapeError: matmul: shapes \(3,2\) and \(3,1\) not aligned/m, thrown);

        await editCell(page, last.id, () => `let spins = 0;\nwhile (true) { spins++; }`);
        await runCell(page, last.id);
        await page.waitForFunction(
          (id) => document.querySelector(`[id="cell-id=${id}"]`)?.classList.contains("dlnotes-running") ?? false,
          last.id,
          { timeout: RUN_TIMEOUT },
        );
        assert.equal(
          await page.evaluate(() => (window as unknown as RunnerWindow).dlnotesRunner.state.busy),
          true,
          "the loop is running",
        );
        await page.getByRole("button", { name: "■ Stop" }).click();
        await idle(page);
        const stopped = (await pageOutputs(page)).get(last.id)!.errors.join("\n");
        assert.match(stopped, /Stopped/);
        assert.equal(
          await page.locator(".dlnotes-runner-status").textContent(),
          "Stopped; the next Run starts afresh.",
          'no "did not finish" after Stop',
        );
        await page.locator(`[id="cell-id=${last.id}"]`).screenshot({ path: join(screenshots, "run-stopped.png") });

        // the page works again: a fresh scope, the cells run from the top
        await editCell(page, last.id, () => cellSource(last)); // the cell as the notebook has it
        assert.ok((await runAll(page)).ok, "Run all after Stop");
        const again = (await pageOutputs(page)).get(last.id)!;
        assert.equal(compareText(kernelText(last), again.text), "exact");
        assert.deepEqual(visit.errors, []);
        assert.deepEqual(visit.blocked, []);
      } finally {
        await visit.close();
      }
    },
  );
});
