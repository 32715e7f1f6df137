/**
 * What the library needs from its host (Node in a tslab kernel, plain Node, or a browser page): the ONE
 * seam between dlnotes and its environment. `src/platform/index.ts` picks the implementation; nothing else
 * in src/ imports Node built-ins or tslab, so a browser build only has to swap that implementation.
 */

/**
 * One output with several representations keyed by mime type (`text/plain`, `text/html`, `image/svg+xml`,
 * `application/vnd.plotly.v1+json`, ...); each front end shows the best one it can render. String values are
 * sent as they are, other values as JSON.
 */
export interface MimeBundle {
  [mime: string]: unknown;
}

/** How {@link Platform.display} places an output. */
export interface DisplayOptions {
  /**
   * Names the output so later calls can replace it (as `tslab.newDisplay()` does); make one with
   * {@link Platform.randomId}.
   */
  displayId?: string;
  /** True to replace the earlier output with the same `displayId` instead of adding a new one. */
  update?: boolean;
}

/**
 * What the kernels' helper worker is started with: the compiled kernels and the shared memory they work on.
 * Sent as the worker's first message.
 */
export interface KernelWorkerInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  /** Export names of the kernels in the order the job protocol numbers them. */
  names: readonly string[];
}

/** A started helper worker. */
export interface KernelWorkerHandle {
  /** Stops the worker (tests; a kernel's worker otherwise lives as long as the process). */
  terminate(): void;
}

/** Everything dlnotes asks of its host. */
export interface Platform {
  /** Which implementation this is ("node" here; a browser build provides "browser"). */
  readonly name: string;

  /**
   * True when a notebook front end can show rich output (inside a running tslab kernel cell); false in a
   * plain script or test, where callers print text instead.
   */
  hasFrontEnd(): boolean;

  /**
   * Shows one multi-mime output in the running cell.
   * @returns false when there is no front end (nothing was shown: the caller prints its text instead)
   */
  display(bundle: MimeBundle, options?: DisplayOptions): boolean;

  /** A fresh random id (16 hex digits) for display ids and element ids. */
  randomId(): string;

  /**
   * The compiled SIMD kernels (`kernels.wasm`), or null when they are not available (not built, or a host
   * without WebAssembly threads/SIMD): the library then runs its plain loops. Loaded synchronously.
   */
  kernelModule(): WebAssembly.Module | null;

  /**
   * True when the kernels' memory is a shared `WebAssembly.Memory` (the kernels module imports a shared
   * memory and a helper worker can use it). False where SharedArrayBuffer is unavailable (a page on file://):
   * the kernels module then imports an unshared memory, there is no helper worker, and because growing an
   * unshared memory detaches every view of it, no array may live in kernel memory.
   */
  readonly sharedKernelMemory: boolean;

  /**
   * Starts the kernels' helper worker on `init` (shared memory + kernels). Returns null when threads are
   * unavailable or turned off (`DLNOTES_THREADS=1` in Node): the kernels then run on one thread.
   * `onFailure` is called if the worker dies or cannot start; it must never keep the process alive.
   */
  startKernelWorker(init: KernelWorkerInit, onFailure: () => void): KernelWorkerHandle | null;

  /**
   * Makes `plotly.min.js` loadable next to the notebook (Node: copies it from the npm package into the
   * kernel's working folder once, best effort, silently). A no-op where plotly.js is already on the page.
   */
  providePlotlyScript(): void;
}
