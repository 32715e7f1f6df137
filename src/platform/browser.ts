/**
 * The library's platform in a browser: the course notes' runnable cells (export/runner) run the library in a
 * Web Worker of the page. It has the shape of the `Platform` interface of src/platform/types.ts (issue 11's
 * seam), and scripts/build-browser.mjs bundles it in place of the Node implementation. Nothing here imports
 * a Node built-in or tslab.
 *
 * - display: a mime bundle goes to the sink the runner installs ({@link setDisplaySink}); without one it
 *   returns false and callers print their text, as outside a kernel.
 * - kernels: the runner hands over the bytes of kernels.wasm ({@link setKernelBytes}); there is no helper
 *   thread (a page on file:// has no SharedArrayBuffer), so the kernels run on the worker's one thread.
 * - ids come from `crypto.getRandomValues`; plotly.js is already on the page, so there is nothing to provide.
 */

/** A Jupyter-style mime bundle: mime type -> data. */
export interface MimeBundle {
  [mime: string]: unknown;
}

/** Where a bundle goes: a new output, or (`update`) a replacement of the output with `displayId`. */
export interface DisplayOptions {
  displayId?: string;
  update?: boolean;
}

/** Receives every display of the running cell. */
export type DisplaySink = (bundle: MimeBundle, options: DisplayOptions) => void;

let sink: DisplaySink | undefined;
let kernelBytes: Uint8Array | undefined;
let kernelModule: WebAssembly.Module | null | undefined;

/** Installs (or, with undefined, removes) the receiver of displays; the runner's worker calls this once. */
export function setDisplaySink(next: DisplaySink | undefined): void {
  sink = next;
}

/** Gives the platform the compiled kernels (kernels.wasm built into the runner's worker). */
export function setKernelBytes(bytes: Uint8Array): void {
  kernelBytes = bytes;
  kernelModule = undefined;
}

/** `bytes` random bytes as lowercase hex. */
export function randomHex(bytes: number): string {
  const data = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(data);
  return Array.from(data, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The browser platform (same members as src/platform/types.ts's `Platform`). */
export const platform = {
  name: "browser",

  /** True when displays reach an output area (the browser counterpart of "inside a kernel cell"). */
  hasFrontEnd(): boolean {
    return sink !== undefined;
  },

  /**
   * Shows a mime bundle in the running cell's output area.
   * @returns false when nothing can show it (no sink installed): the caller prints its text instead
   */
  display(bundle: MimeBundle, options: DisplayOptions = {}): boolean {
    if (!sink) return false;
    sink(bundle, { displayId: options.displayId, update: options.update ?? false });
    return true;
  },

  /** A fresh random id (16 hex digits). */
  randomId(): string {
    return randomHex(8);
  },

  /** The kernels compiled from the bytes the runner gave, or null (then the library's plain loops run). */
  kernelModule(): WebAssembly.Module | null {
    if (kernelModule === undefined) {
      try {
        kernelModule = kernelBytes ? new WebAssembly.Module(kernelBytes) : null;
      } catch {
        kernelModule = null;
      }
    }
    return kernelModule;
  },

  /** No helper thread in a page: the kernels run on the calling thread. */
  startKernelWorker(): null {
    return null;
  },

  /** Nothing to do: the page itself loads plotly.js (assets/plotly.min.js). */
  providePlotlyScript(): void {
    // intentionally empty
  },
};
