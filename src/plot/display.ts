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
 * tslab's public `display` sends one mime type per message, so the bundle goes through tslab's internal
 * `lastWriteDisplayData` (tslab is pinned to exactly 1.0.22; tests/plot.kernel.test.ts runs a real kernel).
 */
import { randomBytes } from "node:crypto";
import { copyFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { Figure } from "./figure";
import { describeFigure } from "./describe";

/** The Plotly mime type (Plotly's own renderers in JupyterLab and VS Code read it). */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** The tslab version whose internals {@link show} uses. */
export const TSLAB_VERSION = "1.0.22";

/** The mime bundle of one display message. */
export interface MimeBundle {
  [PLOTLY_MIME]: { data: unknown[]; layout: unknown; frames?: unknown[]; config: { [k: string]: unknown } };
  "text/html": string;
  "text/plain": string;
}

const PLOT_CONFIG = { responsive: true, displaylogo: false };

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** JSON that is safe inside a `<script>` element (no `</script>`, no `<!--`). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
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
  const id = `dlnotes-plot-${randomBytes(6).toString("hex")}`;
  const height = typeof fig.layout.height === "number" ? fig.layout.height : 450;
  // Pictures of image traces appear once, in the static fallback; the script's copy of the figure refers to
  // them by trace index (data-trace) instead of repeating the PNG data, so the HTML is not twice the size.
  const scriptFigure = { ...json, data: json.data.map((t) => ((t as { type?: string }).type === "image" ? { ...(t as object), source: null } : t)) };
  const pictures = fig.data
    .map((t, k) => ({ t, k }))
    .filter(({ t }) => t.type === "image" && typeof t.source === "string")
    .map(({ t, k }) => `<figure style="display:inline-block;margin:4px;text-align:center"><img src="${t.source}" data-trace="${k}" width="96" height="96" style="image-rendering:pixelated" alt="${escapeHtml(t.name ?? "")}"><figcaption>${escapeHtml(t.name ?? "")}</figcaption></figure>`)
    .join("");
  const fallback =
    `<div class="dlnotes-fallback" style="border:1px dashed #bbb;padding:8px;color:#333">` +
    `<pre style="margin:0;white-space:pre-wrap">${escapeHtml(text)}</pre>${pictures ? `<div>${pictures}</div>` : ""}` +
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
  const json = { data: fig.data, layout: fig.layout, ...(fig.frames ? { frames: fig.frames } : {}), config: { ...PLOT_CONFIG, ...fig.config } };
  const text = describeFigure(fig);
  return { [PLOTLY_MIME]: json, "text/html": htmlFor(fig, json, text), "text/plain": text };
}

type DisplayContent = { data: { [mime: string]: unknown }; metadata: object; transient: { display_id?: string } };
type DisplayWriter = (content: DisplayContent, update: boolean) => void;

/**
 * tslab's function that sends a display message for the running cell, or undefined outside a tslab kernel.
 * It is looked up in the module cache rather than required, so the library never loads tslab (and its
 * native zeromq) in plain Node, and it finds the copy the kernel really runs (global or local tslab).
 */
function tslabWriter(): DisplayWriter | undefined {
  for (const [key, mod] of Object.entries(require.cache)) {
    if (!/[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(key)) continue;
    const writer = (mod?.exports as { lastWriteDisplayData?: unknown } | undefined)?.lastWriteDisplayData;
    if (typeof writer === "function") return writer as DisplayWriter;
  }
  return undefined;
}

/** True inside a tslab kernel that has started executing cells. */
export function inKernel(): boolean {
  return tslabWriter() !== undefined;
}

let plotlyCopied = false;

/**
 * Copies plotly.js (from the npm package) next to the notebook, i.e. into the kernel's working directory,
 * once per kernel, so the text/html output can load it through the Jupyter server. Best effort: a read-only
 * folder only means the static summary stays (nothing is written to stderr, which would fail a run).
 */
function copyPlotlyNextToNotebook(): void {
  if (plotlyCopied) return;
  plotlyCopied = true;
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

/**
 * Sends one display message carrying several mime types (`{ "image/svg+xml": ..., "text/html": ..., ... }`)
 * as a new output, or replaces the output with `displayId`. Returns false outside a tslab kernel.
 */
export function displayMimeBundle(data: { [mime: string]: unknown }, displayId?: string, update = false): boolean {
  const write = tslabWriter();
  if (!write) return false;
  write({ data: { ...data }, metadata: {}, transient: displayId ? { display_id: displayId } : {} }, update);
  return true;
}

/** Sends a figure's bundle as a new output (or replaces the output with `displayId`). Returns false outside a kernel. */
export function sendBundle(bundle: MimeBundle, displayId?: string, update = false): boolean {
  if (!inKernel()) return false;
  copyPlotlyNextToNotebook();
  return displayMimeBundle({ ...bundle }, displayId, update);
}

/**
 * Shows a figure inline in a tslab notebook as one output with Plotly JSON, HTML and plain text.
 * Outside a kernel (a script, a test) it prints the plain-text description to stdout instead.
 * @example show(costCurve(d.costs, { learningRate: 0.005 }))
 */
export function show(fig: Figure): void {
  if (!sendBundle(toMimeBundle(fig))) console.log(describeFigure(fig));
}

/** A fresh display id, as `tslab.newDisplay()` makes one: later messages with it replace the same output. */
export function newDisplayId(): string {
  return randomBytes(8).toString("hex");
}
