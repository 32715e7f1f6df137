/**
 * Registers this project's tslab as the Jupyter kernel KERNEL_NAME ("TypeScript (dlnotes)"); run by `npm install`
 * (the `prepare` script) and safe to run by hand at any time.
 *
 * Decisions:
 * - The spec's argv[0] is the absolute path of THIS checkout's node_modules/.bin/tslab, so no global tslab and no
 *   PATH change is needed, and the kernel always matches the pinned tslab of this project.
 * - The spec's env puts the folder of the node that ran `npm install` first on PATH: tslab's launcher is
 *   `#!/usr/bin/env node`, and a Jupyter started from a desktop menu may not see an nvm/conda node. Only done when
 *   jupyter_client >= 7 (it expands ${PATH} there; older ones would set it literally).
 * - Where: the environment that owns the Jupyter found. A conda env (has conda-meta/) or a virtualenv gets the spec
 *   in its sys.prefix (what `conda activate`d users and repo2docker need); a system Python gets it in the user's
 *   Jupyter folder (~/.local/share/jupyter), also for root: the spec points into one person's checkout, so it must
 *   not shadow the kernel for every user, and /usr/share/jupyter belongs to the distribution's packages.
 * - Python: the project's one resolver (tooling/python.ts); the first candidate that has jupyter_client, or
 *   exactly `$DLNOTES_PYTHON` when that is set.
 */
import { sortKeys } from "./json";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { KERNEL_DISPLAY_NAME, KERNEL_NAME } from "../src/core/definitions";
import { ToolError } from "./cli";
import { projectDir, projectPython } from "./python";

const isWindows = process.platform === "win32";
/** The tslab launcher of this checkout, the kernel spec's argv[0]. */
export const tslabBinary = path.join(projectDir, "node_modules", ".bin", isWindows ? "tslab.cmd" : "tslab");

/** What the probe reports about a Python's Jupyter. */
export interface JupyterInfo {
  executable: string;
  prefix: string;
  is_env: boolean;
  env_dir: string;
  user_dir: string;
  jupyter_client: string;
  current: { resource_dir: string; argv: string[] } | null;
}

// Python side: everything jupyter_client knows, as one JSON line. Kept small and dependency-free (tslab's own
// install.py needs IPython, which a minimal Jupyter may lack).
const PROBE_PY = `
import json, os, sys
import jupyter_client
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_core.paths import jupyter_data_dir
prefix = sys.prefix
is_env = os.path.isdir(os.path.join(prefix, "conda-meta")) or prefix != getattr(sys, "base_prefix", prefix)
current = None
try:
    spec = KernelSpecManager().get_kernel_spec(${JSON.stringify(KERNEL_NAME)})
    current = {"resource_dir": spec.resource_dir, "argv": spec.argv}
except Exception:
    pass
kernels = lambda base: os.path.join(base, "kernels", ${JSON.stringify(KERNEL_NAME)})
print(json.dumps({"executable": sys.executable, "prefix": prefix, "is_env": is_env,
                  "env_dir": kernels(os.path.join(prefix, "share", "jupyter")), "user_dir": kernels(jupyter_data_dir()),
                  "jupyter_client": jupyter_client.__version__, "current": current}))
`;

// Writes kernel.json into a temporary folder and lets jupyter_client copy it to the right place (replacing an older
// spec of the same name: that is what makes reruns idempotent).
const INSTALL_PY = `
import json, os, sys, tempfile
from jupyter_client.kernelspec import KernelSpecManager
spec = json.loads(sys.argv[1]); target = sys.argv[2]
with tempfile.TemporaryDirectory() as folder:
    os.chmod(folder, 0o755)
    with open(os.path.join(folder, "kernel.json"), "w") as f:
        json.dump(spec, f, indent=1, sort_keys=True)
    kwargs = {"prefix": sys.prefix} if target == "sys-prefix" else {"user": True}
    print(KernelSpecManager().install_kernel_spec(folder, ${JSON.stringify(KERNEL_NAME)}, **kwargs))
`;

/** Runs `python -c code args...` and returns stdout, or null when the interpreter or the code fails. */
function runPython(python: string, code: string, args: string[] = []): string | null {
  const result = spawnSync(python, ["-c", code, ...args], { encoding: "utf8", timeout: 60_000 });
  if (result.error || result.status !== 0) return null;
  return result.stdout.trim();
}

function probe(python: string): JupyterInfo | null {
  const out = runPython(python, PROBE_PY);
  return out ? (JSON.parse(out.split("\n").pop()!) as JupyterInfo) : null;
}

