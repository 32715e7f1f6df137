/**
 * The library's platform in a browser (the course notes' runnable cells, export/runner). It stands in for
 * `./node` (tslab display, worker_threads, node:crypto, the plotly.js copy) when scripts/build-browser.mjs
 * bundles the library; nothing here imports a Node built-in.
 *
 * - display: a mime bundle goes to the sink the runner installs ({@link setDisplaySink}); without one
 *   (plain page script) it returns false and callers print their text instead, as outside a kernel.
 * - no threads: the kernels run on the calling thread (no SharedArrayBuffer on file:// pages).
 * - ids come from `crypto.getRandomValues`; there is no plotly.js file to copy (the page loads it).
 */

/** A Jupyter-style mime bundle: mime type -> data. */
export type MimeBundle = { [mime: string]: unknown };

/** Where a bundle goes: a new output, or (`update`) a replacement of the output with `displayId`. */
export interface DisplayOptions {
  displayId?: string;
  update?: boolean;
}

/** Receives every display of the running cell. */
export type DisplaySink = (bundle: MimeBundle, options: DisplayOptions) => void;

let sink: DisplaySink | undefined;

/** Installs (or, with undefined, removes) the receiver of displays; the runner's worker calls this once. */
export function setDisplaySink(next: DisplaySink | undefined): void {
  sink = next;
}

/**
 * Shows a mime bundle in the running cell's output area.
 * @returns false when nothing can show it (no sink installed), so the caller falls back to text
 */
export function display(bundle: MimeBundle, options: DisplayOptions = {}): boolean {
  if (!sink) return false;
  sink(bundle, { displayId: options.displayId, update: options.update ?? false });
  return true;
}

/** True when displays reach an output area (the browser counterpart of "inside a kernel"). */
export function canDisplay(): boolean {
  return sink !== undefined;
}

/** `bytes` random bytes as lowercase hex (display ids, element ids). */
export function randomId(bytes: number): string {
  const data = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(data);
  return Array.from(data, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The browser never starts a helper thread for the kernels: they run on the calling thread. */
export function startKernelWorker(): null {
  return null;
}

/** Nothing to copy in a browser: the page itself loads plotly.js (assets/plotly.min.js). */
export function copyPlotlyNextToNotebook(): void {
  // intentionally empty
}
