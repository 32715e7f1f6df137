/**
 * Reading notebooks (one clear line for a file that is missing or not a notebook) and the facts the pipeline
 * takes from them: the title, solution cells, what kernel they are for, how many plots and images they show.
 */
import { readFileSync } from "node:fs";
import type { ICell, INotebookContent, IOutput, MultilineString } from "@jupyterlab/nbformat";
import { ToolError } from "../../tooling/cli";
import { CELL_TAGS, KERNEL_NAME, PLOTLY_MIME } from "../../src/core/definitions";

/** Joins a notebook's multi-line string (a string or a list of lines). */
export function joinSource(source: MultilineString | undefined): string {
  return Array.isArray(source) ? source.join("") : (source ?? "");
}

/**
 * Reads and checks one notebook file. `shownAs` is how messages name it (the path the user typed).
 * @throws ToolError when the file is missing, is not JSON or is not a notebook (no `cells` list).
 */
export function readNotebook(file: string, shownAs = file): INotebookContent {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new ToolError(`${shownAs}: no such notebook (check the path)`);
    if (code === "EISDIR") throw new ToolError(`${shownAs}: is a folder, not a notebook`);
    throw new ToolError(`${shownAs}: cannot be read (${code ?? (error as Error).message})`);
  }
  let nb: unknown;
  try {
    nb = JSON.parse(text);
  } catch (error) {
    throw new ToolError(
      `${shownAs} is not a notebook: not JSON (${(error as Error).message.split("\n")[0]}); open it in JupyterLab and save it again`,
    );
  }
  if (!nb || typeof nb !== "object" || !Array.isArray((nb as { cells?: unknown }).cells)) {
    throw new ToolError(`${shownAs} is not a notebook: JSON without a "cells" list`);
  }
  return nb as INotebookContent;
}

/** The kernel a notebook says it is for (`metadata.kernelspec.name`), or undefined. */
export function kernelOf(nb: INotebookContent): string | undefined {
  const spec = nb.metadata?.kernelspec as { name?: unknown } | undefined;
  return typeof spec?.name === "string" ? spec.name : undefined;
}

/** @throws ToolError when the notebook is written for another kernel than the course's (it is not run). */
export function checkKernel(nb: INotebookContent, shownAs: string): void {
  const kernel = kernelOf(nb);
  if (kernel !== undefined && kernel !== KERNEL_NAME) {
    throw new ToolError(
      `${shownAs} is a notebook for the "${kernel}" kernel, not ${KERNEL_NAME}: the export runs notebooks only in ${KERNEL_NAME}; run it in JupyterLab and export it with --no-execute, or use JupyterLab's own HTML export`,
    );
  }
}

/** Whether a cell carries the `solution` tag (Jupyter cell tags, metadata.tags). */
export function isSolution(cell: ICell): boolean {
  const tags = cell.metadata?.tags;
  return Array.isArray(tags) && tags.includes(CELL_TAGS.solution);
}

/** The first Markdown heading of a notebook, as plain text (link targets and emphasis marks removed). */
export function notebookTitle(nb: INotebookContent, fallback: string): string {
  for (const cell of nb.cells) {
    if (cell.cell_type !== "markdown") continue;
    for (const line of joinSource(cell.source).split("\n")) {
      const m = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
      if (m)
        return m[1]
          .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
          .replace(/[*_`]/g, "")
          .trim();
    }
  }
  return fallback;
}

function outputsOf(nb: INotebookContent): IOutput[] {
  return nb.cells.flatMap((cell) =>
    cell.cell_type === "code" && Array.isArray(cell.outputs) ? (cell.outputs as IOutput[]) : [],
  );
}

function dataOf(output: IOutput): Record<string, unknown> {
  const data = (output as { data?: unknown }).data;
  return data && typeof data === "object" ? (data as Record<string, unknown>) : {};
}

/** How many outputs the page turns into Plotly plots. */
export function countPlotlyOutputs(nb: INotebookContent): number {
  return outputsOf(nb).filter((o) => PLOTLY_MIME in dataOf(o)).length;
}

/** How many outputs the page shows as an image (SVG, PNG or JPEG, when no Plotly figure comes first). */
export function countImageOutputs(nb: INotebookContent): number {
  return outputsOf(nb).filter((o) => {
    const data = dataOf(o);
    return !(PLOTLY_MIME in data) && ("image/svg+xml" in data || "image/png" in data || "image/jpeg" in data);
  }).length;
}

/** The notebook a page is made from: titled (nbconvert's template reads metadata.title), solutions removed in a handout. */
export function pageNotebook(nb: INotebookContent, title: string, solutions: boolean): INotebookContent {
  return {
    ...nb,
    metadata: { ...nb.metadata, title },
    cells: solutions ? nb.cells : nb.cells.filter((c) => !isSolution(c)),
  };
}
