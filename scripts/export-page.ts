/**
 * One notebook, as it was saved (outputs included, nothing re-run), to ONE self-contained offline page (single
 * mode of export/pipeline/run.ts): plotly.js, CSS and scripts inlined, no site navigation, no links to other
 * lessons, no runner. JupyterLab's "Save and Export Notebook As > Dlnotes" (export/jupyter) calls it.
 *
 * Usage: node --import tsx scripts/export-page.ts NOTEBOOK.ipynb --out PAGE.html [--trusted-outputs] [--no-solutions]
 *   --trusted-outputs  show the notebook's outputs unsanitized (the caller vouches for them); Markdown is always
 *                      sanitized
 */
import { resolve } from "node:path";
import { parseCommandLine, runCli, ToolError } from "../tooling/cli";
import { exportSingle, shown } from "../export/pipeline/run";

const TOOL = "export-page";
const USAGE =
  "node --import tsx scripts/export-page.ts NOTEBOOK.ipynb --out PAGE.html [--trusted-outputs] [--no-solutions]";

void runCli(TOOL, async () => {
  const { values, positionals } = parseCommandLine(
    TOOL,
    USAGE,
    { out: { type: "string" }, "trusted-outputs": { type: "boolean" }, "no-solutions": { type: "boolean" } },
    process.argv.slice(2),
    { allowPositionals: true },
  );
  if (positionals.length !== 1)
    throw new ToolError(`give exactly one notebook (got ${positionals.length}); usage: ${USAGE}`);
  if (!values.out) throw new ToolError(`--out PAGE.html is missing; usage: ${USAGE}`);
  const [notebook] = positionals;
  if (!notebook.endsWith(".ipynb")) throw new ToolError(`${notebook} is not a .ipynb notebook`);
  const out = resolve(values.out);
  const { bytes, inlined } = await exportSingle({
    mode: "single",
    notebooks: [resolve(notebook)],
    out,
    executed: "",
    execute: false,
    solutions: !values["no-solutions"],
    runner: false,
    trustedOutputs: values["trusted-outputs"] ?? false,
  });
  console.error(`${TOOL}: ${shown(out)} ${(bytes / 1e6).toFixed(2)} MB, one file (inlined ${inlined.join(", ")})`);
});
