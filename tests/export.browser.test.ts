/**
 * The course notes in a real browser: runs the export (the plot fixture, and `notebooks/` as `npm run export`
 * does), then opens every page in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core)
 * with every request that is not file:// blocked, and checks: no console error, no network request, one
 * rendered Plotly plot per Plotly output of the executed notebook, all TeX typeset at export time (one SVG
 * formula per TeX span of the notebook's Markdown, no raw $...$ left, no TeX error, no MathJax runtime), the page
 * title = the notebook's first heading, and the page with every file it loads weighs less than 6 MB.
 * Full-page screenshots go to build/screenshots/.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium, Browser, Page } from "playwright-core";
import { chromiumPath, CHROMIUM_ARGS } from "../scripts/lib/chromium.mjs";

const root = resolve(__dirname, "..");
const screenshots = join(root, "build", "screenshots");
const CHROMIUM = chromiumPath();
/** Issue 4: a page plus everything it loads (plotly.js, CSS, scripts) stays under 6 MB. */
const MAX_PAGE_BYTES = 6_000_000;
// Generous: a page parses 5 MB of plotly.js, and CI shares 2 cores with other jobs (seen: 35 s to "load").
const TIMEOUT = 180_000;
const FLAGS = CHROMIUM_ARGS;

interface PageInfo {
  notebook: string;
  /** the executed copy the page was made from (the source may have been edited since) */
  executed: string;
  page: string;
  title: string;
  plotlyOutputs: number;
  imageOutputs: number;
}

interface Site {
  label: string;
  dir: string;
  pages: PageInfo[];
}

