// TeX in the exported pages is typeset here, at export time, by MathJax 3 running in Node (mathjax-full, SVG
// output): the pages carry finished SVG formulas and need no MathJax runtime (2.3 MB per page saved, nothing to
// run in the reader's browser, no web fonts: SVG glyphs are paths). Same delimiters and skipped tags (pre, code,
// script, ...) as the browser MathJax the pages used before, so what gets typeset does not change.
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(join(resolve(dirname(fileURLToPath(import.meta.url)), "..", ".."), "package.json"));
const { mathjax } = require("mathjax-full/js/mathjax.js");
const { TeX } = require("mathjax-full/js/input/tex.js");
const { SVG } = require("mathjax-full/js/output/svg.js");
const { liteAdaptor } = require("mathjax-full/js/adaptors/liteAdaptor.js");
const { RegisterHTMLHandler } = require("mathjax-full/js/handlers/html.js");
const { AssistiveMmlHandler } = require("mathjax-full/js/a11y/assistive-mml.js");
const { AllPackages } = require("mathjax-full/js/input/tex/AllPackages.js");
// The HTML parser decodes entities (&nbsp;, &rarr;, ...) from tables MathJax otherwise loads lazily (async).
require("mathjax-full/js/util/entities/all.js");

const adaptor = liteAdaptor();
// Hidden MathML next to each SVG, as the browser MathJax added: screen readers read the formula.
AssistiveMmlHandler(RegisterHTMLHandler(adaptor));

/**
 * Typesets every TeX span of an HTML page ($...$, $$...$$, \(...\), \[...\], \begin{env}...\end{env}) as inline
 * SVG and adds MathJax's stylesheet and the page's shared glyph definitions. Returns the new page and how many
 * formulas were typeset and how many had TeX errors (each error is shown in red on the page, as MathJax does).
 */
export function typesetPage(html) {
  const doc = mathjax.document(html, {
    InputJax: new TeX({
      // bussproofs needs a real browser's layout measurements; noerrors/noundefined would show bad TeX as
      // plain text instead of an error the export can report.
      packages: AllPackages.filter((p) => !["bussproofs", "noerrors", "noundefined"].includes(p)),
      inlineMath: [["$", "$"], ["\\(", "\\)"]],
      displayMath: [["$$", "$$"], ["\\[", "\\]"]],
      processEscapes: true,
      processEnvironments: true,
    }),
    // "global": each glyph's path is defined once per page and reused by every formula.
    OutputJax: new SVG({ fontCache: "global" }),
  });
  doc.render();
  const items = Array.from(doc.math);
  const errors = items.filter((m) => adaptor.outerHTML(m.typesetRoot).includes("data-mjx-error")).map((m) => m.math);
  const out = adaptor.doctype(doc.document) + "\n" + adaptor.outerHTML(adaptor.root(doc.document)) + "\n";
  return { html: out, formulas: items.length, errors };
}
