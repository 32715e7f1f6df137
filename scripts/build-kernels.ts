// Assembles src/kernels/kernels.wat (WebAssembly text with SIMD and a shared memory) into dist/kernels/kernels.wasm
// (next to the compiled worker) with wabt (an npm package, no network). Part of `npm run build`, so also of
// `npm install`. Deterministic: the same text always gives the same bytes. Takes no options.
import { parseCommandLine, runCli } from "../tooling/cli";
import { assembleKernels } from "../tooling/wasm";

runCli("build-kernels", async () => {
  parseCommandLine("build-kernels", "node --import tsx scripts/build-kernels.ts", {});
  const { target, bytes } = await assembleKernels();
  console.log(`build-kernels: ${target} (${bytes} bytes)`);
});