function runExport(args: string[]): void {
  execFileSync(process.execPath, [join(root, "scripts", "export.mjs"), ...args], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
}

function readSite(label: string, dir: string): Site {
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as { pages: PageInfo[] };
  return { label, dir, pages: manifest.pages };
}

const sites: Site[] = [];
let browser: Browser;

before(async () => {
  const fixtureOut = join(root, "build", "export-fixture");
  runExport(["--out", join(fixtureOut, "site"), "--executed", join(fixtureOut, "executed"), join(root, "tests", "fixtures", "plots", "plots.ipynb")]);
  sites.push(readSite("fixture", join(fixtureOut, "site")));
  const lessons = existsSync(join(root, "notebooks")) ? readdirSync(join(root, "notebooks")).filter((f) => f.endsWith(".ipynb")) : [];
  // DLNOTES_EXPORT_FIXTURE_ONLY=1 skips the lesson export (for quick runs while working on the template).
  if (lessons.length && !process.env.DLNOTES_EXPORT_FIXTURE_ONLY) {
    runExport([]); // exactly `npm run export` after the build that `npm test` already did
    sites.push(readSite("site", join(root, "site")));
  }
  mkdirSync(screenshots, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
});

after(async () => {
  await browser?.close();
});

interface Visit {
  page: Page;
  consoleErrors: string[];
  blocked: string[];
  /** every file:// URL the page requested (the page itself included) */
  loaded: Set<string>;
  close(): Promise<void>;
}

async function open(file: string): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const consoleErrors: string[] = [];
  const blocked: string[] = [];
  const loaded = new Set<string>();
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file://")) {
      loaded.add(url.split(/[?#]/)[0]);
      return route.continue();
    }
    blocked.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => consoleErrors.push(`uncaught: ${e.message}`));
  await page.goto(pathToFileURL(file).href, { waitUntil: "load", timeout: TIMEOUT });
  return { page, consoleErrors, blocked, loaded, close: () => context.close() };
}

/** TeX spans ($$...$$, $...$, \\(...\\), \\[...\\]) in a notebook's Markdown cells, code spans and fences excluded. */
function texSpans(notebook: string): number {
  const nb = JSON.parse(readFileSync(notebook, "utf8")) as { cells: { cell_type: string; source: string | string[] }[] };
  let n = 0;
  for (const cell of nb.cells) {
    if (cell.cell_type !== "markdown") continue;
    const text = (Array.isArray(cell.source) ? cell.source.join("") : cell.source)
      .replace(/```[\s\S]*?```/g, "")
      .replace(/`[^`]*`/g, "")
      .replace(/\\\$/g, "");
    n += (text.match(/\$\$[\s\S]+?\$\$|\$[^$]+?\$|\\\([\s\S]+?\\\)|\\\[[\s\S]+?\\\]/g) ?? []).length;
  }
  return n;
}

/** Raw TeX left in the rendered Markdown: `$...$`, `$$...$$`, `\(...\)` outside MathJax's output. */
async function rawTex(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const cell of Array.from(document.querySelectorAll(".jp-MarkdownOutput"))) {
      const clone = cell.cloneNode(true) as HTMLElement;
      clone.querySelectorAll("mjx-container, code, pre").forEach((e) => e.remove());
      const text = clone.textContent ?? "";
      const m = text.match(/\$[^$\n]+\$|\\\(|\\\[/g);
      if (m) found.push(...m);
    }
    return found;
  });
}

test("export: pages render offline in headless Chromium", async (t) => {
  for (const site of sites) {
    const indexVisit = await open(join(site.dir, "index.html"));
    const links = await indexVisit.page.$$eval("ol a", (as) => as.map((a) => ({ href: a.getAttribute("href"), text: a.textContent })));
    await t.test(`${site.label}/index.html lists every page in order`, () => {
      assert.deepEqual(links.map((l) => l.href), site.pages.map((p) => encodeURI(p.page)));
      site.pages.forEach((p, i) => assert.ok(links[i].text?.includes(p.title), `link ${i}: ${links[i].text} should show "${p.title}"`));
      assert.deepEqual(indexVisit.consoleErrors, []);
      assert.deepEqual(indexVisit.blocked, []);
    });
    await indexVisit.close();

    for (const info of site.pages) {
      await t.test(`${site.label}/${info.page}`, async (pageTest) => {
        const visit = await open(join(site.dir, info.page));
        try {
          const { page } = visit;
          // Every Plotly output becomes a .js-plotly-plot with its SVG layers (WebGL scenes included).
          await page
            .waitForFunction((n) => document.querySelectorAll(".js-plotly-plot .main-svg").length >= n && document.querySelectorAll(".js-plotly-plot").length >= n, info.plotlyOutputs, { timeout: TIMEOUT })
            .catch(() => undefined);
          const plots = await page.$$eval(".js-plotly-plot", (els) => els.length);
          const emptyPlots = await page.$$eval(".js-plotly-plot", (els) => els.filter((e) => !e.querySelector(".main-svg")).length);
          // Pre-rendered formulas: an <svg> drawn inside each MathJax container, no MathJax in the page's scripts.
          const math = await page.$$eval("mjx-container", (els) => els.length);
          const drawnMath = await page.$$eval('mjx-container[jax="SVG"] > svg', (els) => els.filter((e) => (e as SVGSVGElement).getBoundingClientRect().width > 0).length);
          const mathRuntime = await page.evaluate(() => "MathJax" in window);
          const mathErrors = await page.$$eval("mjx-merror, [data-mjx-error]", (els) => els.map((e) => e.textContent ?? ""));
          const raw = await rawTex(page);
          // Plotly's own schema check of every saved figure (JupyterLab's and VS Code's renderers read the same
          // JSON). Its messages about button/slider `args` are a known quirk (it compares arrays by identity).
          const invalid = await page.evaluate(() =>
            Array.from(document.querySelectorAll('script[type="application/vnd.plotly.v1+json"]')).flatMap((s, k) => {
              const fig = JSON.parse(s.textContent ?? "{}");
              const errors = ((window as unknown as { Plotly: { validate(d: unknown, l: unknown): { msg: string }[] | undefined } }).Plotly.validate(fig.data, fig.layout) ?? []);
              return errors.map((e) => `figure ${k}: ${e.msg}`).filter((m) => !/\.args\[/.test(m));
            }),
          );
          const images = await page.$$eval(".jp-OutputArea-output img", (els) =>
            els.map((e) => ({ ok: (e as HTMLImageElement).complete && (e as HTMLImageElement).naturalWidth > 0, src: (e.getAttribute("src") ?? "").slice(0, 40) })),
          );
          await page.screenshot({ path: join(screenshots, `${site.label}-${info.page.replace(/\.html$/, "")}.png`), fullPage: true });
          // Drawings wider than the text column shrink to fit it (checked in a narrow window, after the screenshot).
          await page.setViewportSize({ width: 640, height: 900 });
          const overflowing = await page.$$eval(".jp-OutputArea-output img, .jp-RenderedMarkdown img", (els) =>
            els.filter((e) => {
              const cell = e.closest(".jp-Cell") as HTMLElement;
              return e.getBoundingClientRect().right > cell.getBoundingClientRect().right + 1;
            }).map((e) => `${(e.getAttribute("alt") ?? "img")} ${Math.round(e.getBoundingClientRect().width)}px`),
          );
          const weight = [...visit.loaded].reduce((sum, url) => sum + statSync(fileURLToPath(url)).size, 0);

          assert.equal(await page.title(), info.title, "page title = the notebook's first heading");
          assert.deepEqual(visit.consoleErrors, [], "console errors");
          assert.deepEqual(visit.blocked, [], "requests that are not file://");
          assert.equal(plots, info.plotlyOutputs, "rendered Plotly plots = Plotly outputs of the executed notebook");
          assert.equal(emptyPlots, 0, "plots without drawn SVG");
          assert.equal(images.length, info.imageOutputs, "SVG/PNG/JPEG outputs shown as images");
          assert.deepEqual(images.filter((i) => !i.ok), [], "images that did not load");
          assert.deepEqual(overflowing, [], "images wider than their cell in a 640 px window");
          assert.deepEqual(invalid, [], "Plotly.validate errors");
          assert.deepEqual(raw, [], "raw TeX left on the page");
          assert.deepEqual(mathErrors, [], "TeX errors");
          assert.equal(math, texSpans(join(root, info.executed)), "typeset formulas (mjx-container) = TeX spans in the notebook's Markdown");
          assert.equal(drawnMath, math, "formulas drawn as visible SVG");
          assert.equal(mathRuntime, false, "no MathJax runtime on the page (TeX is typeset at export time)");
          assert.ok(visit.loaded.size >= 2, `the page and its assets were requested: ${[...visit.loaded].join(", ")}`);
          assert.ok(weight < MAX_PAGE_BYTES, `${info.page} with the ${visit.loaded.size - 1} files it loads weighs ${(weight / 1e6).toFixed(2)} MB (limit 6 MB)`);
          pageTest.diagnostic(`${info.page}: ${(weight / 1e6).toFixed(2)} MB with ${visit.loaded.size - 1} files, ${math} formulas, ${plots} plots`);
        } finally {
          await visit.close();
        }
      });
    }
  }
});
