#!/usr/bin/env node
// `npm run student`: writes the student edition of every lesson, build/student/<name>.ipynb, in which each
// function of a cell tagged `solution` is a stub (signature and TSDoc kept, body `return todo("name")`), so Run All
// completes and every self-check prints "not attempted yet" with a hint. The notebooks come out clean (no outputs).
//   node scripts/student.mjs [--out DIR] [NOTEBOOK.ipynb ...]      (default: notebooks/*.ipynb -> build/student)
// Every notebook is transformed before anything is written, so a notebook that breaks the convention (see
// scripts/lib/student-edition.mjs) stops the run with its message and leaves the previous edition alone.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cleanNotebook, serializeNotebook } from "./clean-notebooks.mjs";
import { StudentEditionError, studentNotebook } from "./lib/student-edition.mjs";

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function parseArgs(argv) {
  const options = { out: path.join(projectDir, "build", "student"), files: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out") {
      if (!argv[i + 1]) throw new StudentEditionError("--out needs a folder");
      options.out = path.resolve(argv[++i]);
    } else if (argv[i].startsWith("--")) {
      throw new StudentEditionError(`unknown option ${argv[i]} (usage: node scripts/student.mjs [--out DIR] [NOTEBOOK.ipynb ...])`);
    } else {
      options.files.push(path.resolve(argv[i]));
    }
  }
  if (!options.files.length) {
    const dir = path.join(projectDir, "notebooks");
    options.files = readdirSync(dir).filter((n) => n.endsWith(".ipynb")).sort().map((n) => path.join(dir, n));
    if (!options.files.length) throw new StudentEditionError(`no notebooks in ${dir}`);
  }
  return options;
}

/** Builds the student edition; returns the process exit code (0 written, 1 a notebook breaks the convention). */
export function main(argv) {
  try {
    const { out, files } = parseArgs(argv);
    const editions = files.map((file) => {
      const shown = path.relative(process.cwd(), file) || file;
      let nb;
      try {
        nb = JSON.parse(readFileSync(file, "utf8"));
      } catch (error) {
        throw new StudentEditionError(`${shown}: cannot read it as a notebook (${error.message})`);
      }
      if (!Array.isArray(nb.cells)) throw new StudentEditionError(`${shown}: has no "cells" list (not an nbformat 4 notebook)`);
      const { notebook, stubbed } = studentNotebook(nb, shown);
      cleanNotebook(notebook);
      return { name: path.basename(file), notebook, stubbed };
    });
    mkdirSync(out, { recursive: true });
    // a lesson that was renamed or removed must not linger in the edition
    for (const old of readdirSync(out).filter((n) => n.endsWith(".ipynb"))) rmSync(path.join(out, old));
    for (const { name, notebook, stubbed } of editions) {
      const target = path.join(out, name);
      writeFileSync(target, serializeNotebook(notebook));
      const functions = stubbed.flatMap((s) => s.functions);
      const what = functions.length ? `${functions.length} exercise function(s) stubbed: ${functions.join(", ")}` : "no solution cells";
      console.log(`student: ${path.relative(process.cwd(), target)} (${what})`);
    }
    console.log(`student: ${editions.length} notebook(s) in ${path.relative(process.cwd(), out) || out}`);
    return 0;
  } catch (error) {
    if (!(error instanceof StudentEditionError)) throw error;
    console.error(`student: ${error.message}`);
    return 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
