// `npm run clean [-- --check] [NOTEBOOK.ipynb ...]`: strips what running a notebook adds (outputs, execution
// counts, run timings), in place, so committed notebooks hold only what their author wrote (tooling/notebook.ts
// says exactly what changes). A file is rewritten only when something changed. Every file is read and checked
// before the first is written. --check changes nothing: it lists the notebooks that are not clean and exits 1.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseCommandLine, runCli } from "../tooling/cli";
import { cleanNotebook, courseNotebooks, readNotebook, serializeNotebook, shownPath } from "../tooling/notebook";

const USAGE = "npm run clean [-- --check] [NOTEBOOK.ipynb ...]  (default: notebooks/*.ipynb)";

runCli("clean", () => {
  const { values, positionals } = parseCommandLine(
    "clean",
    USAGE,
    { check: { type: "boolean" } },
    process.argv.slice(2),
    {
      allowPositionals: true,
    },
  );
  const check = values.check ?? false;
  const targets = positionals.length ? positionals.map((file) => path.resolve(file)) : courseNotebooks();
  const dirty = targets
    .map((file) => {
      const nb = readNotebook(file);
      return { file, nb, changes: cleanNotebook(nb) };
    })
    .filter(({ changes }) => changes.length > 0); // already clean: left byte for byte as it is
  for (const { file, nb, changes } of dirty) {
    if (check) {
      console.log(`not clean: ${shownPath(file)} (${changes.join(", ")})`);
    } else {
      writeFileSync(file, serializeNotebook(nb));
      console.log(`cleaned ${shownPath(file)} (${changes.join(", ")})`);
    }
  }
  if (check) {
    console.log(
      dirty.length
        ? `clean: ${dirty.length} notebook(s) need \`npm run clean\``
        : `clean: ${targets.length} notebook(s) are clean`,
    );
    return dirty.length ? 1 : 0;
  }
  console.log(`clean: ${targets.length} notebook(s) checked, ${dirty.length} cleaned`);
  return 0;
});
