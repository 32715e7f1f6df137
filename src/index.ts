/**
 * dlnotes: the typed library behind the week-2 deep learning notebooks.
 *
 * - ndarray: a float64 n-d array with numpy semantics and shape-aware types
 * - learn:   logistic regression as the course derives it (sigmoid, losses, propagate, optimize, ...)
 * - graph:   a scalar reverse-mode autodiff value and computation-graph drawings
 * - plot:    Plotly figures for cost curves, surfaces, images and animations, displayed inline
 * - data:    the course's image data set and a small 2-D data set
 * - exercises: self-checks for the notebooks' exercises
 * - kernels: `toKernelMemory` keeps a large array (X) in the fast kernels' shared memory
 */
export * from "./ndarray";
export * from "./learn";
export * from "./graph";
export * from "./plot";
export * from "./data";
export * from "./exercises";
export { toKernelMemory, inKernelMemory } from "./kernels";