/** The kernel spec this checkout wants registered. */
export function kernelSpec(info: Pick<JupyterInfo, "jupyter_client">): Record<string, unknown> {
  const spec: Record<string, unknown> = {
    argv: [tslabBinary, "kernel", "--config-path", "{connection_file}"],
    display_name: KERNEL_DISPLAY_NAME,
    language: "typescript",
    metadata: { dlnotes: { project: projectDir } },
  };
  const major = Number.parseInt(String(info.jupyter_client).split(".")[0], 10);
  if (major >= 7) spec.env = { PATH: `${path.dirname(process.execPath)}${path.delimiter}\${PATH}` };
  return spec;
}

function sameSpec(installedDir: string, wanted: unknown): boolean {
  try {
    const installed = JSON.parse(readFileSync(path.join(installedDir, "kernel.json"), "utf8"));
    return JSON.stringify(sortKeys(installed)) === JSON.stringify(sortKeys(wanted));
  } catch {
    return false;
  }
}

/** After installing: the spec Jupyter will actually pick must be ours (a user-level one wins over an env's). */
function reportEffective(python: string, say: (line: string) => void): boolean {
  const current = probe(python)?.current;
  if (!current) {
    say(`warning: Jupyter (${python}) does not list the "${KERNEL_NAME}" kernel after installing it`);
    return false;
  }
  if (current.argv[0] !== tslabBinary) {
    say(
      `warning: Jupyter picks ${current.resource_dir} for "${KERNEL_NAME}" (argv[0] ${current.argv[0]}), which shadows this project's; ` +
        `remove it with \`jupyter kernelspec remove ${KERNEL_NAME}\` and rerun \`npm run prepare\``,
    );
    return false;
  }
  return true;
}

/**
 * Registers (or with `check`, only verifies) the kernel. Every outcome is printed through `say` as one line.
 * @param options `check`: only report what is registered; `say`: where lines go.
 * @returns the exit code: registering never fails (0, so `npm install` never breaks over the kernel); a check
 *   is 1 when the kernel Jupyter would pick is not this checkout's.
 */
export function installKernel(options: {
  check?: boolean;
  say: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}): number {
  const { check = false, say, env = process.env } = options;
  const failed = check ? 1 : 0;
  if (env.DLNOTES_SKIP_KERNEL && !check) {
    say("skipped (DLNOTES_SKIP_KERNEL is set)");
    return 0;
  }
  if (!existsSync(tslabBinary)) {
    say(`${path.relative(projectDir, tslabBinary)} is missing (run npm install first); kernel not registered`);
    return failed;
  }
  let python: string;
  try {
    python = projectPython(["jupyter_client", "jupyter_core"], env);
  } catch (error) {
    if (!(error instanceof ToolError)) throw error;
    const what = check ? `cannot check the "${KERNEL_NAME}" kernel` : `the "${KERNEL_NAME}" kernel was NOT registered`;
    say(
      `${what}: ${error.message}; or \`conda env create -f environment.yml && conda activate dlnotes\`, then \`npm run prepare\``,
    );
    return failed;
  }
  const info = probe(python);
  if (!info) {
    say(`${python} could not describe its Jupyter; the "${KERNEL_NAME}" kernel was NOT registered`);
    return failed;
  }
  if (check) {
    const ok = reportEffective(python, say);
    if (ok) say(`"${KERNEL_NAME}" -> ${info.current!.resource_dir} (argv[0] ${tslabBinary})`);
    return ok ? 0 : 1;
  }
  const target = info.is_env ? "sys-prefix" : "user";
  const spec = kernelSpec(info);
  const where = target === "sys-prefix" ? `env ${info.prefix}` : "user Jupyter dir";
  const targetDir = target === "sys-prefix" ? info.env_dir : info.user_dir;
  if (sameSpec(targetDir, spec)) {
    say(`kernel "${KERNEL_NAME}" already up to date at ${targetDir}`);
    reportEffective(python, say);
    return 0;
  }
  const installedAt = runPython(python, INSTALL_PY, [JSON.stringify(spec), target]);
  if (!installedAt) {
    say(`could not write the kernel spec with ${python} (${where}); run \`npm run prepare\` to retry`);
    return 0;
  }
  say(`registered kernel "${KERNEL_NAME}" (${KERNEL_DISPLAY_NAME}) at ${installedAt} using ${python}`);
  reportEffective(python, say);
  return 0;
}
