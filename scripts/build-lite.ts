// `npm run build:lite`: the JupyterLite site (JupyterLab in the browser with the course's TypeScript kernel)
// into site/lab/ from notebooks/. The work is in lite/build.ts.
// Usage: node --import tsx scripts/build-lite.ts [--notebooks DIR] [--out DIR] [--force-worker] [--force]
import { relative } from "node:path";
import { parseCommandLine, runCli } from "../tooling/cli";
import { buildLite, projectDir } from "../lite/build";

const TOOL = "build:lite";
const USAGE = "npm run build:lite -- [--notebooks DIR] [--out DIR] [--force-worker] [--force]";

void runCli(TOOL, async () => {
  const { values } = parseCommandLine(TOOL, USAGE, {
    notebooks: { type: "string" },
    out: { type: "string" },
    "force-worker": { type: "boolean" },
    force: { type: "boolean" },
  });
  const started = Date.now();
  const result = await buildLite({
    notebooks: values.notebooks,
    out: values.out,
    forceWorker: values["force-worker"],
    force: values.force,
  });
  const where = relative(projectDir, result.out) || result.out;
  console.log(
    `build:lite: ${where}/ ${(result.bytes / 1e6).toFixed(1)} MB in ${result.files} files, ${result.notebooks.length} notebooks, ${((Date.now() - started) / 1000).toFixed(0)} s. Serve it with npm run serve.`,
  );
});
