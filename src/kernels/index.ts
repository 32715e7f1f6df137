/**
 * Fast numeric kernels: WebAssembly SIMD on both cores (see kernels.wat, runtime.ts). Loading this module
 * registers {@link fastMatmul} as the array layer's kernel backend (src/ndarray/backend.ts): `matmul` tries it
 * first and falls back to its plain loop when it returns null. The learn module's
 * `optimize` trains through {@link createFusedLinearStep}. {@link toKernelMemory} puts a large array in the
 * kernels' memory once, so products and training use it in place.
 */
import { registerKernelBackend } from "../ndarray/backend";
import { fastMatmul } from "./matmul";

registerKernelBackend({ matmul: fastMatmul });

export { fastMatmul };
export { createFusedLinearStep, FusedLinearStep } from "./fused";
export { rowTimesByBlocks } from "./row-blocks";
export { getRuntime as kernelRuntime } from "./runtime";
export { toKernelMemory, kernelFloat64Array, inKernelMemory } from "./memory";
