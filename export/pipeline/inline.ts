/**
 * The inline step (single mode): a downloaded page cannot carry the site's assets/ folder, so every stylesheet
 * and script the page loads from it becomes part of the page, in place (a `defer` script moves to the end of
 * <body>, where a deferred script runs). Works on the parsed page; each script the pipeline inlines is marked for
 * the csp step, which allows it by its hash. Anything that still points at a local script or stylesheet afterwards
 * is an error instead of a page that breaks offline.
 */
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import type { CheerioAPI } from "cheerio";
import { OWN_INLINE_SCRIPT } from "./csp";

/** `src`/`href` values that are local files: not data:, http(s), protocol-relative URLs or in-page anchors. */
export function isLocalReference(url: string): boolean {
  return !/^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i.test(url);
}

/** Reads a file the page references, relative to `baseDir`, refusing anything outside it. */
function readAsset(baseDir: string, url: string): string {
  const file = resolve(baseDir, decodeURI(url.split(/[?#]/)[0]));
  const rel = relative(baseDir, file);
  if (rel.startsWith("..") || isAbsolute(rel)) throw new Error(`inline: ${url} points outside the assets' folder`);
  if (!existsSync(file)) throw new Error(`inline: ${url} does not exist in ${baseDir}`);
  // the HTML parser turns CR LF into LF before a script's hash is taken: do the same, so the hash matches
  return readFileSync(file, "utf8").replace(/\r\n?/g, "\n");
}

/**
 * Script text made safe to sit between `<script>` and `</script>`: the HTML parser ends a script at `</script`
 * and changes state at `<!--` / `<script`, wherever they appear (plotly.min.js has `<!--` in a string). `\x3C` is
 * `<` inside JS strings, template literals and regular expressions, the only places these sequences occur in code.
 */
export function escapeScript(js: string): string {
  return js.replace(/<(?=\/script|!--|script)/gi, "\\x3C");
}

/** CSS made safe inside `<style>`: it may not contain `</style`, and a relative url(...) would break. */
function checkCss(css: string, url: string): string {
  if (/<\/style/i.test(css)) throw new Error(`inline: ${url} contains "</style", which cannot be inlined`);
  for (const m of css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/gi)) {
    if (isLocalReference(m[1]))
      throw new Error(`inline: ${url} loads ${m[1]} with url(), which a single file cannot carry`);
  }
  return css;
}

/** Scripts and stylesheets a page would still load from local files. */
export function localResources($: CheerioAPI): string[] {
  const found: string[] = [];
  $("script[src]").each((_, el) => {
    const src = $(el).attr("src") ?? "";
    if (isLocalReference(src)) found.push(src);
  });
  $('link[rel="stylesheet"][href]').each((_, el) => {
    const href = $(el).attr("href") ?? "";
    if (isLocalReference(href)) found.push(href);
  });
  return found;
}

/**
 * Inlines the page's local stylesheets and scripts, read from `assetsBase` (the folder the page's relative URLs
 * point into). Returns the URLs inlined, in document order.
 */
export function inlineAssets($: CheerioAPI, assetsBase: string): string[] {
  const inlined: string[] = [];
  $('link[rel="stylesheet"][href]').each((_, el) => {
    const href = $(el).attr("href") ?? "";
    if (!isLocalReference(href)) return;
    inlined.push(href);
    const style = $("<style></style>").attr("data-dlnotes-inlined", href);
    style.text(`\n${checkCss(readAsset(assetsBase, href), href)}\n`);
    $(el).replaceWith(style);
  });
  const deferred: ReturnType<CheerioAPI>[] = [];
  $("script[src]").each((_, el) => {
    const src = $(el).attr("src") ?? "";
    if (!isLocalReference(src)) return;
    inlined.push(src);
    const script = $("<script></script>").attr("data-dlnotes-inlined", src).attr(OWN_INLINE_SCRIPT, "");
    script.text(`\n${escapeScript(readAsset(assetsBase, src))}\n`);
    if ($(el).attr("defer") !== undefined) {
      deferred.push(script);
      $(el).remove();
    } else $(el).replaceWith(script);
  });
  for (const script of deferred) $("body").append(script);
  const left = localResources($);
  if (left.length) throw new Error(`inline: the page still loads local files: ${left.join(", ")}`);
  return inlined;
}
