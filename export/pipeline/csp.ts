/**
 * The csp step, last before a page is written: a `<meta http-equiv="Content-Security-Policy">` as the first
 * element of `<head>` (a meta policy applies only to what comes after it; it also works from file://), with the
 * notes' policy from src/core/definitions.ts plus the `sha256-…` hash of each inline script the pipeline wrote
 * itself (marked `data-dlnotes-inline`). No other inline script is ever allowed: the scripts in trusted outputs
 * (trust.ts) stay in the page but do not run, and any other one is an error of the export (the sanitize step
 * should have removed it).
 */
import { createHash } from "node:crypto";
import type { CheerioAPI } from "cheerio";
import { cspText } from "../../src/core/definitions";

/** Marks an inline script that the pipeline wrote (and the csp step may therefore allow by its hash). */
export const OWN_INLINE_SCRIPT = "data-dlnotes-inline";

/** Script types a browser runs (an empty type is JavaScript too). */
const RUNNABLE_TYPES = new Set([
  "",
  "text/javascript",
  "application/javascript",
  "module",
  "text/ecmascript",
  "application/ecmascript",
]);

/** The CSP source of a script text: `'sha256-<base64>'` of its UTF-8 bytes, as the browser computes it. */
export function scriptHash(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

/** Adds the policy to a finished page; returns the policy text. */
export function addContentSecurityPolicy($: CheerioAPI, where: string): string {
  const hashes: string[] = [];
  $("script").each((_, el) => {
    const script = $(el);
    if (script.attr("src") !== undefined) return;
    const type = (script.attr("type") ?? "").trim().toLowerCase();
    if (!RUNNABLE_TYPES.has(type)) return; // data blocks (Plotly JSON) never run
    if (script.attr(OWN_INLINE_SCRIPT) === undefined) {
      if (script.closest(".jp-OutputArea-output").length) return; // a trusted output's script: kept, not allowed
      throw new Error(`csp: ${where} has an inline script the pipeline did not write: ${script.text().slice(0, 80)}`);
    }
    hashes.push(scriptHash(script.text()));
  });
  const policy = cspText(hashes.length ? { "script-src": [...new Set(hashes)] } : {});
  $('head meta[http-equiv="Content-Security-Policy"]').remove();
  const head = $("head");
  if (head.length !== 1) throw new Error(`csp: ${where} has no <head>`);
  head.prepend(`<meta http-equiv="Content-Security-Policy" content="${policy.replace(/"/g, "&quot;")}">`);
  return policy;
}
