/**
 * The single page (what JupyterLab's Export menu downloads: scripts/export-page.ts, single mode of the pipeline)
 * and the steps it is made of:
 * - inline (export/pipeline/inline.ts) on small pages: every local script and stylesheet copied into the page, in
 *   order, deferred scripts after the content, script text that cannot end its <script> early, each inlined
 *   script marked for the policy, and an error (never a half-offline page) for anything that cannot be inlined;
 * - csp (export/pipeline/csp.ts): the policy first in <head>, with the hash of each script the pipeline wrote and
 *   no other inline script allowed;
 * - sanitize (export/pipeline/sanitize.ts) on small pages;
 * - the page of the fixture lesson tests/fixtures/course/01-questions.ipynb in single mode, opened in Chromium as
 *   it was written (nothing removed before looking): no sidebar, pager or search, no link to index.html or to
 *   another lesson (a link to another notebook becomes its text), every link an in-page anchor that lands on an id
 *   or an external http(s) link, and the same cells, text for text, as the site page of the same notebook.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import * as cheerio from "cheerio";
import { chromium, Browser } from "playwright-core";
import { chromiumPath, CHROMIUM_ARGS } from "../tooling/chromium";
import { cspText } from "../src/core/definitions";
import { escapeScript, inlineAssets, localResources } from "../export/pipeline/inline";
import { addContentSecurityPolicy, OWN_INLINE_SCRIPT, scriptHash } from "../export/pipeline/csp";
import { sanitizePage } from "../export/pipeline/sanitize";
import { indexPage } from "../export/pipeline/navigation";
import { root, runExport, runExportPage } from "./fixtures/export-site";

// Two exports (nbconvert, MathJax, PurgeCSS in child processes) on a machine shared with other jobs.
const TIMEOUT = 900_000;

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "dlnotes-standalone-test-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

test("inline: stylesheets and scripts in place, deferred scripts at the end of <body>, each marked for the policy", () => {
  const dir = folder({
    "assets/a.css": "p { color: red }",
    "assets/b.js": "window.b = 1;",
    "assets/c.js": "window.c = window.b + 1;",
  });
  try {
    const $ = cheerio.load(
      `<html><head><link rel="stylesheet" href="assets/a.css"><script src="assets/b.js"></script><script src="assets/c.js" defer></script>` +
        `<script type="application/vnd.plotly.v1+json">{"data":[]}</script><link rel="icon" href="data:,"></head><body><p>x</p></body></html>`,
    );
    assert.deepEqual(inlineAssets($, dir), ["assets/a.css", "assets/b.js", "assets/c.js"]);
    assert.equal(
      $.html(),
      `<html><head><style data-dlnotes-inlined="assets/a.css">\np { color: red }\n</style><script data-dlnotes-inlined="assets/b.js" ${OWN_INLINE_SCRIPT}="">\nwindow.b = 1;\n</script>` +
        `<script type="application/vnd.plotly.v1+json">{"data":[]}</script><link rel="icon" href="data:,"></head><body><p>x</p>` +
        `<script data-dlnotes-inlined="assets/c.js" ${OWN_INLINE_SCRIPT}="">\nwindow.c = window.b + 1;\n</script></body></html>`,
    );
    assert.deepEqual(localResources($), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("inline: script text cannot close or re-open its <script> element", () => {
  const js = 'var a = "</script>", b = "<!--", c = /<script/i, d = "</SCRIPT >";';
  const safe = escapeScript(js);
  assert.doesNotMatch(safe, /<\/script|<!--|<script/i);
  const run = (source: string) => new Function(`${source}; return [a, b, c.test("<SCRIPT"), c.test("x"), d];`)();
  assert.deepEqual(run(safe), run(js));
});

test("inline: a missing asset, a stylesheet with a relative url() or a file outside the assets is an error", () => {
  const dir = folder({
    "assets/font.css": "@font-face { src: url(fonts/x.woff) }",
    "assets/ok.css": "a { background: url(data:image/png;base64,AA==) }",
  });
  try {
    const page = (html: string) => cheerio.load(`<html><head>${html}</head><body></body></html>`);
    assert.throws(
      () => inlineAssets(page(`<script src="assets/missing.js"></script>`), dir),
      /assets\/missing\.js does not exist/,
    );
    assert.throws(
      () => inlineAssets(page(`<link rel="stylesheet" href="assets/font.css">`), dir),
      /loads fonts\/x\.woff with url\(\)/,
    );
    assert.throws(
      () => inlineAssets(page(`<script src="../../etc/passwd"></script>`), dir),
      /points outside the assets' folder/,
    );
    assert.doesNotThrow(() => inlineAssets(page(`<link rel="stylesheet" href="assets/ok.css">`), dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("csp: the policy is the first element of <head>, with the hash of each script the pipeline wrote", () => {
  const own = "window.ok = 1;";
  const $ = cheerio.load(
    `<html><head><meta charset="utf-8"><script ${OWN_INLINE_SCRIPT}>${own}</script><script type="application/json">{}</script></head><body></body></html>`,
  );
  const policy = addContentSecurityPolicy($, "page");
  const expectedHash = `'sha256-${createHash("sha256").update(own).digest("base64")}'`;
  assert.equal(scriptHash(own), expectedHash);
  assert.equal(policy, cspText({ "script-src": [expectedHash] }));
  assert.equal($("head").children().first().attr("http-equiv"), "Content-Security-Policy");
  assert.equal($("head").children().first().attr("content"), policy);
  assert.doesNotMatch(policy, /script-src[^;]*unsafe-inline/);
  // an inline script the pipeline did not write is never allowed: the export stops
  const other = cheerio.load(`<html><head></head><body><main><script>window.x = 1</script></main></body></html>`);
  assert.throws(() => addContentSecurityPolicy(other, "page"), /inline script the pipeline did not write/);
});

test("sanitize: the whole body, including what a cell moved out of <main>; Plotly data and trusted outputs kept", () => {
  const plotly = `<div class="jp-OutputArea-output dlnotes-plotly" data-mime-type="application/vnd.plotly.v1+json"><script type="application/vnd.plotly.v1+json">{"data":[{"name":"\\u003c/script>"}]}</script><noscript><pre>fig</pre></noscript></div>`;
  const output = `<div class="jp-OutputArea-output" data-mime-type="text/html"><b onclick="x()">out</b><script>window.out = 1</script></div>`;
  const page = () =>
    cheerio.load(
      `<html lang="en"><head></head><body class="jp-Notebook"><main><div class="jp-MarkdownOutput"><h2 id="a">A</h2><p>text <a href="javascript:alert(1)">js</a> ` +
        `<img src="x" onerror="alert(2)"> <details ontoggle="alert(3)"><summary>s</summary>x</details></p></div>${plotly}${output}` +
        `<div class="jp-MarkdownOutput"></div></div></main><script>alert(4)</script><main><p>second main</p></main><body onload="alert(5)"></main></body></html>`,
    );
  const $ = page();
  sanitizePage($, false);
  const html = $.html();
  assert.doesNotMatch(html, /alert|onclick|onload|onerror|ontoggle|window\.out/);
  assert.equal($("main").length, 1);
  assert.equal($("body").attr("onload"), undefined);
  assert.match(html, /<h2 id="a">A<\/h2>/);
  assert.match(html, /<details><summary>s<\/summary>x<\/details>/);
  assert.ok(html.includes(plotly), "the Plotly output as the template wrote it");
  assert.match(html, /second main/);
  const trusted = page();
  sanitizePage(trusted, true);
  assert.ok(trusted.html().includes(output), "a trusted output as the notebook had it");
  assert.doesNotMatch(trusted.html(), /alert/, "Markdown is sanitized even when outputs are trusted");
});

test("index page: the authors' notebooks/index.md as sanitized Markdown, or the default line without it", () => {
  const lessons = [{ page: "01 a #1.html", title: "01 · First" }];
  const $ = cheerio.load(
    indexPage(lessons, {
      solutions: true,
      introduction: "## How to read these notes\n\nRead **in order**. <img src=x onerror=alert(1)>",
    }),
  );
  assert.equal($(".dlnotes-intro h2").text(), "How to read these notes");
  assert.equal($(".dlnotes-intro strong").text(), "in order");
  assert.doesNotMatch($.html(), /onerror|alert/);
  assert.equal($(".dlnotes-index-lessons a").attr("href"), "01%20a%20%231.html");
  const plain = cheerio.load(indexPage(lessons, { solutions: false }));
  assert.equal(plain(".dlnotes-intro").length, 0);
  assert.match(plain("body").text(), /one page per notebook/);
  assert.match(plain("body").text(), /Solutions are not included/);
});

let work: string;
let browser: Browser;
const lesson = join(root, "tests", "fixtures", "course", "01-questions.ipynb");

before(
  async () => {
    work = mkdtempSync(join(tmpdir(), "dlnotes-single-"));
    runExportPage([lesson, "--out", join(work, "single", "01-questions.html")]);
    const executed = join(work, "executed");
    mkdirSync(executed);
    copyFileSync(lesson, join(executed, "01-questions.ipynb"));
    runExport([
      "--no-execute",
      "--no-runner",
      "--executed",
      executed,
      "--out",
      join(work, "site"),
      join(executed, "01-questions.ipynb"),
    ]);
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
  },
  { timeout: TIMEOUT },
);

after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test(
  "the Export-menu page: no site navigation, no dead link, the same cells as the site page",
  { timeout: TIMEOUT },
  async () => {
    const context = await browser.newContext();
    const requested: string[] = [];
    await context.route("**/*", (route) => {
      requested.push(route.request().url());
      return route.request().url().startsWith("file://") ? route.continue() : route.abort();
    });
    const single = await context.newPage();
    const file = join(work, "single", "01-questions.html");
    await single.goto(pathToFileURL(file).href, { waitUntil: "load" });
    const links = await single.evaluate(() =>
      Array.from(document.querySelectorAll("a[href]")).map((a) => {
        const href = a.getAttribute("href") ?? "";
        const target = href.startsWith("#") ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
        return { href, lands: href === "#" || target !== null };
      }),
    );
    assert.ok(links.length > 0);
    for (const { href, lands } of links) {
      if (href.startsWith("#")) assert.ok(lands, `in-page link ${href} lands on an id`);
      else assert.match(href, /^https?:\/\//, `a link that a single file cannot follow: ${href}`);
    }
    assert.equal(
      await single.locator(".dlnotes-sidebar, .dlnotes-pager, .dlnotes-search, script[src]").count(),
      0,
      "no site navigation, nothing loaded from files",
    );
    assert.deepEqual(requested, [pathToFileURL(file).href], "the page loads nothing else");
    const cells = () => Array.from(document.querySelectorAll("main .jp-Cell")).map((c) => (c as HTMLElement).innerText);
    const site = await context.newPage();
    await site.goto(pathToFileURL(join(work, "site", "01-questions.html")).href, { waitUntil: "load" });
    assert.deepEqual(await single.evaluate(cells), await site.evaluate(cells));
    // the link to another notebook is kept as its text
    assert.match(
      readFileSync(file, "utf8"),
      /<span class="dlnotes-offline-link"[^>]*>the cost surface of the plot page<\/span>/,
    );
    await context.close();
  },
);
