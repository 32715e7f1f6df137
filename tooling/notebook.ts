/**
 * Notebook files as the tools read and write them: reading with one clear line for a missing or broken file,
 * cleaning (what `npm run clean` does), and writing the way Jupyter does (sorted keys, 1-space indent).
 */
import { sortKeys } from "./json";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { KERNELSPEC } from "../src/core/definitions";
import { ToolError } from "./cli";
import { projectDir } from "./python";

/** The course's lesson notebooks folder. */
export const notebooksDir = path.join(projectDir, "notebooks");

/** A notebook cell, as far as the tools read it (nbformat 4). */
export interface NotebookCell {
  cell_type: string;
  id?: string;
  metadata?: { tags?: string[]; [key: string]: unknown };
  source: string | string[];
  outputs?: unknown[];
  execution_count?: number | null;
  [key: string]: unknown;
}

/** A parsed .ipynb (nbformat 4). */
export interface Notebook {
  cells: NotebookCell[];
  metadata?: { kernelspec?: { name?: string; display_name?: string; language?: string }; [key: string]: unknown };
  nbformat?: number;
  nbformat_minor?: number;
  [key: string]: unknown;
}

/** How a path is shown in messages: relative to the current folder when inside it. */
export function shownPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}

/**
 * Reads and parses a notebook.
 * @throws ToolError (one line naming the file) when it is missing, is a folder, is not JSON, or has no cell list.
 */
export function readNotebook(file: string): Notebook {
  const shown = shownPath(file);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new ToolError(`${shown}: no such notebook; check the name`);
    if (code === "EISDIR") throw new ToolError(`${shown}: is a folder, not a notebook`);
    throw new ToolError(`${shown}: cannot read it (${(error as Error).message})`);
  }
  let nb: Notebook;
  try {
    nb = JSON.parse(text);
  } catch (error) {
    throw new ToolError(`${shown}: is not a notebook (not valid JSON: ${(error as Error).message.split("\n")[0]})`);
  }
  if (!nb || typeof nb !== "object" || !Array.isArray(nb.cells)) {
    throw new ToolError(`${shown}: is not an nbformat 4 notebook (no "cells" list)`);
  }
  return nb;
}

/** The course's lesson notebooks, `notebooks/*.ipynb`, sorted (empty when there is no such folder). */
export function courseNotebooks(dir: string = notebooksDir): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith(".ipynb"))
      .sort()
      .map((name) => path.join(dir, name));
  } catch {
    return [];
  }
}

/** A cell's source as one string (nbformat allows a string or a list of lines). */
export function sourceText(cell: NotebookCell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : String(cell.source ?? "");
}

/** A string as nbformat's list of lines, each but the last keeping its "\n" (how Jupyter writes sources). */
export function sourceLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === "" ? [] : lines;
}

function newCellId(usedIds: Set<string>): string {
  let id: string;
  do id = randomBytes(4).toString("hex");
  while (usedIds.has(id));
  usedIds.add(id);
  return id;
}

/**
 * Cleans a parsed notebook in place, so it holds only what its author wrote: per code cell outputs → [],
 * execution_count → null, metadata.execution (run timings) removed. Also makes it valid nbformat 4.5 where that
 * needs no judgement: adds missing cell ids (then nbformat_minor 5) and the tslab kernelspec when there is none.
 * @returns the changes made, as readable strings (empty when it was already clean).
 */
export function cleanNotebook(nb: Notebook): string[] {
  const changes: string[] = [];
  let addedIds = false;
  const usedIds = new Set(nb.cells.map((cell) => cell.id).filter((id): id is string => Boolean(id)));
  nb.cells.forEach((cell, index) => {
    if (cell.cell_type === "code") {
      if (!Array.isArray(cell.outputs) || cell.outputs.length) changes.push(`cell ${index}: outputs`);
      if (cell.execution_count !== null) changes.push(`cell ${index}: execution_count`);
      cell.outputs = [];
      cell.execution_count = null;
    }
    if (cell.metadata?.execution !== undefined) {
      delete cell.metadata.execution;
      changes.push(`cell ${index}: metadata.execution`);
    }
    if (!cell.id) {
      cell.id = newCellId(usedIds);
      addedIds = true;
      changes.push(`cell ${index}: id added`);
    }
  });
  if (addedIds && nb.nbformat === 4 && (nb.nbformat_minor ?? 0) < 5) {
    nb.nbformat_minor = 5; // cell ids are what 4.5 adds
    changes.push("nbformat_minor 5");
  }
  nb.metadata ??= {};
  if (!nb.metadata.kernelspec) {
    nb.metadata.kernelspec = { ...KERNELSPEC };
    changes.push(`kernelspec ${KERNELSPEC.name} added`);
  }
  return changes;
}

/** Serialises like nbformat.write: keys sorted, indent 1, non-ASCII kept, final newline. */
export function serializeNotebook(nb: Notebook): string {
  return JSON.stringify(sortKeys(nb), null, 1) + "\n";
}
