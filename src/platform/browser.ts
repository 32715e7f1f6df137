/**
 * The library's platform in a browser: the course notes' runnable cells (export/runner) run the library in a
 * Web Worker of the page. scripts/build-browser.ts bundles this file in place of ./node (see ./index.ts).
 * Nothing here imports a Node built-in or tslab.
 *
 * - display: a mime bundle goes to the sink the runner installs ({@link setDisplaySink}); without one it
 *   returns false and callers print their text, as outside a kernel.
 * - kernels: the runner hands over the bytes of kernels.wasm assembled for an unshared memory
 *   ({@link setKernelBytes}); a page on file:// has no SharedArrayBuffer, so there is no helper thread and
 *   the kernels run on the worker's one thread.
 * - ids come from `crypto.getRandomValues`; plotly.js is already on the page, so there is nothing to provide.
 */
import type { DisplayOptions, MimeBundle, Platform } from "./types";

/** Receives every display of the running cell. */
export type DisplaySink = (bundle: MimeBundle, options: DisplayOptions) => void;

let sink: DisplaySink | undefined;
let kernelBytes: Uint8Array | undefined;
let kernelModule: WebAssembly.Module | null | undefined;

/** Installs (or, with undefined, removes) the receiver of displays; the runner's worker calls this once. */
export function setDisplaySink(next: DisplaySink | undefined): void {
  sink = next;
}

/** Gives the platform the compiled kernels (kernels.wasm for an unshared memory, built into the runner's worker). */
export function setKernelBytes(bytes: Uint8Array): void {
  kernelBytes = bytes;
  kernelModule = undefined;
}

/** `bytes` random bytes as lowercase hex. */
function randomHex(bytes: number): string {
  const data = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(data);
  return Array.from(data, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** dlnotes' host in a browser page's worker. */
export const platform: Platform = {
  name: "browser",

  /** True when displays reach an output area (the browser counterpart of "inside a kernel cell"). */
  hasFrontEnd: () => sink !== undefined,

  display(bundle: MimeBundle, options: DisplayOptions = {}): boolean {
    if (!sink) return false;
    sink(bundle, { displayId: options.displayId, update: options.update ?? false });
    return true;
  },

  randomId: () => randomHex(8),

  kernelModule(): WebAssembly.Module | null {
    if (kernelModule === undefined) {
      try {
        kernelModule = kernelBytes ? new WebAssembly.Module(kernelBytes) : null;
      } catch {
        kernelModule = null; // no SIMD in this browser: the library's plain loops run
      }
    }
    return kernelModule;
  },

  sharedKernelMemory: false,

  /** No helper thread in a page: the kernels run on the calling thread. */
  startKernelWorker: () => null,

  /** Nothing to do: the page itself loads plotly.js (assets/plotly.min.js). */
  providePlotlyScript: () => {},
};
