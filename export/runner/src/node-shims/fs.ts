/**
 * TEMPORARY stand-in for node:fs in the browser bundle (see scripts/build-browser.mjs, nodeShimsPlugin): a page
 * has no file system; the one file the library reads, build/kernels.wasm, is built into the bundle (an unshared
 * memory variant, for one thread).
 */
import kernelsWasm from "virtual:kernels-wasm";

function unavailable(name: string): never {
  throw new Error(`fs.${name} is not available in the browser`);
}
const isKernels = (p: unknown) => typeof p === "string" && /kernels\.wasm$/.test(p);
export function existsSync(p: string): boolean {
  return isKernels(p);
}
export function readFileSync(p: string): Uint8Array {
  return isKernels(p) ? kernelsWasm : unavailable("readFileSync");
}
export function copyFileSync(): never {
  return unavailable("copyFileSync");
}
export function statSync(): never {
  return unavailable("statSync");
}
export default { existsSync, readFileSync, copyFileSync, statSync };
