/**
 * Puts plotly.js next to the notebook, so the HTML representation of a plot can load it through the Jupyter
 * server (`/files/...`): never inlined into the notebook, never from a CDN.
 */
import { copyFileSync, statSync } from "node:fs";
import { join } from "node:path";

let copied = false;

/**
 * Copies `plotly.min.js` (from the npm package `plotly.js-dist-min`) into the kernel's working directory,
 * which is the notebook's folder, once per kernel. Best effort: a read-only folder only means the static
 * summary stays; nothing is written to stderr (a notebook runner treats stderr as a failure).
 */
export function copyPlotlyNextToNotebook(): void {
  if (copied) return;
  copied = true;
  try {
    const source = require.resolve("plotly.js-dist-min/plotly.min.js");
    const target = join(process.cwd(), "plotly.min.js");
    let same = false;
    try {
      same = statSync(target).size === statSync(source).size;
    } catch {
      same = false;
    }
    if (!same) copyFileSync(source, target);
  } catch {
    // see above: the figure still shows through the Plotly mime type and the static summary
  }
}
