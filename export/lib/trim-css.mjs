// nbconvert's lab stylesheet styles all of JupyterLab: menus, dialogs, file browser, ... A course page uses a
// few dozen of its classes. trimCss drops the rules no exported page can use, with PurgeCSS (npm `purgecss`),
// which keeps the pages small (plotly.js included, each page stays under the 6 MB budget).
//
// Measured on the six lesson pages (nbconvert 7.17's lab CSS, Chromium full-page screenshots at 1000 px with
// the plots hidden): PurgeCSS with its default options renders every page pixel-identical to the full CSS
// (index.css 240 -> 139 kB, theme-light.css kept whole at 16 kB, about 3 s). Its `variables`, `keyframes`
// and `fontFace` options trim further (44 + 8 kB) but change the layout (pages 23-36 px shorter), so they
// stay off. The hand-written trimmer it replaces reached 107 + 11 kB, also pixel-identical.
import { PurgeCSS } from "purgecss";

/**
 * The CSS with the rules that cannot match any of the pages removed.
 * @param {string} css a stylesheet
 * @param {string[]} htmls the HTML of every page that loads it
 * @returns {Promise<string>}
 */
export async function trimCss(css, htmls) {
  const [result] = await new PurgeCSS().purge({ content: htmls.map((raw) => ({ raw, extension: "html" })), css: [{ raw: css }] });
  return result.css;
}
