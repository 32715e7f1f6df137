/**
 * Showing a figure inline: ONE display message carrying several mime types, so each front end picks what it
 * can render (see README, "Plots"):
 * - `application/vnd.plotly.v1+json`: JupyterLab with the plotly extension (also when reopened untrusted),
 *   VS Code, and the project's HTML export template;
 * - `text/html`: a readable static summary that a script replaces by the interactive plot where scripts run
 *   (classic Notebook when trusted, trusted JupyterLab without the extension); the script loads plotly.js from
 *   `plotly.min.js` next to the notebook (copied there by {@link show}), never from a CDN, never inlined;
 * - `text/plain`: {@link describeFigure}, for GitHub's viewer, PDF export and terminals.
 *
 * The bundle is shown through the platform (src/platform), the one module that talks to tslab.
 */
import { escapeMarkup, PLOTLY_CONFIG, PLOTLY_MIME } from "../core";
import { platform } from "../platform";
import type { MimeBundle as AnyMimeBundle } from "../platform";
import { Figure } from "./figure";
import { describeFigure } from "./describe";
import { sketchFigure, sketchHtml } from "./sketch";
import { fitPointBudget } from "./budget";

/** The Plotly mime type (Plotly's own renderers in JupyterLab and VS Code read it): src/core/definitions.ts. */
export { PLOTLY_MIME };

/** The mime bundle of one plot's display message. */
export interface MimeBundle extends AnyMimeBundle {
  [PLOTLY_MIME]: { data: unknown[]; layout: unknown; frames?: unknown[]; config: { [k: string]: unknown } };
  "text/html": string;
  "text/plain": string;
}

const PLOT_CONFIG = PLOTLY_CONFIG;

/** JSON that is safe inside a `<script>` element (no `</script>`, no `<!--`). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * The browser-side loader: uses `window.Plotly` if present, else loads `plotly.min.js` once per page from
 * the notebook's folder through the Jupyter server's `/files/` route (classic Notebook, JupyterLab), then
 * relative to the page (an HTML file next to plotly.min.js). Figures shown meanwhile wait in a queue.
 */
const LOADER = `function(draw){var w=window;if(w.Plotly){draw(w.Plotly);return}
var q=w.__dlnotesPlotlyQueue;if(q){q.push(draw);return}q=w.__dlnotesPlotlyQueue=[draw];
var u=[],m=location.pathname.match(/^(.*?\\/)(?:notebooks|lab\\/tree|doc\\/tree|lab\\/workspaces\\/[^\\/]+\\/tree)\\/(.*\\/)?[^\\/]*$/);
if(m)u.push(m[1]+"files/"+(m[2]||"")+"plotly.min.js");u.push("plotly.min.js");
(function next(i){if(i>=u.length){w.__dlnotesPlotlyQueue=null;return}var s=document.createElement("script");s.src=u[i];
s.onload=function(){if(!w.Plotly){next(i+1);return}w.__dlnotesPlotlyQueue=null;q.forEach(function(f){f(w.Plotly)})};
s.onerror=function(){next(i+1)};document.head.appendChild(s)})(0)}`;

function htmlFor(fig: Figure, json: MimeBundle[typeof PLOTLY_MIME], text: string): string {
  const id = `dlnotes-plot-${platform.randomId()}`;
  const height = typeof fig.layout.height === "number" ? fig.layout.height : 450;
  // Pictures of image traces appear once, in the static fallback; the script's copy of the figure refers to
  // them by trace index (data-trace) instead of repeating the PNG data, so the HTML is not twice the size.
  const scriptFigure = {
    ...json,
    data: json.data.map((t) => ((t as { type?: string }).type === "image" ? { ...(t as object), source: null } : t)),
  };
  const pictures = fig.data
    .map((t, k) => ({ t, k }))
    .filter(({ t }) => t.type === "image" && typeof t.source === "string")
    .map(
      ({ t, k }) =>
        `<figure style="display:inline-block;margin:4px;text-align:center"><img src="${t.source}" data-trace="${k}" width="96" height="96" style="image-rendering:pixelated" alt="${escapeMarkup(t.name ?? "")}"><figcaption>${escapeMarkup(t.name ?? "")}</figcaption></figure>`,
    )
    .join("");
  const fallback =
    `<div class="dlnotes-fallback" style="border:1px dashed #bbb;padding:8px;color:#333">` +
    `<pre style="margin:0;white-space:pre-wrap">${escapeMarkup(text)}</pre>${pictures ? `<div>${pictures}</div>` : ""}` +
    `<div style="font-size:smaller;color:#777">Static summary. The interactive plot appears where scripts may run (trusted notebook) ` +
    `and plotly.min.js is next to the notebook (dlnotes' show() copies it there).</div></div>`;
  // The output may not be in the document yet when its script runs (a front end can render before attaching):
  // find the element through the script's own position, else by id, retrying for a few seconds.
  const draw =
    `function(P){var tries=0;(function go(){var el=document.getElementById("${id}");` +
    `if(!el&&me&&me.previousElementSibling&&me.previousElementSibling.id==="${id}")el=me.previousElementSibling;` +
    `if(!el){if(++tries<50)setTimeout(go,100);return}` +
    `Array.prototype.forEach.call(el.querySelectorAll("img[data-trace]"),function(i){fig.data[+i.getAttribute("data-trace")].source=i.getAttribute("src")});` +
    `el.innerHTML="";el.style.minHeight="${height}px";P.newPlot(el,fig)})()}`;
  return `<div id="${id}" class="dlnotes-plot">${fallback}</div><script type="text/javascript">(function(){var me=document.currentScript;var fig=${scriptJson(scriptFigure)};(${LOADER})(${draw})})();</script>`;
}

