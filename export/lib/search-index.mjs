// The course notes' offline search. Each section of each page (from one heading to the next) becomes a document
// { page, anchor, pageTitle, title, text, code, words }; all of them go into assets/search-index.js, a plain
// script that sets `window.dlnotesSearchDocs`, so the pages load it with a <script> tag and search works from
// file:// too (a browser refuses fetch() of a JSON file there). assets/dlnotes-nav.js indexes them in the
// browser with MiniSearch (npm `minisearch`, copied next to it): ranked results with the section title weighing
// most, prefix matching while the reader types, typo tolerance and several words in any order, which a plain
// substring search would not give; the corpus (a week of notes) indexes in milliseconds, so no index is
// serialized. Answers to questions and solution code are left out so that a search cannot give them away.

const GREEK_LETTERS = {
  alpha: "α", beta: "β", gamma: "γ", delta: "δ", epsilon: "ε", varepsilon: "ε", zeta: "ζ", eta: "η", theta: "θ",
  iota: "ι", kappa: "κ", lambda: "λ", mu: "μ", nu: "ν", xi: "ξ", pi: "π", rho: "ρ", sigma: "σ", tau: "τ",
  phi: "φ", varphi: "φ", chi: "χ", psi: "ψ", omega: "ω", Delta: "Δ", Sigma: "Σ", nabla: "∇", partial: "∂",
  cdot: "·", times: "×", le: "≤", leq: "≤", ge: "≥", geq: "≥", approx: "≈", to: "→", infty: "∞", sum: "Σ", log: "log",
};

// Commands whose argument is the text itself (`\\mathcal{L}` -> `L`); \\hat puts a circumflex on it (`ŷ`).
const WRAPPERS = "mathcal|mathbf|mathrm|mathit|boldsymbol|text|textbf|operatorname|vec|bar|tilde|overline";
const group = (s) => (/^[\p{L}\p{N}]+$|^\(.*\)$/u.test(s) ? s : `(${s})`);

/** One TeX formula as plain text: `\\sigma(z)` -> `σ(z)`, `\\frac{1}{1 + e^{-z}}` -> `1/(1 + e^(-z))`, `\\hat{y}` -> `ŷ`. */
function texFormulaToText(tex) {
  let s = tex.replace(/\\[,;:! ]/g, " ").replace(/\\(left|right|big|Big|bigg|Bigg)\b/g, "");
  // Innermost groups first, until no simple group is left (nested fractions and exponents unfold outwards).
  for (let before = ""; before !== s; ) {
    before = s;
    s = s
      .replace(/\\frac\{([^{}]*)\}\{([^{}]*)\}/g, (_, a, b) => `${group(a.trim())}/${group(b.trim())}`)
      .replace(/\\hat\{([^{}]*)\}/g, (_, a) => `${a}\u0302`)
      .replace(new RegExp(`\\\\(?:${WRAPPERS})\\{([^{}]*)\\}`, "g"), "$1")
      .replace(/([\^_])\{([^{}]*)\}/g, (_, op, a) => `${op}${group(a.trim())}`);
  }
  return s
    .replace(/[{}]/g, "")
    .replace(/\\([A-Za-z]+)/g, (_, name) => GREEK_LETTERS[name] ?? "")
    .replace(/\\./g, "")
    .replace(/\s+/g, " ")
    .trim()
    .normalize("NFC"); // y + combining circumflex -> ŷ, the letter a reader would type
}

/** Markdown text with TeX spans made readable as plain text (see texFormulaToText), for search results. */
export function texToText(text) {
  return text
    .replace(/(?<!\\)\$\$([\s\S]+?)\$\$/g, (_, tex) => texFormulaToText(tex))
    .replace(/(?<!\\)\$((?:[^$\\]|\\.)+?)\$/g, (_, tex) => texFormulaToText(tex))
    .replace(/\\\(([\s\S]+?)\\\)/g, (_, tex) => texFormulaToText(tex))
    .replace(/\\\$/g, "$");
}

const squeeze = (s) => s.replace(/\s+/g, " ").trim();

/** The names of the TeX commands in a text (`$\sigma(z)$` -> `sigma`), which texToText turns into symbols. */
const texCommandNames = (text) => (text.match(/\\[A-Za-z]+/g) ?? []).map((c) => c.slice(1)).join(" ");

/**
 * The search documents of one page (`$`, cheerio document whose headings already carry their final ids, TeX still
 * raw). Text before the first h2/h3 belongs to the page's title. `words` keeps the names of TeX commands
 * (`sigma`, `alpha`), so a reader can type them.
 */
export function pageSearchDocs($, { page, title }) {
  const docs = [];
  let current = null;
  const start = (anchor, sectionTitle) => {
    current = { page, anchor, pageTitle: title, title: sectionTitle, text: [], code: [], words: [] };
    docs.push(current);
  };
  start("", title);
  $("main .jp-Cell").each((_, cell) => {
    const $cell = $(cell);
    if ($cell.closest("details.solution").length) return;
    if ($cell.hasClass("jp-CodeCell")) {
      current.code.push($cell.find(".jp-InputArea-editor").text());
      return;
    }
    $cell.find(".jp-MarkdownOutput").children().each((_, el) => {
      const $el = $(el);
      if (/^h[23]$/.test(el.tagName) && $el.attr("id")) {
        const heading = $el.clone();
        heading.find("a.anchor-link").remove();
        start($el.attr("id"), squeeze(texToText(heading.text())));
        current.words.push(texCommandNames(heading.text()));
        return;
      }
      if (/^h1$/.test(el.tagName)) return; // the lesson's title is already the page's first document
      const shown = $el.clone();
      if (shown.is("details.answer")) return;
      shown.find("details.answer").remove();
      const text = shown.text();
      current.text.push(texToText(text));
      current.words.push(texCommandNames(text));
    });
  });
  return docs
    .map((d, i) => ({ id: `${page}#${d.anchor || i}`, page: d.page, anchor: d.anchor, pageTitle: d.pageTitle, title: d.title, text: squeeze(d.text.join(" ")), code: squeeze(d.code.join("\n")), words: squeeze(d.words.join(" ")) }))
    .filter((d) => d.text || d.code || d.anchor);
}

/** The content of assets/search-index.js: a script that sets window.dlnotesSearchDocs to the documents. */
export function searchIndexScript(docs) {
  const json = JSON.stringify(docs).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  return `// dlnotes course notes: search documents, one per section (written by scripts/export.mjs).\nwindow.dlnotesSearchDocs = ${json};\n`;
}
