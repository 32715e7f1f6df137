#!/usr/bin/env node
// Strips what running a notebook adds, so committed notebooks hold only what their author wrote
// (outputs are build products, made by `npm run export`).
//   node scripts/clean-notebooks.mjs [--check] [FILE.ipynb...]     (`npm run clean`; default: notebooks/*.ipynb)
// In place, per code cell: outputs -> [], execution_count -> null, metadata.execution (run timings) removed.
// Also makes the file valid nbformat 4.5 where that needs no judgement: adds missing cell ids (then sets
// nbformat_minor to 5) and adds the tslab kernelspec when the notebook has none. Everything else (sources,
// markdown, attachments, tags and other metadata) is kept as written.
// A file is rewritten only when something changed (so a second run is a no-op), the way Jupyter writes it:
// sorted keys, 1-space indent, trailing newline.
// --check: change nothing, list the notebooks that are not clean, exit 1 if any.
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TSLAB_KERNELSPEC = { display_name: "TypeScript (dlnotes)", language: "typescript", name: "tslab" };

/** Cleans a parsed notebook in place; returns the list of changes made (empty when already clean). */
export function cleanNotebook(nb) {
  const changes = [];
  let addedIds = false;
  const usedIds = new Set(nb.cells.map((cell) => cell.id).filter(Boolean));
  nb.cells.forEach((cell, index) => {
    if (cell.cell_type === "code") {
      if (cell.outputs?.length || !Array.isArray(cell.outputs)) changes.push(`cell ${index}: outputs`);
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
    nb.metadata.kernelspec = { ...TSLAB_KERNELSPEC };
    changes.push("kernelspec tslab added");
  }
  return changes;
}

function newCellId(usedIds) {
  let id;
  do id = randomBytes(4).toString("hex");
  while (usedIds.has(id));
  usedIds.add(id);
  return id;
}

/** Serialises like nbformat.write: keys sorted, indent 1, non-ASCII kept, final newline. */
export function serializeNotebook(nb) {
  return JSON.stringify(sortKeys(nb), null, 1) + "\n";
}

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key])]));
  }
  return value;
}

function defaultNotebooks() {
  const dir = path.join(projectDir, "notebooks");
  let names = [];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith(".ipynb")).sort();
  } catch {
    // no notebooks/ folder yet: nothing to clean
  }
  return names.map((name) => path.join(dir, name));
}

function main(argv) {
  const check = argv.includes("--check");
  const files = argv.filter((arg) => arg !== "--check");
  const targets = files.length ? files.map((file) => path.resolve(file)) : defaultNotebooks();
  let dirty = 0;
  for (const file of targets) {
    const shown = path.relative(process.cwd(), file);
    const before = readFileSync(file, "utf8");
    let nb;
    try {
      nb = JSON.parse(before);
    } catch (error) {
      console.error(`clean-notebooks: ${shown} is not valid JSON: ${error.message}`);
      return 2;
    }
    if (!Array.isArray(nb.cells)) {
      console.error(`clean-notebooks: ${shown} has no "cells" list (not an nbformat 4 notebook)`);
      return 2;
    }
    const changes = cleanNotebook(nb);
    if (!changes.length) continue; // already clean: leave the file byte for byte as it is
    dirty += 1;
    const summary = changes.join(", ");
    if (check) {
      console.log(`not clean: ${shown} (${summary})`);
    } else {
      writeFileSync(file, serializeNotebook(nb));
      console.log(`cleaned ${shown} (${summary})`);
    }
  }
  if (check && dirty) {
    console.log(`clean-notebooks: ${dirty} notebook(s) need \`npm run clean\``);
    return 1;
  }
  if (!check) console.log(`clean-notebooks: ${targets.length} notebook(s) checked, ${dirty} cleaned`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
