// `npm run build:lite`: the JupyterLite site (JupyterLab in the browser with the course's TypeScript kernel)
// into site/lab/ from notebooks/. The work is in lite/build.ts.
// Usage: node --import tsx scripts/build-lite.ts [--notebooks DIR] [--out DIR] [--force-worker]
import { parseArgs } from "node:util";
import { relative } from "node:path";
import { buildLite, LiteBuildError, projectDir } from "../lite/build";

const USAGE = "usage: npm run build:lite -- [--notebooks DIR] [--out DIR] [--force-worker]";

async function main(): Promise<void> {
  let values: { notebooks?: string; out?: string; "force-worker"?: boolean };
  try {
    ({ values } = parseArgs({ options: { notebooks: { type: "string" }, out: { type: "string" }, "force-worker": { type: "boolean" } }, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new LiteBuildError(`${(error as Error).message}\n${USAGE}`);
  }
  const started = Date.now();
  const result = await buildLite({ notebooks: values.notebooks, out: values.out, forceWorker: values["force-worker"] });
  const where = relative(projectDir, result.out) || result.out;
  console.log(`build:lite: ${where}/ ${(result.bytes / 1e6).toFixed(1)} MB in ${result.files} files, ${result.notebooks.length} notebooks, ${((Date.now() - started) / 1000).toFixed(0)} s. Serve it with npm run serve.`);
}

main().catch((error: unknown) => {
  console.error(`build:lite: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
