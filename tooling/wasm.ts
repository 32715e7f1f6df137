/** The numeric kernels' WebAssembly: assembled from its text form with wabt (npm), deterministically. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import wabtFactory from "wabt";
import { projectDir } from "./python";

/** The kernels' WebAssembly text. */
export const KERNELS_WAT = path.join(projectDir, "src", "kernels", "kernels.wat");
/** Where `npm run build` puts the binary, next to the compiled worker. */
export const KERNELS_WASM = path.join(projectDir, "dist", "kernels", "kernels.wasm");

/**
 * Assembles {@link KERNELS_WAT} (SIMD and threads enabled) into `target`.
 * @returns the file written and its size.
 * @throws wabt's error (naming the line) when the text does not assemble or validate.
 */
export async function assembleKernels(
  source: string = KERNELS_WAT,
  target: string = KERNELS_WASM,
): Promise<{ target: string; bytes: number }> {
  const features = { simd: true, threads: true };
  const wabt = await wabtFactory();
  const module = wabt.parseWat(path.basename(source), readFileSync(source, "utf8"), features);
  try {
    module.resolveNames();
    // wabt's validate(features) takes the features at run time; its index.d.ts leaves the parameter out
    (module.validate as (options: object) => void).call(module, features);
    const { buffer } = module.toBinary({ canonicalize_lebs: true, write_debug_names: false });
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, buffer);
    return { target, bytes: buffer.length };
  } finally {
    module.destroy();
  }
}
