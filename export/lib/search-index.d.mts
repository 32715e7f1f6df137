// Types of search-index.mjs for the TypeScript tests.
import type { CheerioAPI } from "cheerio";

/** One section of one page, as the search indexes it. */
export interface SearchDoc {
  id: string;
  page: string;
  anchor: string;
  pageTitle: string;
  title: string;
  text: string;
  code: string;
  words: string;
}
/** Markdown text with TeX spans made readable as plain text. */
export function texToText(text: string): string;
/** The search documents of one page. */
export function pageSearchDocs($: CheerioAPI, page: { page: string; title: string }): SearchDoc[];
/** The content of assets/search-index.js. */
export function searchIndexScript(docs: SearchDoc[]): string;
