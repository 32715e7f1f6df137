/**
 * Course notes, site mode: executes the notebooks and writes one offline HTML page per notebook, the index and
 * the search into a folder the export owns (export/pipeline/run.ts). `npm run export` = build + this.
 *
 * Usage: node --import tsx scripts/export.ts [--out DIR] [--executed DIR] [--no-execute] [--no-solutions]
 *          [--no-runner] [--trusted-outputs] [--force] [NOTEBOOK.ipynb ...]
 *   NOTEBOOK...        default: notebooks/*.ipynb; reading order = file-name order (NN-title.ipynb)
 *   --out DIR          where the site goes (default site/); replaced only when every page succeeded
 *   --executed DIR     where executed notebooks go (default build/executed)
 *   --no-execute       export the notebooks already in --executed (their outputs are then sanitized unless
 *                      --trusted-outputs vouches for them)
 *   --no-solutions     a handout: code cells tagged `solution` are left out, and every page says so
 *   --no-runner        pages without runnable cells
 *   --lite             also build the JupyterLite site into DIR/lab/ (lite/build.ts) with the exported lessons and
 *                      link every lesson to it; with --no-solutions its notebooks are the student edition
 *   --force            write into a non-empty folder that the export did not write (files of the same names are
 *                      replaced, others kept)
 */
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseCommandLine, runCli, ToolError } from "../tooling/cli";
import { exportSite, shown } from "../export/pipeline/run";
import { buildLite } from "../lite/build";
import { LITE_SITE_DIR } from "../src/core/definitions";
import { temporaryStudentEdition } from "../tooling/student-edition";

const root = resolve(__dirname, "..");
const TOOL = "export";
const USAGE =
  "node --import tsx scripts/export.ts [--out DIR] [--executed DIR] [--no-execute] [--no-solutions] [--no-runner] [--trusted-outputs] [--lite] [--force] [NOTEBOOK.ipynb ...]";

void runCli(TOOL, async () => {
  const { values, positionals } = parseCommandLine(
    TOOL,
    USAGE,
    {
      out: { type: "string" },
      executed: { type: "string" },
      "no-execute": { type: "boolean" },
      "no-solutions": { type: "boolean" },
      "no-runner": { type: "boolean" },
      "trusted-outputs": { type: "boolean" },
      force: { type: "boolean" },
      lite: { type: "boolean" },
    },
    process.argv.slice(2),
    { allowPositionals: true },
  );
  let notebooks = positionals.map((p) => resolve(p));
  for (const nb of positionals) if (!nb.endsWith(".ipynb")) throw new ToolError(`${nb} is not a .ipynb notebook`);
  if (notebooks.length === 0) {
    const dir = join(root, "notebooks");
    const found = existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith(".ipynb"))
          .sort()
      : [];
    if (found.length === 0) throw new ToolError("no notebooks in notebooks/ (nothing to export)");
    notebooks = found.map((f) => join(dir, f));
  }
  const out = resolve(values.out ?? join(root, "site"));
  const summary = await exportSite(
    {
      mode: "site",
      notebooks,
      out,
      executed: resolve(values.executed ?? join(root, "build", "executed")),
      execute: !values["no-execute"],
      solutions: !values["no-solutions"],
      runner: !values["no-runner"],
      trustedOutputs: values["trusted-outputs"] ?? false,
      // the library's reference, when `npm run build:api` made one (npm run export does)
      liteLinks: values.lite ?? false,
      apiDocs: existsSync(join(root, "build", "api", "index.html")) ? join(root, "build", "api") : undefined,
    },
    { force: values.force ?? false },
  );
  if (values.lite) {
    // JupyterLab in the browser with the course's kernel, next to the notes (its own owned folder: DIR/lab/)
    // a handout's site holds the student edition: the pages leave the solutions out, so the notebooks must too
    const handout = values["no-solutions"] ? temporaryStudentEdition(notebooks) : undefined;
    try {
      const lite = await buildLite({
        out: join(out, LITE_SITE_DIR),
        force: values.force ?? false,
        notebooks: handout?.dir,
      });
      const contents = handout ? "student edition" : "with solutions";
      console.log(
        `export: JupyterLite site ${shown(lite.out)}/ (${(lite.bytes / 1e6).toFixed(1)} MB, ${lite.notebooks.length} notebooks, ${contents}); serve site/ with npm run serve`,
      );
    } finally {
      handout?.dispose();
    }
  }
  for (const p of summary.pages) {
    console.log(`export: ${p.page}  "${p.title}"  ${p.plotlyOutputs} plot(s), ${p.formulas} formula(s)`);
  }
  const edition = values["no-solutions"] ? "no solutions (handout)" : "solutions folded";
  console.log(
    `export: ${summary.pages.length} page(s), ${edition}, ${summary.searchSections} search sections; open ${shown(join(out, "index.html"))}`,
  );
});
