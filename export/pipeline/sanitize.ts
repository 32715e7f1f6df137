/**
 * The sanitize step: everything a notebook brought into a page goes through DOMPurify (a maintained sanitizer,
 * run on a real DOM from jsdom), right after rendering and before the pipeline adds anything of its own, so the
 * pipeline's own scripts and navigation are never at the mercy of a filter and nothing of the notebook's escapes
 * it. By construction the whole `<body>` is sanitized (every cell: Markdown, raw, code input, outputs; and whatever
 * a cell's markup moved out of `<main>` by closing it early), and `<html>`/`<body>` keep only the template's own
 * attributes (the HTML parser moves the attributes of a stray `<body onload>` in a cell onto the page's body),
 * except what is set aside first:
 * - the Plotly outputs the template writes: inert JSON (`<script type="application/vnd.plotly.v1+json">`, `<`
 *   escaped as \u003c) that the page's own script parses and Plotly draws, and an escaped text fallback;
 * - the outputs of a notebook whose outputs are trusted (trust.ts decides; Markdown is never trusted).
 * The allow-list is DOMPurify's HTML + SVG + MathML profile (headings, tables, details/summary, images including
 * data: URIs, MathML) minus forms and `<style>`; no script, no event handler, no `javascript:` URL, no frame,
 * object, embed, meta or base survives. CSS `url(...)` in a style attribute is dropped (it would fetch).
 */
import { randomBytes } from "node:crypto";
import DOMPurify from "dompurify";
import type { Config } from "dompurify";
import { JSDOM } from "jsdom";
import type { CheerioAPI } from "cheerio";
import { PLOTLY_MIME } from "../../src/core/definitions";

/** Tags removed even though DOMPurify's default profile allows them. */
const FORBIDDEN_TAGS = [
  "style",
  "form",
  "input",
  "button",
  "select",
  "option",
  "textarea",
  "dialog",
  "video",
  "audio",
  "source",
  "track",
  "picture",
];

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
    if (data.attrName === "style" && /url\s*\(|image-set\s*\(|@import|expression\s*\(/i.test(data.attrValue))
      data.keepAttr = false;
  });
  purifier = p;
  return p;
}

/** HTML that a notebook brought, made safe to place in a page. */
export function sanitizeHtml(html: string): string {
  return getPurifier().sanitize(html, { ...CONFIG, RETURN_TRUSTED_TYPE: false }) as string;
}

/** The attributes nbconvert's template gives `<html>` and `<body>`; any other came from a notebook's markup. */
const TEMPLATE_ATTRIBUTES: [string, RegExp][] = [
  ["html", /^lang$/],
  ["body", /^(class|data-jp-theme-light|data-jp-theme-name)$/],
];

/** Marker attribute of an element set aside while `<main>` is sanitized. */
const HOLD = "data-dlnotes-hold";
/** Marker attribute of the template's `<main>` while the page is sanitized. */
const MAIN = "data-dlnotes-main";

/**
 * Sanitizes a rendered page's `<body>` in place (see the module comment). `outputsTrusted` comes from trust.ts.
 * Returns how many elements were set aside (Plotly blocks, trusted outputs).
 */
export function sanitizePage($: CheerioAPI, outputsTrusted: boolean): number {
  // markers a notebook cannot forge: they carry a secret of this run
  const secret = randomBytes(12).toString("hex");
  const templateMain = $("body > main").first();
  if (templateMain.length !== 1) throw new Error("sanitize: the rendered page has no <main>");
  templateMain.attr(MAIN, secret);
  const held: string[] = [];
  const hold = (el: Parameters<CheerioAPI>[0]) => {
    const $el = $(el as never);
    held.push($.html($el));
    $el.replaceWith(`<div ${HOLD}="${secret}-${held.length - 1}"></div>`);
  };
  // Plotly outputs as the template writes them: inert JSON (`<` escaped) and the escaped text/plain fallback in a
  // <noscript>; checked to be exactly that before being set aside.
  $(`body .dlnotes-plotly`).each((_, el) => {
    const parts = $(el).children();
    const ok = parts.length === 2 && parts.eq(0).is(`script[type="${PLOTLY_MIME}"]`) && parts.eq(1).is("noscript");
    if (!ok) throw new Error("sanitize: a Plotly output is not the template's <script type=json> + <noscript>");
    JSON.parse(parts.eq(0).text());
    hold(el);
  });
  if (outputsTrusted) $("body .jp-OutputArea-output").each((_, el) => hold(el));
  for (const [element, keep] of TEMPLATE_ATTRIBUTES) {
    const node = $(element);
    for (const name of Object.keys(node.attr() ?? {})) if (!keep.test(name)) node.removeAttr(name);
  }
  const body = $("body");
  body.html(sanitizeHtml(body.html() ?? ""));
  // a notebook's own <main> elements become plain content: the page has one main, the template's
  $("main").each((_, el) => {
    if ($(el).attr(MAIN) === secret) $(el).removeAttr(MAIN);
    else $(el).replaceWith($(el).contents());
  });
  body.find(`[${HOLD}]`).each((_, el) => {
    const [mark, index] = ($(el).attr(HOLD) ?? "").split("-");
    const n = Number(index);
    if (mark !== secret || held[n] === undefined || held[n] === "") {
      $(el).remove();
      return;
    }
    $(el).replaceWith(held[n]);
    held[n] = "";
  });
  if (held.some((h) => h !== ""))
    throw new Error("sanitize: an element set aside did not come back (the sanitizer removed its place)");
  return held.length;
}
