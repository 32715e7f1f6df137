/**
 * The sanitize step: everything a notebook brought into a page goes through DOMPurify (a maintained sanitizer,
 * run on a real DOM from jsdom), right after rendering and before the pipeline adds anything of its own, so the
 * pipeline's own scripts and navigation are never at the mercy of a filter and nothing of the notebook's escapes
 * it. By construction the whole of `<main>` (every cell: Markdown, raw, code input, outputs) is sanitized, except
 * what is set aside first:
 * - the Plotly outputs the template writes: inert JSON (`<script type="application/vnd.plotly.v1+json">`, `<`
 *   escaped as \u003c) that the page's own script parses and Plotly draws, and an escaped text fallback;
 * - the outputs of a notebook whose outputs are trusted (trust.ts decides; Markdown is never trusted).
 * The allow-list is DOMPurify's HTML + SVG + MathML profile (headings, tables, details/summary, images including
 * data: URIs, MathML) minus forms and `<style>`; no script, no event handler, no `javascript:` URL, no frame,
 * object, embed, meta or base survives. CSS `url(...)` in a style attribute is dropped (it would fetch).
 */
import DOMPurify from "dompurify";
import type { Config } from "dompurify";
import { JSDOM } from "jsdom";
import type { CheerioAPI } from "cheerio";
import { PLOTLY_MIME } from "../../src/core/definitions";

/** Tags removed even though DOMPurify's default profile allows them. */
const FORBIDDEN_TAGS = ["style", "form", "input", "button", "select", "option", "textarea", "dialog"];

const CONFIG: Config = {
  FORBID_TAGS: FORBIDDEN_TAGS,
  FORBID_ATTR: ["formaction", "action", "srcset", "ping", "background", "poster"],
  USE_PROFILES: { html: true, svg: true, mathMl: true },
};

type Purifier = ReturnType<typeof DOMPurify>;
let purifier: Purifier | undefined;

/** One DOMPurify on one jsdom window for the whole run (jsdom never runs scripts or loads resources). */
function getPurifier(): Purifier {
  if (purifier) return purifier;
  const { window } = new JSDOM("");
  const p = DOMPurify(window as unknown as Parameters<typeof DOMPurify>[0]);
  p.addHook("uponSanitizeAttribute", (_node, data) => {
    // style="background: url(http://...)" would load something; everything else in a style attribute is kept
    if (data.attrName === "style" && /url\s*\(|image-set\s*\(|@import|expression\s*\(/i.test(data.attrValue)) data.keepAttr = false;
  });
  purifier = p;
  return p;
}

/** HTML that a notebook brought, made safe to place in a page. */
export function sanitizeHtml(html: string): string {
  return getPurifier().sanitize(html, { ...CONFIG, RETURN_TRUSTED_TYPE: false }) as string;
}

/** Marker attribute of an element set aside while `<main>` is sanitized. */
const HOLD = "data-dlnotes-hold";

/**
 * Sanitizes a rendered page's `<main>` in place (see the module comment). `outputsTrusted` comes from trust.ts.
 * Returns how many elements were set aside (Plotly blocks, trusted outputs).
 */
export function sanitizePage($: CheerioAPI, outputsTrusted: boolean): number {
  const held: string[] = [];
  const hold = (el: Parameters<CheerioAPI>[0]) => {
    const $el = $(el as never);
    held.push($.html($el));
    $el.replaceWith(`<div ${HOLD}="${held.length - 1}"></div>`);
  };
  // Plotly outputs as the template writes them: inert JSON (`<` escaped) and the escaped text/plain fallback in a
  // <noscript>; checked to be exactly that before being set aside.
  $(`main .dlnotes-plotly`).each((_, el) => {
    const parts = $(el).children();
    const ok = parts.length === 2 && parts.eq(0).is(`script[type="${PLOTLY_MIME}"]`) && parts.eq(1).is("noscript");
    if (!ok) throw new Error("sanitize: a Plotly output is not the template's <script type=json> + <noscript>");
    JSON.parse(parts.eq(0).text());
    hold(el);
  });
  if (outputsTrusted) $("main .jp-OutputArea-output").each((_, el) => hold(el));
  const main = $("main");
  if (main.length !== 1) throw new Error(`sanitize: the rendered page has ${main.length} <main> elements, expected 1`);
  main.html(sanitizeHtml(main.html() ?? ""));
  main.find(`[${HOLD}]`).each((_, el) => {
    const n = Number($(el).attr(HOLD));
    $(el).replaceWith(held[n]);
    held[n] = "";
  });
  if (held.some((h) => h !== "")) throw new Error("sanitize: an element set aside did not come back (the sanitizer removed its place)");
  return held.length;
}
