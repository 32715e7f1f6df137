/**
 * The host seam. Everything in src/ that needs its environment (showing output, the notebook front end, the
 * kernels' worker and files, random ids) imports `platform` from here, and nothing outside this folder
 * imports Node built-ins or tslab (tests/architecture.test.ts checks both).
 *
 * A browser bundle swaps the Node implementation for a browser one by resolving this file's `./node` import to
 * `./browser` (src/platform/browser.ts, exporting a `platform` of the same {@link Platform} type; nothing else,
 * TSLAB_VERSION comes from ./tslab-version). esbuild's `alias` option takes package
 * names only, so with esbuild that is a small plugin: `build.onResolve({ filter: /^\.\/node$/ }, ...)` for
 * importers in src/platform.
 */
export { platform } from "./node";
export type { Platform, MimeBundle, DisplayOptions, KernelWorkerInit, KernelWorkerHandle } from "./types";
export { TSLAB_VERSION } from "./tslab-version";
