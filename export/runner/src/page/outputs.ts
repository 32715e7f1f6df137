/**
 * A cell's output area in the page, filled from the worker's messages the way Jupyter's is: consecutive
 * stdout text joins one block, `show()` becomes an interactive Plotly plot (window.Plotly, loaded by the
 * page), SVG drawings and PNG images are pictures, errors are red text. A display with an id that comes
 * again with `update` replaces its earlier output (a live cost curve).
 */
import type { FromWorker, MimeData } from "../protocol";

const PLOTLY_MIME = "application/vnd.plotly.v1+json";

declare global {
  interface Window {
    Plotly?: { newPlot(el: HTMLElement, figure: unknown): Promise<unknown>; purge(el: HTMLElement): void };
  }
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
    for (const el of Array.from(this.element.querySelectorAll<HTMLElement>(".js-plotly-plot"))) window.Plotly?.purge(el);
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
      const fig = data[PLOTLY_MIME] as { data: unknown; layout: unknown; frames?: unknown; config?: object };
      const div = document.createElement("div");
      div.className = "dlnotes-plot";
      target.appendChild(div);
      void window.Plotly.newPlot(div, { data: fig.data, layout: fig.layout, frames: fig.frames, config: { responsive: true, displaylogo: false, ...fig.config } });
    } else if ("image/svg+xml" in data || "image/png" in data) {
      const img = document.createElement("img");
      img.className = "dlnotes-run-drawing";
      const svg = data["image/svg+xml"];
      img.src = typeof svg === "string" ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` : `data:image/png;base64,${String(data["image/png"])}`;
      target.appendChild(img);
    } else if ("text/plain" in data) {
      const pre = document.createElement("pre");
      pre.textContent = String(data["text/plain"]);
      target.appendChild(pre);
    }
  }

  private display(data: MimeData, displayId: string | undefined, update: boolean): void {
    const existing = displayId ? this.byDisplayId.get(displayId) : undefined;
    if (update && !existing) return; // an update for an output that is not in this area
    const target = existing && update ? existing : this.child("display");
    const old = target.querySelector<HTMLElement>(".js-plotly-plot");
    if (old) window.Plotly?.purge(old);
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
