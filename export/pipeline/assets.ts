/**
 * The assets the pages load, written into `<site>/assets/`: plotly.js (npm plotly.js-dist-min), the pages' own
 * scripts and stylesheet (export/assets), nbconvert's lab CSS trimmed to the rules the pages use (PurgeCSS) and,
 * in site mode, MiniSearch and the search documents. Everything loads by relative URLs: a site works from file://
 * and any static server, nothing from a CDN. In single mode the same files are made in a scratch folder and the
 * inline step copies them into the page.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PurgeCSS } from "purgecss";
import { PLOTLY_CONFIG, SIDEBAR_BREAKPOINT_PX } from "../../src/core/definitions";

const projectRoot = join(__dirname, "..", "..");
const require = createRequire(join(projectRoot, "package.json"));

/** Facts of src/core/definitions.ts that the page assets use, by the name their marker carries. */
const ASSET_FACTS: Readonly<Record<string, string>> = {
  PLOTLY_CONFIG: JSON.stringify(PLOTLY_CONFIG),
  SIDEBAR_BREAKPOINT_PX: String(SIDEBAR_BREAKPOINT_PX),
  SIDEBAR_NARROW_MAX_PX: String(SIDEBAR_BREAKPOINT_PX - 1),
};

/**
 * An asset with each marked value (a comment `FACT:NAME` followed by a placeholder value, e.g. `{}` or `1000`)
 * replaced by the project's fact of that name, so the scripts and CSS never hold a second copy of it.
 */
export function withFacts(text: string, file: string): string {
  return text.replace(/\/\*FACT:([A-Z_]+)\*\/\s*(\{\}|\d+)/g, (_, name: string) => {
    const value = ASSET_FACTS[name];
    if (value === undefined) throw new Error(`assets: ${file} marks an unknown fact ${name}`);
    return value;
  });
}

/** The lab CSS files of nbconvert's lab template that the pages link (assets/lab/...). */
export const LAB_CSS = ["index.css", "theme-light.css"] as const;

/**
 * The CSS with the rules that cannot match any of the pages removed. Measured on the lesson pages: PurgeCSS with
 * its default options renders every page pixel-identical to the full CSS (index.css 240 -> 139 kB); its
 * `variables`/`keyframes`/`fontFace` options would change the layout, so they stay off.
 */
export async function trimCss(css: string, htmls: string[]): Promise<string> {
  const [result] = await new PurgeCSS().purge({
    content: htmls.map((raw) => ({ raw, extension: "html" })),
    css: [{ raw: css }],
  });
  return result.css;
}

/**
 * Writes the pages' assets into `<dir>/assets`. `htmls` are the pages (for trimming the CSS), `labStatic` the
 * folder of nbconvert's lab CSS, `search` the content of search-index.js (site mode) or undefined (single mode).
 */
export async function writeAssets(
  dir: string,
  { htmls, labStatic, search }: { htmls: string[]; labStatic: string; search?: string },
): Promise<void> {
  const assets = join(dir, "assets");
  mkdirSync(join(assets, "lab"), { recursive: true });
  copyFileSync(require.resolve("plotly.js-dist-min/plotly.min.js"), join(assets, "plotly.min.js"));
  const own = join(projectRoot, "export", "assets");
  for (const f of readdirSync(own)) {
    const text = readFileSync(join(own, f), "utf8");
    writeFileSync(join(assets, f), withFacts(text, f));
  }
  for (const f of LAB_CSS)
    writeFileSync(join(assets, "lab", f), await trimCss(readFileSync(join(labStatic, f), "utf8"), htmls));
  if (search !== undefined) {
    // MiniSearch's browser build (UMD: sets window.MiniSearch), for the search box.
    copyFileSync(join(dirname(require.resolve("minisearch")), "..", "umd", "index.js"), join(assets, "minisearch.js"));
    writeFileSync(join(assets, "search-index.js"), search);
  }
}
