/**
 * export/lib/standalone.mjs on small pages (no browser, no Python): what a downloaded course-notes page needs,
 * i.e. every local script and stylesheet copied into it, in order, deferred scripts after the content, the site
 * navigation gone, script text that cannot end its <script> early, and an error (never a half-offline page)
 * for anything that cannot be inlined. tests/export.jupyter.test.ts checks real pages in Chromium.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { escapeScript, inlineAssets, localResources, removeSiteNavigation, standalonePage } from "../export/lib/standalone.mjs";

function site(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "dlnotes-standalone-test-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

test("stylesheets and scripts are inlined in place; deferred scripts move to the end of <body>", () => {
  const dir = site({ "assets/a.css": "p { color: red }", "assets/b.js": "window.b = 1;", "assets/c.js": "window.c = window.b + 1;" });
  try {
    const page = `<html><head><link rel="stylesheet" href="assets/a.css"><script src="assets/b.js"></script><script src="assets/c.js" defer></script>` +
      `<script type="application/vnd.plotly.v1+json">{"data":[]}</script><link rel="icon" href="data:,"></head><body><p>x</p></body></html>`;
    const { html, inlined } = inlineAssets(page, dir);
    assert.deepEqual(inlined, ["assets/a.css", "assets/b.js", "assets/c.js"]);
    assert.equal(
      html,
      `<html><head><style data-dlnotes-inlined="assets/a.css">\np { color: red }\n</style><script data-dlnotes-inlined="assets/b.js">\nwindow.b = 1;\n</script>` +
        `<script type="application/vnd.plotly.v1+json">{"data":[]}</script><link rel="icon" href="data:,"></head><body><p>x</p>` +
        `<script data-dlnotes-inlined="assets/c.js">\nwindow.c = window.b + 1;\n</script>\n</body></html>`,
    );
    assert.deepEqual(localResources(html), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("script text cannot close or re-open its <script> element", () => {
  const js = 'var a = "</script>", b = "<!--", c = /<script/i, d = "</SCRIPT >";';
  const safe = escapeScript(js);
  assert.doesNotMatch(safe, /<\/script|<!--|<script/i);
  // the same values when run
  const run = (source: string) => new Function(`${source}; return [a, b, c.test("<SCRIPT"), c.test("x"), d];`)();
  assert.deepEqual(run(safe), run(js));
});

test("a missing asset, a stylesheet with a relative url() or a file outside the page's folder is an error", () => {
  const dir = site({ "assets/font.css": "@font-face { src: url(fonts/x.woff) }", "assets/ok.css": "a { background: url(data:image/png;base64,AA==) }" });
  try {
    assert.throws(() => inlineAssets(`<script src="assets/missing.js"></script>`, dir), /refers to assets\/missing\.js, which does not exist/);
    assert.throws(() => inlineAssets(`<link rel="stylesheet" href="assets/font.css">`, dir), /loads fonts\/x\.woff with url\(\)/);
    assert.throws(() => inlineAssets(`<script src="../../etc/passwd"></script>`, dir), /points outside the page's folder/);
    assert.doesNotThrow(() => inlineAssets(`<link rel="stylesheet" href="assets/ok.css">`, dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the site navigation is removed, nothing else", () => {
  const page = `<body><nav class="dlnotes-nav"><a href="index.html">&larr; Course notes</a></nav>\n<nav class="toc"><a href="#a">a</a></nav><h1 id="a">A</h1></body>`;
  assert.deepEqual(removeSiteNavigation(page), { html: `<body><nav class="toc"><a href="#a">a</a></nav><h1 id="a">A</h1></body>`, removed: 1 });
  const dir = site({});
  try {
    assert.equal(standalonePage(page, dir).html, `<body><nav class="toc"><a href="#a">a</a></nav><h1 id="a">A</h1></body>`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
