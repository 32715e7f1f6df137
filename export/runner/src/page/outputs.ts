/**
 * A cell's output area in the page, filled from the worker's messages the way Jupyter's is: consecutive
 * stdout text joins one block, `show()` becomes an interactive Plotly plot (window.Plotly, loaded by the
 * page), SVG drawings and PNG images are pictures, errors are red text. A display with an id that comes
 * again with `update` replaces its earlier output (a live cost curve).
 */
import type { FromWorker, MimeData } from "../protocol";
import { PLOTLY_CONFIG, PLOTLY_MIME } from "../../../../src/core/definitions";

declare global {
  interface Window {
    Plotly?: {
      newPlot(el: HTMLElement, figure: unknown): Promise<unknown>;
      react(el: HTMLElement, figure: unknown): Promise<unknown>;
      purge(el: HTMLElement): void;
    };
  }
}

type PlotlyFigure = { data: unknown; layout: unknown; frames?: unknown; config?: object };

/** The figure as Plotly draws it: the course's Plotly config, the figure's own config on top. */
function plotlyArgument(fig: PlotlyFigure): unknown {
  return { data: fig.data, layout: fig.layout, frames: fig.frames, config: { ...PLOTLY_CONFIG, ...fig.config } };
}

export class OutputArea {
  readonly element: HTMLElement;
  private lastStream: { name: string; pre: HTMLElement } | null = null;
  private readonly byDisplayId = new Map<string, HTMLElement>();

  constructor(parent: HTMLElement) {
    this.element = document.createElement("div");
    this.element.className = "dlnotes-run-outputs";
    parent.appendChild(this.element);
  }

  clear(): void {
    for (const el of Array.from(this.element.querySelectorAll<HTMLElement>(".js-plotly-plot")))
      window.Plotly?.purge(el);
    this.element.innerHTML = "";
    this.lastStream = null;
    this.byDisplayId.clear();
  }

  private child(kind: string): HTMLElement {
    const el = document.createElement("div");
    el.className = `dlnotes-run-output dlnotes-run-${kind}`;
    el.dataset.kind = kind;
    this.element.appendChild(el);
    this.lastStream = null;
    return el;
  }

  /** Plain text in a <pre> (stdout, results, errors, notes). */
  text(kind: string, text: string): HTMLElement {
    const el = this.child(kind);
    const pre = document.createElement("pre");
    pre.textContent = text;
    el.appendChild(pre);
    return el;
  }

  private stream(name: "stdout" | "stderr", text: string): void {
    if (this.lastStream && this.lastStream.name === name) {
      this.lastStream.pre.textContent += text;
      return;
    }
    const el = this.text(name, text);
    this.lastStream = { name, pre: el.querySelector("pre")! };
  }

  private renderBundle(target: HTMLElement, data: MimeData): void {
    target.innerHTML = "";
    if (PLOTLY_MIME in data && window.Plotly) {
      const div = document.createElement("div");
      div.className = "dlnotes-plot";
      target.appendChild(div);
      void window.Plotly.newPlot(div, plotlyArgument(data[PLOTLY_MIME] as PlotlyFigure));
    } else if ("image/svg+xml" in data || "image/png" in data) {
      const img = document.createElement("img");
      img.className = "dlnotes-run-drawing";
      const svg = data["image/svg+xml"];
      img.src =
        typeof svg === "string"
          ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
          : `data:image/png;base64,${String(data["image/png"])}`;
      target.appendChild(img);
    } else if ("text/plain" in data) {
      const pre = document.createElement("pre");
      pre.textContent = String(data["text/plain"]);
      target.appendChild(pre);
    }
  }

  /**
   * A new output, or (`update` with a `displayId` shown before) a replacement of that output: a plot that is
   * replaced by a plot is redrawn in place with Plotly.react (a live curve grows without flicker), anything
   * else is rendered anew. An update for an id this area has not shown is ignored, as in Jupyter.
   */
  private display(data: MimeData, displayId: string | undefined, update: boolean): void {
    const existing = displayId ? this.byDisplayId.get(displayId) : undefined;
    if (update && !existing) return;
    if (existing && update) {
      const plot = existing.querySelector<HTMLElement>(".js-plotly-plot");
      if (plot && PLOTLY_MIME in data && window.Plotly) {
        void window.Plotly.react(plot, plotlyArgument(data[PLOTLY_MIME] as PlotlyFigure));
        return;
      }
      if (plot) window.Plotly?.purge(plot);
      this.renderBundle(existing, data);
      return;
    }
    const target = this.child("display");
    this.renderBundle(target, data);
    if (displayId) this.byDisplayId.set(displayId, target);
  }

  /** Shows one message of the cell's run. */
  add(m: FromWorker): void {
    if (m.type === "stream") this.stream(m.name, m.text);
    else if (m.type === "result") this.text("result", m.text);
    else if (m.type === "display") this.display(m.data, m.displayId, m.update);
    else if (m.type === "error") this.text(m.kind === "type" ? "type-error" : "error", m.text);
  }
}