/**
 * The mime bundle {@link show} sends: Plotly JSON, HTML (static summary + loader script) and plain text.
 * Useful to inspect what a notebook will store, or to display through another channel.
 */
export function toMimeBundle(fig: Figure): MimeBundle {
  const json = {
    data: fig.data,
    layout: fig.layout,
    ...(fig.frames ? { frames: fig.frames } : {}),
    config: { ...PLOT_CONFIG, ...fig.config },
  };
  const text = describeFigure(fig);
  return { [PLOTLY_MIME]: json, "text/html": htmlFor(fig, json, text), "text/plain": text };
}

/**
 * The bundle of a picture of a figure that is still changing (a live curve while it trains): the SVG of
 * {@link sketchFigure} as `image/svg+xml` (the course notes' runner, VS Code) and as an `<img>` in `text/html`
 * (JupyterLab shows SVG only in trusted outputs; sanitized HTML keeps the `<img>`), and the text description. It
 * has no Plotly JSON on purpose: see {@link present}.
 */
export function previewBundle(fig: Figure): AnyMimeBundle {
  const svg = sketchFigure(fig);
  return { "image/svg+xml": svg, "text/html": sketchHtml(fig, svg), "text/plain": describeFigure(fig) };
}

/** True inside a notebook front end that shows rich output (a running tslab kernel). */
export function inKernel(): boolean {
  return platform.hasFrontEnd();
}

/** How {@link present} places a figure. */
export interface PresentOptions {
  /** Names the output, so a later call with `update: true` replaces it (a live curve). */
  displayId?: string;
  /** Replace the output named `displayId` instead of adding one. */
  update?: boolean;
  /** The figure is still changing: send {@link previewBundle} (a picture) instead of {@link toMimeBundle}. */
  preview?: boolean;
}

/**
 * The ONE way a figure reaches a front end (show() and live curves): a new output, or the replacement of the
 * output named `displayId`, through the platform (a tslab kernel, or the course notes' runner in a browser).
 *
 * A figure that is still changing is sent as a picture, and the finished one as Plotly JSON + HTML + text,
 * because JupyterLab 4 and Notebook 7 keep an output's renderer while its preferred MIME type stays the same,
 * and jupyterlab-plotly's renderer never redraws a plot it has drawn: Plotly JSON updated in place would stay
 * at its first state. HTML is redrawn on every update; the switch to Plotly JSON makes a fresh Plotly renderer,
 * which draws the complete figure, and that figure is also what the notebook saves (docs/live-curves.md).
 * @returns false where there is no front end (nothing shown: the caller prints text instead)
 */
export function present(fig: Figure, options: PresentOptions = {}): boolean {
  if (!platform.hasFrontEnd()) return false;
  const { displayId, update = false, preview = false } = options;
  if (preview) return platform.display(previewBundle(fig), { displayId, update });
  platform.providePlotlyScript();
  return platform.display(toMimeBundle(fig), { displayId, update });
}

/**
 * Shows a figure inline in a tslab notebook as one output with Plotly JSON, HTML and plain text.
 * Outside a kernel (a script, a test) it prints the plain-text description to stdout instead.
 * Above {@link MAX_FIGURE_POINTS} points it prints one `⚠` line and shows every k-th point, saying so in the title.
 * @example show(costCurve(d.costs, { learningRate: 0.005 }))
 */
export function show(fig: Figure): void {
  const shown = fitPointBudget(fig, "show");
  if (!present(shown)) console.log(describeFigure(shown));
}
