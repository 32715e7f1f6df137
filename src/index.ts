/**
 * dlnotes: the typed library behind the week-2 deep learning notebooks. Layers, bottom to top (each imports
 * only from the ones before it; tests/architecture.test.ts keeps it so):
 *
 * - core:     errors, number formatting, escaping, describe(), the stable sigmoid and logit loss, medianMs
 * - platform: the host seam (Node/tslab here): display, front end, kernels' worker and files
 * - ndarray:  a float64 n-d array with numpy semantics and shape-aware types
 * - kernels:  WebAssembly SIMD kernels plugged into ndarray; `toKernelMemory` keeps a large array (X) there
 * - learn:    logistic regression as the course derives it (sigmoid, losses, propagate, optimize, ...);
 *             `asFloat32(X)` opts X into the float32 kernels (about 2x faster training, costs within 1e-5)
 * - graph, plot, data: the computation graph, Plotly figures, the data sets
 *
 * The notebooks' self-checks are a separate entry point: `import { ... } from "dlnotes/exercises"`.
 */
export * from "./ndarray";
export * from "./learn";
export * from "./graph";
export * from "./plot";
export * from "./data";
export { toKernelMemory, inKernelMemory } from "./kernels";
export type { PreprocessOptions } from "./data/images";
export { medianMs } from "./core";
