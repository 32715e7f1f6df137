// Assembles src/kernels/kernels.wat (WebAssembly text with SIMD and a shared memory) into
// dist/kernels/kernels.wasm (next to the compiled worker, dist/kernels/worker.js) with wabt (an npm package, no network). Runs as part of `npm run build`, so also on
// `npm install`. Deterministic: the same text always gives the same bytes.
import { createRequire } from "module";
import { readFileSync, writeFileSync, mkdirSync } from "fs";
import { dirname, join } from "path";
import { fileURLToPath } from "url";

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "src", "kernels", "kernels.wat");
const target = join(root, "dist", "kernels", "kernels.wasm");
const features = { simd: true, threads: true };

const wabt = await require("wabt")();
const module = wabt.parseWat("kernels.wat", readFileSync(source, "utf8"), features);
try {
  module.resolveNames();
  module.validate(features);
  const { buffer } = module.toBinary({ canonicalize_lebs: true, write_debug_names: false });
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, buffer);
  console.log(`build-kernels: ${target} (${buffer.length} bytes)`);
} finally {
  module.destroy();
}
