/** Files the TypeScript checker reads (lib.*.d.ts, the library's .d.ts), path -> text; made by scripts/build-browser.ts. */
declare module "virtual:type-files" {
  const files: { [path: string]: string };
  export default files;
}

/** kernels.wat assembled for an unshared memory (one thread); made by scripts/build-browser.ts. */
declare module "virtual:kernels-wasm" {
  const bytes: Uint8Array;
  export default bytes;
}
