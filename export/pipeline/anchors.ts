/**
 * The anchors step: readable heading ids. nbconvert derives a heading's id from its raw text, TeX included
 * (`#3.-All-$m$-examples-at-once`); here every heading gets a GitHub-style slug (`#3-all-m-examples-at-once`)
 * made by github-slugger, which also keeps the ids of one page unique (`notes`, `notes-1`). TeX becomes words
 * through the export's one TeX-to-text function (tex-text.ts). Links written against nbconvert's old ids (in the
 * same page or in another lesson, `02-x.ipynb#3.-All-...`) are rewritten to the new ones.
 */
import { basename } from "node:path";
import GithubSlugger from "github-slugger";
import type { CheerioAPI } from "cheerio";
import { pageHref } from "./html";
import { texToText } from "./tex-text";

/** Heading text with TeX reduced to words, as the slugs see it (`All $m$ and $\alpha_t$` -> `All m and alpha t`). */
export function texToWords(text: string): string {
  return texToText(text, "slug").replace(/[^\p{L}\p{N}\s'’-]+/gu, " ");
}

/** The slug of one heading's text (TeX reduced to words, punctuation dropped), unique within `slugger`. */
function slugOf(slugger: GithubSlugger, text: string): string {
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
 * Returns the map old id -> new id.
 */
export function slugHeadings($: CheerioAPI): Map<string, string> {
  const slugger = new GithubSlugger();
  const renamed = new Map<string, string>();
  $("main")
    .find("h1, h2, h3, h4, h5, h6")
    .each((_, el) => {
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

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Rewrites links to nbconvert's old heading ids and to other lessons' notebooks (`NN-x.ipynb#old` ->
 * `NN-x.html#new`). `renamedByPage` maps each page's file name to its old id -> new id map (only pages of this
 * export: in single mode just the page itself); `page` is the file name of the page `$` holds. Links to the course's
 * introduction (`index.md`) lead to the index page. (In single mode run.ts then unlinks every other file.)
 */
export function rewriteLinks($: CheerioAPI, page: string, renamedByPage: Map<string, Map<string, string>>): void {
  $("main a[href]").each((_, el) => {
    const link = $(el);
    const href = link.attr("href") ?? "";
    if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return; // http:, mailto:, data: links stay as they are
    const hashAt = href.indexOf("#");
    const path = hashAt < 0 ? href : href.slice(0, hashAt);
    const fragment = hashAt < 0 ? "" : safeDecode(href.slice(hashAt + 1));
    // notebooks/index.md is the course's introduction: in the notes it is the index page
    const file =
      path === ""
        ? page
        : basename(safeDecode(path))
            .replace(/\.ipynb$/, ".html")
            .replace(/^index\.md$/, "index.html");
    if (file === "index.html" && path !== "") {
      link.attr("href", `index.html${fragment ? `#${encodeURIComponent(fragment)}` : ""}`);
      return;
    }
    const renamed = renamedByPage.get(file);
    if (!renamed) return; // a file that is not one of the exported lessons
    const id = renamed.get(fragment) ?? fragment;
    link.attr(
      "href",
      (file === page && (path === "" || renamedByPage.size === 1) ? "" : pageHref(file)) + (id ? `#${id}` : ""),
    );
  });
}
