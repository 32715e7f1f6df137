/**
 * The search step (site mode): each section of each page (from one heading to the next) becomes a search
 * document; all of them go into assets/search-index.js, a plain script that sets `window.dlnotesSearchDocs`, so
 * search works from file:// too (a browser refuses fetch() of a JSON file there, and the pages' policy forbids any
 * connection). assets/dlnotes-nav.js indexes them in the browser with MiniSearch (npm `minisearch`, copied next to
 * it). Answers to questions and solution code are left out so that a search cannot give them away. TeX becomes
 * readable text through tex-text.ts, the export's one converter.
 */
import type { CheerioAPI } from "cheerio";
import { texToText } from "./tex-text";

/** One search document: a section of a page. */
export interface SearchDoc {
  id: string;
  page: string;
  anchor: string;
  pageTitle: string;
  title: string;
  text: string;
  code: string;
  /** names of TeX commands in the section (`sigma`, `alpha`), so a reader can type them */
  words: string;
}

const squeeze = (s: string) => s.replace(/\s+/g, " ").trim();

/** The names of the TeX commands in a text (`$\sigma(z)$` -> `sigma`), which texToText turns into symbols. */
const texCommandNames = (text: string) => (text.match(/\\[A-Za-z]+/g) ?? []).map((c) => c.slice(1)).join(" ");

/**
 * The search documents of one page (headings already carry their final ids, TeX still raw). Text before the
 * first h2/h3 belongs to the page's title.
 */
export function pageSearchDocs($: CheerioAPI, { page, title }: { page: string; title: string }): SearchDoc[] {
  type Draft = { anchor: string; title: string; text: string[]; code: string[]; words: string[] };
  const drafts: Draft[] = [];
  let current: Draft = { anchor: "", title, text: [], code: [], words: [] };
  drafts.push(current);
  $("main .jp-Cell").each((_, cell) => {
    const $cell = $(cell);
    if ($cell.closest("details.solution").length) return;
    if ($cell.hasClass("jp-CodeCell")) {
      current.code.push($cell.find(".jp-InputArea-editor").text());
      return;
    }
    $cell
      .find(".jp-MarkdownOutput")
      .children()
      .each((_, el) => {
        const $el = $(el);
        const tag = (el as { tagName?: string }).tagName ?? "";
        if (/^h[23]$/.test(tag) && $el.attr("id")) {
          const heading = $el.clone();
          heading.find("a.anchor-link").remove();
          current = {
            anchor: $el.attr("id") ?? "",
            title: squeeze(texToText(heading.text())),
            text: [],
            code: [],
            words: [texCommandNames(heading.text())],
          };
          drafts.push(current);
          return;
        }
        if (tag === "h1") return; // the lesson's title is already the page's first document
        if ($el.is("details.answer")) return;
        const shown = $el.clone();
        shown.find("details.answer").remove();
        const text = shown.text();
        current.text.push(texToText(text));
        current.words.push(texCommandNames(text));
      });
  });
  return drafts
    .map((d, i) => ({
      id: `${page}#${d.anchor || i}`,
      page,
      anchor: d.anchor,
      pageTitle: title,
      title: d.title,
      text: squeeze(d.text.join(" ")),
      code: squeeze(d.code.join("\n")),
      words: squeeze(d.words.join(" ")),
    }))
    .filter((d) => d.text || d.code || d.anchor);
}

/** The content of assets/search-index.js: a script that sets window.dlnotesSearchDocs to the documents. */
export function searchIndexScript(docs: SearchDoc[]): string {
  const json = JSON.stringify(docs)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
  return `// dlnotes course notes: search documents, one per section (written by the export pipeline).\nwindow.dlnotesSearchDocs = ${json};\n`;
}
