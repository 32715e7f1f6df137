/**
 * The one place that decides which Python runs Jupyter, nbclient, nbconvert and numpy for this project (scripts,
 * tests and benchmarks all ask here).
 *
 * Order: `$DLNOTES_PYTHON` (an explicit choice, so it must work: a wrong one is an error naming it, never skipped),
 * the project's own `.venv` (what `npm run setup` makes), the active conda env (`conda activate dlnotes` from
 * environment.yml), the active virtualenv, repo2docker's env. No system Python: Debian's Jupyter is too old
 * (nbconvert 6.5, classic Notebook 6.4) and PATH's python3 may be a bare pyenv one, so guessing there gives
 * confusing failures instead of one clear line.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { ToolError } from "./cli";

/** The project folder (the checkout). */
export const projectDir = path.resolve(__dirname, "..");
/** The project's own virtual environment, made by `npm run setup`. */
export const venvDir = path.join(projectDir, ".venv");
/** The modules the project's Jupyter Python must have (running and exporting notebooks). */
export const JUPYTER_MODULES = ["nbclient", "nbconvert", "nbformat", "jupyter_client"] as const;

const isWindows = process.platform === "win32";
const SETUP_HINT =
  "run `npm run setup` (makes .venv with the pinned Jupyter from requirements.txt), or set DLNOTES_PYTHON";

/** A candidate interpreter and where it came from (for messages). */
export interface PythonCandidate {
  /** The interpreter's path (or a command name, for `$DLNOTES_PYTHON=python3`). */
  python: string;
  /** Where it came from: "$DLNOTES_PYTHON", "the project's .venv", ... */
  source: string;
}

function envPython(prefix: string | undefined): string | undefined {
  if (!prefix) return undefined;
  return isWindows ? path.join(prefix, "python.exe") : path.join(prefix, "bin", "python");
}

/**
 * The candidate interpreters that exist, best first. `$DLNOTES_PYTHON` is not in this list: it is not a
 * candidate but a requirement (see {@link projectPython}).
 */
export function pythonCandidates(env: NodeJS.ProcessEnv = process.env): PythonCandidate[] {
  const list: [string | undefined, string][] = [
    [envPython(venvDir), "the project's .venv"],
    [envPython(env.CONDA_PREFIX), "the active conda env"],
    [envPython(env.VIRTUAL_ENV), "the active virtualenv"],
    [envPython(env.NB_PYTHON_PREFIX), "repo2docker's env"],
  ];
  const seen = new Set<string>();
  const out: PythonCandidate[] = [];
  for (const [python, source] of list) {
    if (!python || seen.has(python)) continue;
    seen.add(python);
    if (existsSync(python)) out.push({ python, source });
  }
  return out;
}

/** Why `python` cannot import `modules` (a short phrase), or undefined when it can. */
function importProblem(python: string, modules: readonly string[]): string | undefined {
  const probe = spawnSync(python, ["-c", modules.map((m) => `import ${m}`).join("; ") || "pass"], {
    encoding: "utf8",
    timeout: 60_000,
  });
  if (probe.error) {
    return (probe.error as NodeJS.ErrnoException).code === "ENOENT"
      ? "does not exist"
      : `cannot be run (${probe.error.message})`;
  }
  if (probe.status === 0) return undefined;
  const missing = /No module named '([^']+)'/.exec(probe.stderr)?.[1];
  return missing ? `cannot import ${missing}` : `cannot import ${modules.join(", ")}`;
}

const cache = new Map<string, string>();

/**
 * The project's Python that can import every module in `modules` (default: the Jupyter stack), or throws one line
 * that says what is missing and how to get it.
 * @param modules Python modules the caller needs (e.g. `["numpy"]` for the oracle tests).
 * @param env the environment to read `DLNOTES_PYTHON`, `CONDA_PREFIX`, ... from (default `process.env`).
 * @throws ToolError when `$DLNOTES_PYTHON` is set but does not exist or lacks a module (naming it), or when no
 *   candidate has the modules.
 */
export function projectPython(
  modules: readonly string[] = JUPYTER_MODULES,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const explicit = env.DLNOTES_PYTHON;
  const key = `${explicit ?? ""}|${env === process.env ? "" : JSON.stringify([env.CONDA_PREFIX, env.VIRTUAL_ENV, env.NB_PYTHON_PREFIX])}|${modules.join(",")}`;
  const known = cache.get(key);
  if (known) return known;
  if (explicit) {
    const problem = importProblem(explicit, modules);
    if (problem) {
      throw new ToolError(
        `DLNOTES_PYTHON=${explicit} ${problem}: point it at a Python with ${modules.join(", ")} (e.g. .venv/bin/python after \`npm run setup\`), or unset it`,
      );
    }
    cache.set(key, explicit);
    return explicit;
  }
  const tried: string[] = [];
  for (const { python, source } of pythonCandidates(env)) {
    if (!importProblem(python, modules)) {
      cache.set(key, python);
      return python;
    }
    tried.push(`${python} (${source})`);
  }
  const where = tried.length
    ? `none of ${tried.join(", ")} can import ${modules.join(", ")}`
    : "no project Python found";
  throw new ToolError(`${where}: ${SETUP_HINT}`);
}

/**
 * Like {@link projectPython}, but undefined instead of throwing when no candidate has the modules (for tools that
 * degrade gracefully). A wrong `$DLNOTES_PYTHON` still throws: the user asked for it.
 */
export function findProjectPython(
  modules: readonly string[] = JUPYTER_MODULES,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (env.DLNOTES_PYTHON) return projectPython(modules, env);
  try {
    return projectPython(modules, env);
  } catch {
    return undefined;
  }
}

/**
 * A command installed next to the project's Python (`jupyter`, `pip`), or undefined.
 * @param name the command.
 * @param python the interpreter whose folder to look in (default: the project's Python with jupyter_core).
 */
export function projectCommand(
  name: string,
  python: string | undefined = findProjectPython(["jupyter_core"]),
): string | undefined {
  if (!python) return undefined;
  const candidate = path.join(path.dirname(python), isWindows ? `${name}.exe` : name);
  return existsSync(candidate) ? candidate : undefined;
}
