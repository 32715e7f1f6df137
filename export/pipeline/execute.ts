/**
 * The execute step (site mode): runs the course's notebooks in the tslab kernel with scripts/nbrun.py (fails on
 * the first error, printing it) and saves them with their outputs into the `executed` folder. Only notebooks
 * inside the project are run: tslab finds the library and Node's types only from a folder below the project's
 * node_modules, so a notebook elsewhere would fail with puzzling type errors.
 */
import { spawnSync } from "node:child_process";
import { isAbsolute, join, relative } from "node:path";
import { ToolError } from "../../tooling/cli";
import { projectDir, projectPython } from "../../tooling/python";
import type { INotebookContent } from "@jupyterlab/nbformat";
import { checkKernel } from "./notebook";

/** @throws ToolError when a notebook to run lies outside the project or is written for another kernel. */
export function checkRunnable(file: string, nb: INotebookContent, shownAs: string): void {
  const rel = relative(projectDir, file);
  if (rel.startsWith("..") || isAbsolute(rel)) {
    throw new ToolError(
      `${shownAs} is outside the project (${projectDir}): the tslab kernel finds the course library and Node's types only for notebooks inside it; copy it into notebooks/, or run it in JupyterLab and export it with --no-execute`,
    );
  }
  checkKernel(nb, shownAs);
}

/** The project's Python with nbconvert and nbclient (one line saying how to get it otherwise). */
export function exportPython(): string {
  try {
    return projectPython(["nbconvert", "nbclient"]);
  } catch (error) {
    throw new ToolError((error as Error).message);
  }
}

/** Runs `notebooks` once each in the kernel; writes `<executed>/<name>.ipynb`. */
export function executeNotebooks(python: string, notebooks: string[], executed: string): void {
  const r = spawnSync(
    python,
    [join(projectDir, "scripts", "nbrun.py"), "--runs", "1", "--save", executed, ...notebooks],
    { stdio: ["ignore", "inherit", "inherit"] },
  );
  if (r.status !== 0)
    throw new ToolError(
      `running the notebooks failed (exit ${r.status ?? r.error?.message}); the first failing cell is shown above`,
    );
}
