// Readable heading anchors for the course pages. nbconvert derives a heading's id from its raw text, TeX
// included (`#3.-All-$m$-examples-at-once`); here every heading gets a GitHub-style slug
// (`#3-all-m-examples-at-once`) made by github-slugger, which also keeps the ids of one page unique (`notes`,
// `notes-1`). A slug depends only on the heading's text and the headings before it on the same page, so it is
// stable from one export to the next. Links written against nbconvert's old ids (in the same page or in
// another lesson, `02-x.ipynb#3.-All-...`) are rewritten to the new ones.
import { basename } from "node:path";
import GithubSlugger from "github-slugger";

// TeX commands that name a Greek letter stay as a word in the slug (`$\alpha$` -> `alpha`); any other command
// (`\frac`, `\partial`, `\hat`) is markup and is dropped, its arguments kept.
const GREEK = new Set(
  "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi rho sigma tau upsilon phi varphi chi psi omega"
    .split(" "),
);

/**
 * Heading text with each TeX span (`$...$`, `$$...$$`, `\(...\)`) reduced to the plain words in it, for slugs and
 * the search index: `All $m$ examples` -> `All m examples`, `$\frac{\partial J}{\partial w}$` -> `J w`.
 */
export function texToWords(text) {
  const words = (tex) =>
    " " +
    tex
      .replace(/\\([A-Za-z]+)/g, (_, name) => (GREEK.has(name.toLowerCase()) ? ` ${name} ` : " "))
      .replace(/[^\p{L}\p{N}]+/gu, " ") +
    " ";
  return text
    .replace(/\$\$([\s\S]+?)\$\$/g, (_, tex) => words(tex))
    .replace(/\$([^$]+?)\$/g, (_, tex) => words(tex))
    .replace(/\\\(([\s\S]+?)\\\)/g, (_, tex) => words(tex));
}

/** The slug of one heading's text (TeX reduced to words, punctuation dropped), unique within `slugger`. */
function slugOf(slugger, text) {
  const plain = texToWords(text)
    .replace(/['’]/g, "") // "the lecture's graph" -> lectures, as GitHub does
    .replace(/[^\p{L}\p{N}\s-]+/gu, " ")
    .replace(/\s*-[\s-]*/g, "-") // "a - b" -> a-b, not a---b
    .replace(/\s+/g, " ")
    .replace(/^[\s-]+|[\s-]+$/g, "");
  return slugger.slug(plain || "section");
}

/**
 * Gives every heading (h1-h6) in the page's <main> a readable, unique id and points its "¶" link at it.
 * `$` is a cheerio document of one nbconvert page, changed in place. Returns the map old id -> new id.
 */
export function slugHeadings($) {
  const slugger = new GithubSlugger();
  const renamed = new Map();
  $("main").find("h1, h2, h3, h4, h5, h6").each((_, el) => {
    const heading = $(el);
    const text = heading.clone().find("a.anchor-link").remove().end().text();
    const id = slugOf(slugger, text);
    const old = heading.attr("id");
    if (old && !renamed.has(old)) renamed.set(old, id);
    heading.attr("id", id);
    heading.find("a.anchor-link").attr("href", `#${id}`).attr("aria-label", "Link to this section");
  });
  return renamed;
}

/**
 * Rewrites links to nbconvert's old heading ids and to other lessons' notebooks (`NN-x.ipynb#old` ->
 * `NN-x.html#new`). `renamedByPage` maps each page's file name (`NN-x.html`) to its old id -> new id map;
 * `page` is the file name of the page `$` holds.
 */
export function rewriteLinks($, page, renamedByPage) {
  $("main a[href]").each((_, el) => {
    const link = $(el);
    const href = link.attr("href");
    if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return; // http:, mailto:, data: links stay as they are
    const hashAt = href.indexOf("#");
    const path = hashAt < 0 ? href : href.slice(0, hashAt);
    const fragment = hashAt < 0 ? "" : safeDecode(href.slice(hashAt + 1));
    const file = path === "" ? page : basename(path).replace(/\.ipynb$/, ".html");
    const renamed = renamedByPage.get(file);
    if (!renamed) return; // a file that is not one of the exported lessons
    const id = renamed.get(fragment) ?? fragment;
    link.attr("href", (path === "" ? "" : file) + (id ? `#${id}` : ""));
  });
}

function safeDecode(fragment) {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
