// Types of anchors.mjs for the TypeScript tests.
import type { CheerioAPI } from "cheerio";

/** Heading text with each TeX span reduced to the plain words in it. */
export function texToWords(text: string): string;
/** Gives every heading in <main> a readable, unique id; returns old id -> new id. */
export function slugHeadings($: CheerioAPI): Map<string, string>;
/** Rewrites links to old heading ids and to other lessons' notebooks. */
export function rewriteLinks($: CheerioAPI, page: string, renamedByPage: Map<string, Map<string, string>>): void;
