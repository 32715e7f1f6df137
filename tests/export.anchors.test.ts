// The course pages' heading anchors, link rewriting and search text (export/pipeline/anchors.ts, search.ts and the
// one TeX-to-text converter tex-text.ts), on small HTML made the way nbconvert writes it: no kernel, no browser
// (those are tests/export.browser.test.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as cheerio from "cheerio";
import { rewriteLinks, slugHeadings, texToWords } from "../export/pipeline/anchors";
import { pageSearchDocs } from "../export/pipeline/search";
import { texToText } from "../export/pipeline/tex-text";

/** A page body as nbconvert's lab template writes headings: id from the raw text, a "¶" link. */
function page(headings: string[], extra = ""): cheerio.CheerioAPI {
  const h = headings
    .map((text) => {
      const id = text.replace(/ /g, "-");
      return `<div class="jp-Cell jp-MarkdownCell"><div class="jp-RenderedMarkdown jp-MarkdownOutput"><h2 id="${id}">${text}<a class="anchor-link" href="#${id}">¶</a></h2><p>About ${text}.</p></div></div>`;
    })
    .join("\n");
  return cheerio.load(`<html><body><main>${h}${extra}</main></body></html>`);
}

const ids = ($: cheerio.CheerioAPI) =>
  $("h2")
    .map((_, e) => $(e).attr("id"))
    .get();

test("anchors: readable slugs without TeX, unique on the page, the ¶ link follows", () => {
  const $ = page([
    "3. All $m$ examples at once",
    "5. Shape checks, and the $(n,)$ vs $(n, 1)$ mistake",
    "Exercise 1 — build the lecture's graph",
    "The gradient $\\frac{\\partial J}{\\partial w}$ with $\\alpha$",
    "Notes",
    "Notes",
    "$$",
    "a - b",
  ]);
  slugHeadings($);
  assert.deepEqual(ids($), [
    "3-all-m-examples-at-once",
    "5-shape-checks-and-the-n-vs-n-1-mistake",
    "exercise-1-build-the-lectures-graph",
    "the-gradient-j-w-with-alpha",
    "notes",
    "notes-1",
    "section",
    "a-b",
  ]);
  assert.deepEqual(
    $("a.anchor-link")
      .map((_, a) => $(a).attr("href"))
      .get(),
    ids($).map((id) => `#${id}`),
  );
});

test("anchors: the same headings give the same slugs on every export", () => {
  const make = () => {
    const $ = page(["1. Intro", "Notes", "Notes", "2. All $m$ examples"]);
    slugHeadings($);
    return ids($);
  };
  assert.deepEqual(make(), make());
});

test("anchors: links to nbconvert's ids, here and in other lessons, follow the new slugs", () => {
  const links = `<div class="jp-Cell jp-MarkdownCell"><div class="jp-MarkdownOutput"><p>
    <a id="here" href="#3.-All-$m$-examples-at-once">here</a>
    <a id="encoded" href="#3.-All-%24m%24-examples-at-once">encoded</a>
    <a id="other" href="02-next.ipynb#1.-Shapes,-$(n,)$">other lesson</a>
    <a id="bare" href="02-next.ipynb">other lesson, top</a>
    <a id="outside" href="../README.md#setup">not a lesson</a>
    <a id="web" href="https://example.org/x.ipynb#a">web</a>
    <a id="spaces" href="04%20a%20%231.ipynb#Top">a lesson whose name has spaces and #</a></p></div></div>`;
  const first = page(["3. All $m$ examples at once"], links);
  const second = page(["1. Shapes, $(n,)$"]);
  const spaced = page(["Top"]);
  const renamed = new Map([
    ["01-first.html", slugHeadings(first)],
    ["02-next.html", slugHeadings(second)],
    ["04 a #1.html", slugHeadings(spaced)],
  ]);
  rewriteLinks(first, "01-first.html", renamed);
  const href = (id: string) => first(`#${id}`).attr("href");
  assert.equal(href("here"), "#3-all-m-examples-at-once");
  assert.equal(href("encoded"), "#3-all-m-examples-at-once");
  assert.equal(href("other"), "02-next.html#1-shapes-n");
  assert.equal(href("bare"), "02-next.html");
  assert.equal(href("outside"), "../README.md#setup");
  assert.equal(href("web"), "https://example.org/x.ipynb#a");
  assert.equal(href("spaces"), "04%20a%20%231.html#top", "file names are encoded: a # in a name is not a fragment");
});

test("one TeX-to-text path: slugs and search text come from the same converter", () => {
  const heading = "The gradient $\\frac{\\partial J}{\\partial w}$ with $\\alpha$ and $\\hat{y}$";
  assert.equal(texToText(heading), "The gradient (∂ J)/(∂ w) with α and ŷ");
  assert.equal(texToWords(heading).replace(/\s+/g, " ").trim(), "The gradient J w with alpha and y");
});

test("search text: TeX as readable plain text; escaped dollars stay", () => {
  assert.equal(
    texToText("The sigmoid $\\sigma(z) = \\frac{1}{1 + e^{-z}}$ maps"),
    "The sigmoid σ(z) = 1/(1 + e^(-z)) maps",
  );
  assert.equal(
    texToText("$$J(w, b) = \\frac{1}{m} \\sum_{i=1}^{m} \\mathcal{L}(\\hat{y}^{(i)}, y^{(i)})$$"),
    "J(w, b) = 1/m Σ_(i=1)^m L(ŷ^(i), y^(i))",
  );
  assert.equal(texToText("costs \\$5, not $x$"), "costs $5, not x");
  assert.equal(texToWords("All $m$ and $\\alpha_t$").replace(/\s+/g, " ").trim(), "All m and alpha t");
});

test("search documents: one per section, answers and solutions left out", () => {
  const $ = cheerio.load(`<html><body><main>
    <div class="jp-Cell jp-MarkdownCell"><div class="jp-MarkdownOutput"><h1 id="t">Lesson</h1><p>Intro words.</p></div></div>
    <div class="jp-Cell jp-MarkdownCell"><div class="jp-MarkdownOutput"><h2 id="shapes">Shapes</h2>
      <p>What is the shape of $X$?</p><details class="answer"><summary>Answer</summary><p>Secretanswer $(n_x, m)$.</p></details></div></div>
    <details class="solution"><summary>Show solution</summary><div class="jp-Cell jp-CodeCell"><div class="jp-InputArea-editor">const hiddenSolution = 1;</div></div></details>
    <div class="jp-Cell jp-CodeCell"><div class="jp-InputArea-editor">check(visibleCode);</div></div>
  </main></body></html>`);
  const docs = pageSearchDocs($, { page: "01-x.html", title: "Lesson" });
  assert.deepEqual(
    docs.map((d) => [d.anchor, d.title, d.text, d.code]),
    [
      ["", "Lesson", "Intro words.", ""],
      ["shapes", "Shapes", "What is the shape of X?", "check(visibleCode);"],
    ],
  );
});
