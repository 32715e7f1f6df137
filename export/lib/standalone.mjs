// One course-notes page as ONE self-contained HTML file, for downloads (JupyterLab's Export menu): a download
// cannot carry the site's assets/ folder, so every script and stylesheet the page loads from it is copied into the
// page itself, in place, and the site navigation (links to the index and to sibling pages that a single file does
// not have) is dropped. Everything else stays byte for byte what scripts/export.mjs wrote.
//
// Hand-written string edits rather than an HTML library (inline-source, web-resource-inliner, ...): those parse and
// re-serialize the whole page, which would change the 0.2-0.7 MB of typeset formulas and cells this module must
// leave alone; the pages come from our own template, so the tags to replace are known, and anything that still
// points at a local file afterwards is reported as an error instead of giving a page that breaks offline.
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";

/** `src`/`href` values that are not local files: data: URIs, http(s), protocol-relative URLs, in-page anchors. */
function isLocalReference(url) {
  return !/^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i.test(url);
}

/** The attribute `name` of a start tag (`<script src="...">`), or undefined. */
function attribute(tag, name) {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

/** Reads a file the page references, relative to the page's folder, refusing anything outside that folder. */
function readAsset(baseDir, url, tag) {
  const file = resolve(baseDir, decodeURI(url.split(/[?#]/)[0]));
  const rel = relative(baseDir, file);
  if (rel.startsWith("..") || isAbsolute(rel)) throw new Error(`standalone: ${tag} points outside the page's folder (${url})`);
  if (!existsSync(file)) throw new Error(`standalone: ${tag} refers to ${url}, which does not exist in ${baseDir}`);
  return readFileSync(file, "utf8");
}

/**
 * Script text made safe to sit between `<script>` and `</script>`: the HTML parser ends a script at `</script`
 * and changes state at `<!--` / `<script`, wherever they appear (plotly.min.js has `<!--` in a string). `\x3C` is
 * `<` inside JS strings, template literals and regular expressions, the only places these sequences occur in code.
 */
export function escapeScript(js) {
  return js.replace(/<(?=\/script|!--|script)/gi, "\\x3C");
}

/** CSS made safe inside `<style>`: it may not contain `</style`, and a relative url(...) would break. */
function inlineCss(css, url) {
  if (/<\/style/i.test(css)) throw new Error(`standalone: ${url} contains "</style", which cannot be inlined`);
  for (const m of css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/gi)) {
    if (isLocalReference(m[1])) throw new Error(`standalone: ${url} loads ${m[1]} with url(), which a single file cannot carry`);
  }
  return css;
}

/**
 * Removes the site navigation (`<nav class="dlnotes-nav">...</nav>`, links to the index and sibling pages):
 * a downloaded single page has no siblings. Returns the page and how many navigation blocks were removed.
 */
export function removeSiteNavigation(html) {
  let removed = 0;
  const out = html.replace(/<nav\b[^>]*\bclass\s*=\s*"[^"]*\bdlnotes-nav\b[^"]*"[^>]*>[\s\S]*?<\/nav>\s*/gi, () => {
    removed++;
    return "";
  });
  return { html: out, removed };
}

/**
 * Copies every local stylesheet (`<link rel="stylesheet" href>`) and script (`<script src>`) of a page into the
 * page, in document order; a `defer` script moves to the end of <body> (where a deferred script runs). `baseDir`
 * is the page's folder. Throws when a referenced file is missing or something local is left that cannot be
 * inlined. Returns the page and the list of files (as referenced) that were inlined.
 */
export function inlineAssets(html, baseDir) {
  const inlined = [];
  const deferred = [];
  let out = html.replace(/<link\b[^>]*>/gi, (tag) => {
    const href = attribute(tag, "href");
    if (!/^stylesheet$/i.test(attribute(tag, "rel") ?? "") || !href || !isLocalReference(href)) return tag;
    inlined.push(href);
    return `<style data-dlnotes-inlined="${href}">\n${inlineCss(readAsset(baseDir, href, tag), href)}\n</style>`;
  });
  out = out.replace(/<script\b[^>]*>\s*<\/script>/gi, (element) => {
    const tag = element.slice(0, element.indexOf(">") + 1);
    const src = attribute(tag, "src");
    if (!src || !isLocalReference(src)) return element;
    inlined.push(src);
    const script = `<script data-dlnotes-inlined="${src}">\n${escapeScript(readAsset(baseDir, src, tag))}\n</script>`;
    if (!/\sdefer\b/i.test(tag)) return script;
    deferred.push(script);
    return "";
  });
  if (deferred.length) {
    const end = out.lastIndexOf("</body>");
    if (end < 0) throw new Error("standalone: the page has no </body> to put its deferred scripts before");
    out = out.slice(0, end) + deferred.join("\n") + "\n" + out.slice(end);
  }
  const left = localResources(out);
  if (left.length) throw new Error(`standalone: still loads local files after inlining: ${left.join(", ")}`);
  return { html: out, inlined };
}

/**
 * Scripts and stylesheets a page would still load from local files (`<script src>`, `<link rel="stylesheet" href>`
 * that are not data: or http(s)). Images a notebook's Markdown links by relative path are not counted: the site page has the
 * same reference, and a missing picture does not stop the page from working.
 */
export function localResources(html) {
  const found = [];
  for (const m of html.matchAll(/<(script|link)\b[^>]*>/gi)) {
    const isLink = m[1].toLowerCase() === "link";
    if (isLink && !/^stylesheet$/i.test(attribute(m[0], "rel") ?? "")) continue;
    const url = attribute(m[0], isLink ? "href" : "src");
    if (url && isLocalReference(url)) found.push(url);
  }
  return found;
}

/** A site page made into one self-contained file: navigation removed, assets inlined (see inlineAssets). */
export function standalonePage(html, baseDir) {
  const { html: withoutNav } = removeSiteNavigation(html);
  return inlineAssets(withoutNav, baseDir);
}
