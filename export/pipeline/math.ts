/**
 * The math step: TeX is typeset at export time by MathJax 3 running in Node (mathjax-full, SVG output), so pages
 * carry finished SVG formulas and need no MathJax runtime (nothing to run in the reader's browser, no web fonts:
 * SVG glyphs are paths). Hidden MathML next to each SVG lets screen readers read the formula. Same delimiters and
 * skipped tags (pre, code, script, ...) as the browser MathJax the pages used before. A TeX error stops the export.
 * MathJax works on its own document (its lite DOM), so this step hands the page to it and parses the result back.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import * as cheerio from "cheerio";
import type { CheerioAPI } from "cheerio";
import { ToolError } from "../../tooling/cli";

const require = createRequire(join(__dirname, "..", "..", "package.json"));
/* eslint-disable @typescript-eslint/no-var-requires -- mathjax-full is CommonJS without an ESM entry */
const { mathjax } = require("mathjax-full/js/mathjax.js");
const { TeX } = require("mathjax-full/js/input/tex.js");
const { SVG } = require("mathjax-full/js/output/svg.js");
const { liteAdaptor } = require("mathjax-full/js/adaptors/liteAdaptor.js");
const { RegisterHTMLHandler } = require("mathjax-full/js/handlers/html.js");
const { AssistiveMmlHandler } = require("mathjax-full/js/a11y/assistive-mml.js");
const { AllPackages } = require("mathjax-full/js/input/tex/AllPackages.js");
// MathJax's own filter for what TeX can put into a page: \href only to http(s)/file URLs (no javascript:, no
// data:), and only safe \class, \cssId and \style values (no url(), so no request).
const { SafeHandler } = require("mathjax-full/js/ui/safe/SafeHandler.js");
// The HTML parser decodes entities (&nbsp;, &rarr;, ...) from tables MathJax otherwise loads lazily (async).
require("mathjax-full/js/util/entities/all.js");

const adaptor = liteAdaptor();
const handler = RegisterHTMLHandler(adaptor);
SafeHandler(handler);
AssistiveMmlHandler(handler);

/** A typeset page, how many formulas it has and the TeX of those with errors. */
export interface Typeset {
  html: string;
  formulas: number;
  errors: string[];
}

/** Typesets every TeX span of an HTML page ($...$, $$...$$, \(...\), \[...\], \begin{env}...\end{env}) as SVG. */
export function typesetHtml(html: string): Typeset {
  const doc = mathjax.document(html, {
    InputJax: new TeX({
      // bussproofs needs a real browser's layout measurements; noerrors/noundefined would show bad TeX as
      // plain text instead of an error the export can report.
      packages: (AllPackages as string[]).filter((p) => !["bussproofs", "noerrors", "noundefined"].includes(p)),
      inlineMath: [
        ["$", "$"],
        ["\\(", "\\)"],
      ],
      displayMath: [
        ["$$", "$$"],
        ["\\[", "\\]"],
      ],
      processEscapes: true,
      processEnvironments: true,
    }),
    // "global": each glyph's path is defined once per page and reused by every formula.
    OutputJax: new SVG({ fontCache: "global" }),
  });
  doc.render();
  const items = Array.from(doc.math) as { typesetRoot: unknown; math: string }[];
  const errors = items.filter((m) => adaptor.outerHTML(m.typesetRoot).includes("data-mjx-error")).map((m) => m.math);
  const out = adaptor.doctype(doc.document) + "\n" + adaptor.outerHTML(adaptor.root(doc.document)) + "\n";
  return { html: out, formulas: items.length, errors };
}

/**
 * Typesets a page's TeX; returns the page (parsed again) and its number of formulas.
 * @param shownAs how a TeX error names the page (the notebook's path).
 * @throws ToolError naming the page and the formulas with TeX errors.
 */
export function typesetPage($: CheerioAPI, shownAs: string): { $: CheerioAPI; formulas: number } {
  const { html, formulas, errors } = typesetHtml($.html());
  if (errors.length)
    throw new ToolError(
      `${shownAs}: TeX errors in ${errors.map((e) => JSON.stringify(e)).join(", ")}; fix the formula in the notebook`,
    );
  return { $: cheerio.load(html), formulas };
}
