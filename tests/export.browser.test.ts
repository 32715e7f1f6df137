/**
 * The course notes in a real browser. Runs the export three times: a fixture course (tests/fixtures/course/01,
 * the plot fixture, tests/fixtures/course/03: a question with a hidden answer, a `solution`-tagged cell, TeX in
 * headings, a repeated heading, links between lessons), the same as a `--no-solutions` handout, and `notebooks/`
 * as `npm run export` does. Opens every page in headless Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core) with every request that is not file:// blocked, and checks:
 * - each page: no console error, no network request, one rendered Plotly plot per Plotly output of the executed
 *   notebook, all TeX typeset at export time (one SVG formula per TeX span of the notebook's Markdown, no raw
 *   $...$ left, no TeX error, no MathJax runtime), title = the notebook's first heading, page + what it loads
 *   < 6 MB, images within their cell and the sidebar above the text at 640 px;
 * - the course: the sidebar lists every lesson and the page's own sections, heading anchors are readable slugs
 *   (no `$`, no TeX) and unique, every #link lands on an id, "Next" and "Previous" lead (by a click) to the next
 *   and previous lesson, the first and last pages lead back to the index;
 * - solutions and question answers are closed by default and open on a click; the handout has no solution cell
 *   and says so (checked during the page's visit above);
 * - search finds a word from another page and its result leads there; answers are not searchable.
 * Screenshots (desktop and 640 px): build/screenshots/.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import * as cheerio from "cheerio";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium, Browser, Page } from "playwright-core";
import { chromiumPath, CHROMIUM_ARGS } from "../tooling/chromium";
import { PAGE_BUDGET_BYTES, TEST_WIDTHS_PX } from "../src/core/definitions";
import {
  distinctiveWord,
  open,
  PageInfo,
  rawTex,
  readSite,
  root,
  runExport,
  Site,
  solutionSources,
  texSpans,
  TIMEOUT,
  whereIs,
} from "./fixtures/export-site";

const screenshots = join(root, "build", "screenshots");
/** Issue 4: a page plus everything it loads (plotly.js, CSS, scripts) stays under 6 MB. */
const MAX_PAGE_BYTES = PAGE_BUDGET_BYTES;
/** A readable anchor: lower-case words and numbers joined by single hyphens. */
const SLUG = /^[\p{Ll}\p{Lo}\p{N}\p{M}]+(?:-[\p{Ll}\p{Lo}\p{N}\p{M}]+)*$/u;
const fixtureDir = join(root, "build", "export-fixture");
const fixtureLessons = ["course/01-questions.ipynb", "plots/plots.ipynb", "course/03-wrap-up.ipynb"].map((f) =>
  join(root, "tests", "fixtures", f),
);

const sites: Site[] = [];
let browser: Browser;

before(async () => {
  // the test's own scratch folder: a site left by an older exporter (no ownership manifest) would be refused
  rmSync(fixtureDir, { recursive: true, force: true });
  const executed = ["--executed", join(fixtureDir, "executed")];
  runExport(["--out", join(fixtureDir, "site"), ...executed, ...fixtureLessons]);
  sites.push(readSite("fixture", join(fixtureDir, "site")));
  runExport(["--no-execute", "--no-solutions", "--out", join(fixtureDir, "handout"), ...executed, ...fixtureLessons]);
  sites.push(readSite("handout", join(fixtureDir, "handout")));
  const lessons = existsSync(join(root, "notebooks"))
    ? readdirSync(join(root, "notebooks")).filter((f) => f.endsWith(".ipynb"))
    : [];
  // DLNOTES_EXPORT_FIXTURE_ONLY=1 skips the lesson export (for quick runs while working on the template).
  if (lessons.length && !process.env.DLNOTES_EXPORT_FIXTURE_ONLY) {
    runExport([]); // exactly `npm run export` after the build that `npm test` already did
    sites.push(readSite("site", join(root, "site")));
  }
  mkdirSync(screenshots, { recursive: true });
  browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
});

const shot = (page: Page, site: Site, name: string, suffix = "") =>
  page.screenshot({
    path: join(screenshots, `${site.label}-${name.replace(/\.html$/, "")}${suffix}.png`),
    fullPage: true,
  });

