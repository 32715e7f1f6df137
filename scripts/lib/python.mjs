// The one place that decides which Python runs Jupyter, nbclient, nbconvert and numpy for this project.
// Used by every script, test and benchmark (tests import it through tests/fixtures/python.ts).
//
// Order: $DLNOTES_PYTHON (explicit choice), the project's own .venv (what `npm run setup` makes), the active
// conda env (`conda activate dlnotes` from environment.yml), the active virtualenv, repo2docker's env.
// No system Python: Debian's Jupyter is too old (nbconvert 6.5, classic Notebook 6.4) and PATH's python3 may be
// a bare pyenv one, so guessing there gives confusing failures instead of one clear line.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const venvDir = path.join(projectDir, ".venv");

const isWindows = process.platform === "win32";
const SETUP_HINT = "run `npm run setup` (makes .venv with the pinned Jupyter from requirements.txt), or set DLNOTES_PYTHON";

function envPython(prefix) {
  if (!prefix) return undefined;
  return isWindows ? path.join(prefix, "python.exe") : path.join(prefix, "bin", "python");
}

/** Candidate interpreters, best first, each with where it came from (for messages). */
export function pythonCandidates() {
  const list = [
    [process.env.DLNOTES_PYTHON, "$DLNOTES_PYTHON"],
    [envPython(venvDir), "the project's .venv"],
    [envPython(process.env.CONDA_PREFIX), "the active conda env"],
    [envPython(process.env.VIRTUAL_ENV), "the active virtualenv"],
    [envPython(process.env.NB_PYTHON_PREFIX), "repo2docker's env"],
  ];
  const seen = new Set();
  const out = [];
  for (const [python, source] of list) {
    if (!python || seen.has(python)) continue;
    seen.add(python);
    if (python === path.basename(python) || existsSync(python)) out.push({ python, source });
  }
  return out;
}

const cache = new Map();

/**
 * The project's Python that can import every module in `modules` (default: the Jupyter stack the project needs),
 * or throws one line that says what is missing and how to get it.
 * @param {string[]} [modules]
 * @returns {string}
 */
export function projectPython(modules = ["nbclient", "nbconvert", "nbformat", "jupyter_client"]) {
  const key = modules.join(",");
  if (cache.has(key)) return cache.get(key);
  const tried = [];
  for (const { python, source } of pythonCandidates()) {
    const probe = spawnSync(python, ["-c", modules.map((m) => `import ${m}`).join("; ") || "pass"], { encoding: "utf8" });
    if (!probe.error && probe.status === 0) {
      cache.set(key, python);
      return python;
    }
    tried.push(`${python} (${source})`);
  }
  const where = tried.length ? `none of ${tried.join(", ")} can import ${modules.join(", ")}` : "no project Python found";
  throw new Error(`${where}: ${SETUP_HINT}`);
}

/** Like projectPython, but returns undefined instead of throwing (for scripts that degrade gracefully). */
export function findProjectPython(modules) {
  try {
    return projectPython(modules);
  } catch {
    return undefined;
  }
}

/** A command installed next to that Python (jupyter, pip), or undefined. */
export function projectCommand(name, python = findProjectPython(["jupyter_core"])) {
  if (!python) return undefined;
  const candidate = path.join(path.dirname(python), isWindows ? `${name}.exe` : name);
  return existsSync(candidate) ? candidate : undefined;
}
