/**
 * Fast numeric kernels: WebAssembly SIMD on both cores (see kernels.wat, runtime.ts). The ndarray module
 * calls {@link fastMatmul} first and falls back to its plain loop when it returns null; the learn module's
 * `optimize` trains through {@link createFusedLinearStep}. {@link toKernelMemory} puts a large array in the
 * kernels' memory once, so products and training use it in place.
 */
export { fastMatmul } from "./matmul";
export { createFusedLinearStep, FusedLinearStep } from "./fused";
export { getRuntime as kernelRuntime } from "./runtime";
export { toKernelMemory, kernelFloat64Array, inKernelMemory } from "./memory";