test("export: pages render offline in headless Chromium", async (t) => {
  for (const site of sites) {
    const indexVisit = await open(browser, join(site.dir, "index.html"));
    const links = await indexVisit.page.$$eval(".dlnotes-index-lessons a", (as) =>
      as.map((a) => ({ href: a.getAttribute("href"), text: a.textContent })),
    );
    await shot(indexVisit.page, site, "index");
    await t.test(`${site.label}/index.html lists every page in order`, () => {
      assert.deepEqual(
        links.map((l) => l.href),
        site.pages.map((p) => encodeURI(p.page)),
      );
      site.pages.forEach((p, i) =>
        assert.ok(links[i].text?.includes(p.title), `link ${i}: ${links[i].text} should show "${p.title}"`),
      );
      assert.deepEqual(indexVisit.consoleErrors, []);
      assert.deepEqual(indexVisit.blocked, []);
    });
    await indexVisit.close();

    for (const info of site.pages) {
      await t.test(`${site.label}/${info.page}`, async (pageTest) => {
        const visit = await open(browser, join(site.dir, info.page));
        try {
          const { page } = visit;
          // Every Plotly output becomes a .js-plotly-plot with its SVG layers (WebGL scenes included).
          await page
            .waitForFunction(
              (n) =>
                document.querySelectorAll(".js-plotly-plot .main-svg").length >= n &&
                document.querySelectorAll(".js-plotly-plot").length >= n,
              info.plotlyOutputs,
              { timeout: TIMEOUT },
            )
            .catch(() => undefined);
          const plots = await page.$$eval(".js-plotly-plot", (els) => els.length);
          const emptyPlots = await page.$$eval(
            ".js-plotly-plot",
            (els) => els.filter((e) => !e.querySelector(".main-svg")).length,
          );
          // Pre-rendered formulas in the lesson (the sidebar repeats the section titles' formulas): an <svg> drawn
          // inside each MathJax container, no MathJax in the page's scripts.
          const math = await page.$$eval("main mjx-container", (els) => els.length);
          const drawnMath = await page.$$eval(
            'main mjx-container[jax="SVG"] > svg',
            (els) =>
              els.filter(
                (e) => e.closest("details:not([open])") || (e as SVGSVGElement).getBoundingClientRect().width > 0,
              ).length,
          );
          const mathRuntime = await page.evaluate(() => "MathJax" in window);
          const mathErrors = await page.$$eval("mjx-merror, [data-mjx-error]", (els) =>
            els.map((e) => e.textContent ?? ""),
          );
          const raw = await rawTex(page);
          // Plotly's own schema check of every saved figure (JupyterLab's and VS Code's renderers read the same
          // JSON). Its messages about button/slider `args` are a known quirk (it compares arrays by identity), and
          // plotly.js 3's validate throws a TypeError on any `layout.legend` (its legend has no validateFunction):
          // such a figure is checked without its legend, which is then checked on its own to be a plain object.
          const invalid = await page.evaluate(() =>
            Array.from(document.querySelectorAll('script[type="application/vnd.plotly.v1+json"]')).flatMap((s, k) => {
              const fig = JSON.parse(s.textContent ?? "{}");
              const { Plotly } = window as unknown as {
                Plotly: { validate(d: unknown, l: unknown): { msg: string }[] | undefined };
              };
              let errors: { msg: string }[];
              try {
                errors = Plotly.validate(fig.data, fig.layout) ?? [];
              } catch {
                const { legend, ...rest } = fig.layout ?? {};
                errors = Plotly.validate(fig.data, rest) ?? [];
                if (typeof legend !== "object" || legend === null)
                  errors.push({ msg: "layout.legend is not an object" });
              }
              return errors.map((e) => `figure ${k}: ${e.msg}`).filter((m) => !/\.args\[/.test(m));
            }),
          );
          const images = await page.$$eval(".jp-OutputArea-output img", (els) =>
            els.map((e) => ({
              ok: (e as HTMLImageElement).complete && (e as HTMLImageElement).naturalWidth > 0,
              src: (e.getAttribute("src") ?? "").slice(0, 40),
            })),
          );
          // Desktop: the sidebar is a column left of the lesson, its lesson list open.
          const wide = await layout(page);
          await shot(page, site, info.page);
          // 640 px: the sidebar sits above the lesson with its list folded; drawings shrink to their cell.
          await page.setViewportSize({ width: TEST_WIDTHS_PX.narrow, height: 900 });
          // matchMedia's "change" (which folds the panel) fires after the resize, not during it: wait for it
          await page
            .waitForFunction(
              () => !(document.querySelector(".dlnotes-contents") as HTMLDetailsElement | null)?.open,
              null,
              { timeout: 10_000 },
            )
            .catch(() => undefined);
          const narrow = await layout(page);
          const overflowing = await page.$$eval(".jp-OutputArea-output img, .jp-RenderedMarkdown img", (els) =>
            els
              .filter((e) => {
                const cell = e.closest(".jp-Cell") as HTMLElement;
                return e.getBoundingClientRect().right > cell.getBoundingClientRect().right + 1;
              })
              .map((e) => `${e.getAttribute("alt") ?? "img"} ${Math.round(e.getBoundingClientRect().width)}px`),
          );
          await shot(page, site, info.page, "-640");
          await pageTest.test("solutions and answers are folded until clicked", () => checkFolds(page, site, info));
          const weight = [...visit.loaded].reduce((sum, url) => sum + statSync(fileURLToPath(url)).size, 0);

          assert.equal(await page.title(), info.title, "page title = the notebook's first heading");
          assert.deepEqual(visit.consoleErrors, [], "console errors");
          assert.deepEqual(visit.blocked, [], "requests that are not file://");
          assert.equal(plots, info.plotlyOutputs, "rendered Plotly plots = Plotly outputs of the executed notebook");
          assert.equal(emptyPlots, 0, "plots without drawn SVG");
          assert.equal(images.length, info.imageOutputs, "SVG/PNG/JPEG outputs shown as images");
          assert.deepEqual(
            images.filter((i) => !i.ok),
            [],
            "images that did not load",
          );
          assert.deepEqual(overflowing, [], "images wider than their cell in a 640 px window");
          assert.deepEqual(invalid, [], "Plotly.validate errors");
          assert.deepEqual(raw, [], "raw TeX left on the page");
          assert.deepEqual(mathErrors, [], "TeX errors");
          assert.equal(
            math,
            texSpans(join(root, info.executed)),
            "typeset formulas (mjx-container) = TeX spans in the notebook's Markdown",
          );
          assert.equal(drawnMath, math, "formulas drawn as visible SVG (or inside a folded answer)");
          assert.equal(mathRuntime, false, "no MathJax runtime on the page (TeX is typeset at export time)");
          assert.ok(
            wide.sidebarRight <= wide.mainLeft && wide.contentsOpen,
            `desktop: sidebar left of the lesson, lessons listed: ${JSON.stringify(wide)}`,
          );
          assert.ok(
            narrow.sidebarBottom <= narrow.mainTop && !narrow.contentsOpen && narrow.mainWidth >= 600,
            `640 px: sidebar above the lesson, folded: ${JSON.stringify(narrow)}`,
          );
          assert.ok(visit.loaded.size >= 2, `the page and its assets were requested: ${[...visit.loaded].join(", ")}`);
          assert.ok(
            weight < MAX_PAGE_BYTES,
            `${info.page} with the ${visit.loaded.size - 1} files it loads weighs ${(weight / 1e6).toFixed(2)} MB (limit 6 MB)`,
          );
          pageTest.diagnostic(
            `${info.page}: ${(weight / 1e6).toFixed(2)} MB with ${visit.loaded.size - 1} files, ${math} formulas, ${plots} plots`,
          );
        } finally {
          await visit.close();
        }
      });
    }
  }
});

/** Where the sidebar and the lesson are, and whether the lesson list is unfolded. */
function layout(page: Page) {
  return page.evaluate(() => {
    const side = document.querySelector(".dlnotes-sidebar")!.getBoundingClientRect();
    const main = document.querySelector("main")!.getBoundingClientRect();
    const contentsOpen = (document.querySelector(".dlnotes-contents") as HTMLDetailsElement).open;
    return {
      sidebarRight: side.right,
      sidebarBottom: side.bottom + window.scrollY,
      mainLeft: main.left,
      mainTop: main.top + window.scrollY,
      mainWidth: main.width,
      contentsOpen,
    };
  });
}

// The handout's pages differ from the fixture's only by the solutions (checked above): navigation and search
// are checked on the fixture and the lessons, which spares a dozen page loads of 5 MB.
const courses = () => sites.filter((s) => s.solutions);

test("export: the pages read as a course (sidebar, anchors, previous and next)", async (t) => {
  for (const site of courses()) {
    /** Every id of every page, to check the links between lessons at the end. */
    const idsByPage = new Map<string, Set<string>>();
    const crossLinks: { from: string; href: string }[] = [];
    for (const [i, info] of site.pages.entries()) {
      await t.test(`${site.label}/${info.page}`, async () => {
        const visit = await open(browser, join(site.dir, info.page));
        try {
          const { page } = visit;
          const facts = await page.evaluate(() => {
            const ids = Array.from(document.querySelectorAll("[id]"), (e) => e.id);
            const headings = Array.from(document.querySelectorAll("main :is(h1, h2, h3, h4, h5, h6)"), (h) => h.id);
            const sectionIds = Array.from(document.querySelectorAll("main .jp-MarkdownCell :is(h2, h3)"), (h) => h.id);
            const lessons = Array.from(document.querySelectorAll(".dlnotes-lessons > li > a"), (a) => ({
              href: a.getAttribute("href"),
              current: a.getAttribute("aria-current"),
            }));
            const sections = Array.from(document.querySelectorAll(".dlnotes-sections a"), (a) =>
              decodeURIComponent((a.getAttribute("href") ?? "").slice(1)),
            );
            const hashLinks = Array.from(document.querySelectorAll('a[href^="#"]'), (a) =>
              decodeURIComponent((a.getAttribute("href") ?? "").slice(1)),
            );
            const pageLinks = Array.from(
              document.querySelectorAll("main a[href]"),
              (a) => a.getAttribute("href") ?? "",
            ).filter((h) => /^[^:#]+\.html#/.test(h));
            // (no named helper functions in here: the test's compiler would wrap them in a __name() the page lacks)
            const [prev, next] = [".dlnotes-pager-prev", ".dlnotes-pager-next"]
              .map((sel) => document.querySelector(sel))
              .map((a) => (a ? { href: a.getAttribute("href"), rel: a.getAttribute("rel") } : null));
            return { ids, headings, sectionIds, lessons, sections, hashLinks, pageLinks, prev, next };
          });
          idsByPage.set(info.page, new Set(facts.ids));
          crossLinks.push(...facts.pageLinks.map((href) => ({ from: info.page, href })));

          assert.deepEqual(
            facts.lessons.map((l) => l.href),
            site.pages.map((p) => encodeURI(p.page)),
            "the sidebar lists every lesson in order",
          );
          assert.deepEqual(
            facts.lessons.map((l) => l.current === "page"),
            site.pages.map((_, k) => k === i),
            "the sidebar marks this lesson",
          );
          assert.deepEqual(
            facts.sections,
            facts.sectionIds,
            "the sidebar lists this lesson's sections (its h2/h3 headings), in order",
          );
          assert.ok(facts.headings.length > 0, "the page has headings");
          assert.deepEqual(
            facts.headings.filter((id) => !SLUG.test(id)),
            [],
            "heading anchors that are not readable slugs (TeX, $, dots, capitals)",
          );
          // (Plotly gives each 3-D plot's scene the same id at run time: only the anchors' uniqueness is ours.)
          assert.deepEqual(
            facts.headings.filter((id) => facts.ids.filter((other) => other === id).length !== 1),
            [],
            "heading anchors used twice on the page",
          );
          assert.deepEqual(
            facts.hashLinks.filter((id) => !facts.ids.includes(id)),
            [],
            "#links that land on no id of the page",
          );
          const prev = site.pages[i - 1];
          const next = site.pages[i + 1];
          assert.deepEqual(
            facts.prev,
            prev ? { href: encodeURI(prev.page), rel: "prev" } : { href: "index.html", rel: null },
            "previous lesson (the first leads to the index)",
          );
          assert.deepEqual(
            facts.next,
            next ? { href: encodeURI(next.page), rel: "next" } : { href: "index.html", rel: null },
            "next lesson (the last leads to the index)",
          );

          // Click "Next" and land on the next lesson, then "Previous" and land back here.
          await page.click(".dlnotes-pager-next");
          await page.waitForURL(pathToFileURL(join(site.dir, next?.page ?? "index.html")).href, { timeout: TIMEOUT });
          if (next) {
            assert.equal(await page.title(), next.title, "landed on the next lesson");
            await page.click(".dlnotes-pager-prev");
            await page.waitForURL(pathToFileURL(join(site.dir, info.page)).href, { timeout: TIMEOUT });
            assert.equal(await page.title(), info.title, "and back with Previous");
          } else {
            assert.equal(
              await page.locator(".dlnotes-index-lessons").count(),
              1,
              "the last lesson's Next lands on the index",
            );
          }
          assert.deepEqual(visit.consoleErrors, [], "console errors");
        } finally {
          await visit.close();
        }
      });
    }
    await t.test(`${site.label}: links between lessons land on a heading`, () => {
      // links to the course's introduction (notebooks/index.md) land on the index page
      const index = join(site.dir, "index.html");
      if (!idsByPage.has("index.html") && existsSync(index)) {
        const $ = cheerio.load(readFileSync(index, "utf8"));
        idsByPage.set(
          "index.html",
          new Set(
            $("[id]")
              .map((_, e) => $(e).attr("id") ?? "")
              .get(),
          ),
        );
      }
      const broken = crossLinks.filter(({ href }) => {
        const [file, id] = href.split("#");
        return !idsByPage.get(decodeURI(file))?.has(decodeURIComponent(id));
      });
      assert.deepEqual(broken, []);
    });
  }
});

/**
 * Solutions and answers on one open page: closed by default, hidden, open on a click with their formulas drawn;
 * a site with solutions folds every solution cell, a handout has none (not even its code) and says so.
 */
async function checkFolds(page: Page, site: Site, info: PageInfo): Promise<void> {
  const solutions = page.locator("details.solution");
  const answers = page.locator("details.answer");
  if (site.solutions) {
    assert.equal(await solutions.count(), info.solutions, "one folded block per solution cell");
    assert.equal(
      await page.locator("main .jp-Cell.celltag_solution").count(),
      info.solutions,
      "every solution cell is inside one",
    );
  } else {
    assert.equal(await solutions.count(), 0, "a handout has no solution block");
    assert.equal(await page.locator(".celltag_solution").count(), 0, "a handout has no solution cell");
    assert.equal(
      (await page.locator("main .dlnotes-edition").textContent())?.trim(),
      "Solutions are not included in this edition.",
    );
    const code = await page.$$eval(".jp-InputArea-editor", (els) => els.map((e) => e.textContent ?? ""));
    const original = join(root, "build", "export-fixture", "executed", info.page.replace(/\.html$/, ".ipynb"));
    const squash = (s: string) => s.replace(/\s+/g, "");
    for (const source of existsSync(original) ? solutionSources(original) : []) {
      assert.ok(!code.some((c) => squash(c).includes(squash(source))), `solution code on the handout page: ${source}`);
    }
  }
  for (const [kind, blocks, summary] of [
    ["solution", solutions, "Show solution"],
    ["answer", answers, "Answer"],
  ] as const) {
    for (let k = 0; k < (await blocks.count()); k++) {
      const block = blocks.nth(k);
      const body = block.locator(":scope > :not(summary)").first();
      assert.equal(
        await block.evaluate((d) => (d as HTMLDetailsElement).open),
        false,
        `${kind} ${k} closed by default`,
      );
      assert.equal((await block.locator(":scope > summary").innerText()).trim(), summary, `${kind} ${k} summary`);
      if ((await body.count()) > 0) assert.equal(await body.isVisible(), false, `${kind} ${k} hidden by default`);
      await block.locator(":scope > summary").click();
      assert.equal(await block.evaluate((d) => (d as HTMLDetailsElement).open), true, `${kind} ${k} opens on click`);
      if ((await body.count()) > 0) assert.equal(await body.isVisible(), true, `${kind} ${k} shown after the click`);
      const hiddenMath = await block.evaluate(
        (d) =>
          Array.from(d.querySelectorAll("mjx-container > svg")).filter((s) => s.getBoundingClientRect().width === 0)
            .length,
      );
      assert.equal(hiddenMath, 0, `${kind} ${k}: its formulas are drawn once open`);
    }
  }
  if ((await solutions.count()) + (await answers.count()) > 0) await shot(page, site, info.page, "-open");
}

/** Types `query` into the page's search box; the result links (page.html#anchor) in order. */
async function search(page: Page, query: string): Promise<string[]> {
  await page.fill(".dlnotes-search-input", query);
  await page.waitForFunction(
    () => !(document.querySelector(".dlnotes-search-results") as HTMLElement).hidden,
    undefined,
    { timeout: TIMEOUT },
  );
  return page.$$eval(".dlnotes-search-results a", (as) =>
    as.map((a) => decodeURIComponent(a.getAttribute("href") ?? "")),
  );
}

test("export: search finds a word on another page and leads there", async (t) => {
  for (const site of courses()) {
    const first = site.pages[0];
    const last = site.pages[site.pages.length - 1];
    // A word that only the last lesson has, searched from the first lesson and from the index.
    const word = distinctiveWord(site, last.page);
    for (const from of [first.page, "index.html"]) {
      await t.test(`${site.label}: "${word}" from ${from}`, async () => {
        const visit = await open(browser, join(site.dir, from));
        try {
          const hits = await search(visit.page, word);
          assert.ok(
            hits.some((h) => h.startsWith(last.page)),
            `a result on ${last.page}: ${hits.join(", ")}`,
          );
          // The search scripts load on first use; with them the page still weighs less than 6 MB.
          const weight = [...visit.loaded].reduce((sum, url) => sum + statSync(fileURLToPath(url)).size, 0);
          assert.ok(
            [...visit.loaded].some((u) => u.endsWith("/assets/search-index.js")),
            "the search documents were loaded",
          );
          assert.ok(
            weight < MAX_PAGE_BYTES,
            `${from} with search loaded weighs ${(weight / 1e6).toFixed(2)} MB (limit 6 MB)`,
          );
          await visit.page.click(`.dlnotes-search-results a[href^="${encodeURI(last.page)}"]`);
          await visit.page.waitForURL((url) => url.pathname.endsWith(`/${encodeURI(last.page)}`), { timeout: TIMEOUT });
          assert.equal(await visit.page.title(), last.title);
          assert.deepEqual(visit.consoleErrors, []);
        } finally {
          await visit.close();
        }
      });
    }
  }
  const fixture = sites.find((s) => s.label === "fixture")!;
  await t.test("fixture: a word of one section leads to that section; answers are not searchable", async () => {
    const visit = await open(browser, join(fixture.dir, "01-questions.html"));
    try {
      const hits = await search(visit.page, "broadcast");
      assert.equal(hits[0], "03-wrap-up.html#glossary");
      await visit.page.screenshot({ path: join(screenshots, "fixture-search.png") });
      await visit.page.click(".dlnotes-search-results a");
      await visit.page.waitForURL((url) => url.hash === "#glossary", { timeout: TIMEOUT });
      assert.deepEqual(whereIs(visit.page), { file: "03-wrap-up.html", hash: "glossary" });
      assert.equal(await visit.page.locator("#glossary").isVisible(), true);
      await visit.page.goBack({ timeout: TIMEOUT });
      // "Twelve" appears only inside a question's hidden answer.
      assert.deepEqual(await search(visit.page, "twelve"), []);
      assert.equal(await visit.page.locator(".dlnotes-search-none").count(), 1, "says that nothing was found");
    } finally {
      await visit.close();
    }
  });
});
