/**
 * Which test files make up the quick edit-test loop (`npm run test:quick`): the library's own tests and the
 * tooling's, without a browser, a Jupyter server or a tslab kernel. `npm test` runs every file.
 *
 * The rule, so new files land in the right suite without a list to keep up to date: a file is quick when its name
 * starts with a layer of the library (a folder of `src/`: `ndarray.`, `learn.`, ...), or with `architecture.`,
 * `tooling.` or `setup.`, or is `notebooks.clean.test.ts` — and its name does not say it needs a browser
 * (`.browser.`), the tslab kernel (`.tslab.`, `.kernel.`) or a page loader in Chromium (`.loader.`). Oracle tests
 * that call numpy in a plain Python process are quick.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { projectDir } from "./python";

/** Prefixes of quick test files besides the library's layers. */
const TOOLING_PREFIXES = ["architecture", "tooling", "setup"];
/** Single quick files outside those prefixes. */
const QUICK_FILES = ["notebooks.clean.test.ts"];
/** Name parts of files that need a browser, a kernel or a Jupyter server. */
const SLOW_MARKS = [".browser.", ".tslab.", ".kernel.", ".loader."];

/** The library's layers: the folders of `src/`. */
export function libraryLayers(srcDir: string = path.join(projectDir, "src")): string[] {
  return readdirSync(srcDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** True when a test file (its base name) belongs to the quick loop. */
export function isQuickTest(name: string, layers: string[] = libraryLayers()): boolean {
  if (!name.endsWith(".test.ts")) return false;
  if (SLOW_MARKS.some((mark) => name.includes(mark))) return false;
  if (QUICK_FILES.includes(name)) return true;
  const prefix = name.split(".")[0];
  return [...layers, ...TOOLING_PREFIXES].includes(prefix);
}

/** The quick test files of `tests/`, sorted, as paths relative to the project. */
export function quickTests(testsDir: string = path.join(projectDir, "tests")): string[] {
  const layers = libraryLayers();
  return readdirSync(testsDir)
    .filter((name) => isQuickTest(name, layers))
    .sort()
    .map((name) => path.relative(projectDir, path.join(testsDir, name)));
}
