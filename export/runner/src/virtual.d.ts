/** Files the TypeScript checker reads (lib.*.d.ts, the library's .d.ts), path -> text; made by scripts/build-browser.mjs. */
declare module "virtual:type-files" {
  const files: { [path: string]: string };
  export default files;
}
