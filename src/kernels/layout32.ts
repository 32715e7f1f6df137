/**
 * The float32 kernels' layout, shared by the float32 store and its fused training step (fused32.ts); their
 * blocks of rows run through row-blocks.ts. The layout is described in the float32 section of kernels.wat.
 */
import { rowsPerBlock } from "./row-blocks";
import { KernelRuntime } from "./runtime";

/** m rounded up to a multiple of 4: the float32 row stride (whole f32x4 vectors). */
export function paddedColumns(m: number): number {
  return (m + 3) & ~3;
}

/** n rounded up to a multiple of 4: the rows the kernels walk (groups of four; the padding rows are zero). */
export function paddedRows(n: number): number {
  return (n + 3) & ~3;
}

/** Index of element (i, j) in the grouped layout with row stride s (see kernels.wat). */
export function at(i: number, j: number, s: number): number {
  return (i >> 2) * 4 * s + (j >> 2) * 16 + (i & 3) * 4 + (j & 3);
}

/** Rows per block for an (n, s) float32 matrix: a multiple of 4 (the kernels take rows four at a time). */
export function blockRowsFor(n: number, s: number): number {
  return 4 * Math.ceil(rowsPerBlock(n, s) / 4);
}

export type HeapBlocks = { rt: KernelRuntime; blocks: number[] };
/** Frees the heap blocks of stores and steps that were dropped without dispose(). */
export const heapCleanup = new FinalizationRegistry<HeapBlocks>(({ rt, blocks }) => {
  for (const b of blocks) rt.release(b);
});

/** A float32 view of the whole memory, re-made only after the memory has grown. */
const f32Views = new WeakMap<KernelRuntime, Float32Array>();
export function heapF32(rt: KernelRuntime): Float32Array {
  const buffer = rt.memory.buffer;
  let view = f32Views.get(rt);
  if (!view || view.buffer !== buffer) {
    view = new Float32Array(buffer);
    f32Views.set(rt, view);
  }
  return view;
}

/** Allocates `count` float32 values (64-byte aligned) in the heap; returns the byte address. */
export function allocF32(rt: KernelRuntime, count: number): number {
  return rt.alloc(Math.ceil(count / 2));
}

/** z[j] = sum over blocks b, in order, of parts[b][j] (float32 partials added in float64). */
export function sumParts(
  f32: Float32Array,
  parts: number,
  blockCount: number,
  s: number,
  m: number,
  out?: Float64Array,
) {
  const z = out ?? new Float64Array(m);
  const first = parts / 4;
  for (let j = 0; j < m; j++) z[j] = f32[first + j];
  for (let b = 1, at = first + s; b < blockCount; b++, at += s) {
    for (let j = 0; j < m; j++) z[j] += f32[at + j];
  }
  return z;
}
