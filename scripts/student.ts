// `npm run student`: writes the student edition of every lesson into build/student/ (see
// tooling/student-edition.ts). A notebook the student changed there is never overwritten, other files are never
// deleted, and the course's own notebooks/ folder is never written into.
import path from "node:path";
import { parseCommandLine, runCli, ToolError } from "../tooling/cli";
import { courseNotebooks, notebooksDir, shownPath } from "../tooling/notebook";
import { projectDir } from "../tooling/python";
import { writeStudentEdition } from "../tooling/student-edition";

const USAGE =
  "npm run student [-- --out DIR] [--force] [NOTEBOOK.ipynb ...]  (default: notebooks/*.ipynb into build/student)";

runCli("student", () => {
  const { values, positionals } = parseCommandLine(
    "student",
    USAGE,
    { out: { type: "string" }, force: { type: "boolean" } },
    process.argv.slice(2),
    { allowPositionals: true },
  );
  const files = positionals.length ? positionals.map((file) => path.resolve(file)) : courseNotebooks();
  if (!files.length) throw new ToolError(`no notebooks in ${shownPath(notebooksDir)}`);
  const out = path.resolve(values.out ?? path.join(projectDir, "build", "student"));
  const { notebooks, removed, kept } = writeStudentEdition({
    files,
    out,
    force: values.force,
    protectedDirs: [notebooksDir],
    forceHint: "pass --force (`npm run student -- --force`)",
  });
  for (const { name, functions } of notebooks) {
    const what = functions.length
      ? `${functions.length} exercise function(s) stubbed: ${functions.join(", ")}`
      : "no solution cells";
    console.log(`student: ${shownPath(path.join(out, name))} (${what})`);
  }
  for (const name of removed)
    console.log(`student: removed ${shownPath(path.join(out, name))} (no longer in the course)`);
  for (const name of kept)
    console.log(`student: kept ${shownPath(path.join(out, name))} (no longer in the course, but you changed it)`);
  console.log(`student: ${notebooks.length} notebook(s) in ${shownPath(out)}`);
});
