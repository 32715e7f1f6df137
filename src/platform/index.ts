/**
 * The host seam. Everything in src/ that needs its environment (showing output, the notebook front end, the
 * kernels' worker and files, random ids) imports `platform` from here, and nothing outside this folder
 * imports Node built-ins or tslab (tests/architecture.test.ts checks both).
 *
 * A browser bundle swaps the Node implementation for a browser one with a bundler alias (esbuild:
 * `--alias:./node=./browser` for this file, i.e. src/platform/node/ -> src/platform/browser.ts) that
 * exports a `platform` of the same {@link Platform} type.
 */
export { platform } from "./node";
export type { Platform, MimeBundle, DisplayOptions, KernelWorkerInit, KernelWorkerHandle } from "./types";
export { TSLAB_VERSION } from "./tslab-version";
