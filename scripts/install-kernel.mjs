#!/usr/bin/env node
// Registers this project's tslab as the Jupyter kernel `tslab` ("TypeScript (dlnotes)").
// Run by `npm install` / `npm ci` (the "prepare" script) and safe to run by hand at any time:
//   node scripts/install-kernel.mjs            register (or refresh) the kernel spec
//   node scripts/install-kernel.mjs --check    only report what is registered; exit 1 if it is not ours
//
// Decisions (the README's "Where the kernel goes" is the user-facing version):
// - The spec's argv[0] is the absolute path of THIS checkout's node_modules/.bin/tslab, so no global tslab and
//   no PATH change is needed, and the kernel always matches the pinned tslab of this project.
// - The spec's env puts the directory of the node that ran `npm install` first on PATH: tslab's launcher is
//   `#!/usr/bin/env node`, and a Jupyter started from a desktop menu may not see an nvm/conda node. Only done
//   when jupyter_client >= 7 (it expands ${PATH} there; older ones would set it literally).
// - Where: the environment that owns the Jupyter we found. If that Python is a conda env (has conda-meta/) or a
//   virtualenv, the spec goes to its sys.prefix (--sys-prefix): what `conda activate`d users and repo2docker
//   need (repo2docker does not set CONDA_PREFIX, but its Jupyter lives in the env /srv/conda/envs/notebook).
//   Otherwise (a system Python) it goes to the user's Jupyter dir (~/.local/share/jupyter),
//   also for root: the spec points into one person's checkout, so it must not shadow `tslab` for every user
//   of the machine, and /usr/share/jupyter belongs to the distribution's packages.
// - Python: the project's one resolver (scripts/lib/python.mjs): $DLNOTES_PYTHON, the project's .venv, the active
//   conda env, the active virtualenv, repo2docker's env; the first that has jupyter_client.
// - Never fails `npm install`: every problem becomes one printed line and exit code 0
//   (set DLNOTES_SKIP_KERNEL=1 to skip entirely, e.g. when packaging).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { pythonCandidates } from "./lib/python.mjs";

const KERNEL_NAME = "tslab";
const DISPLAY_NAME = "TypeScript (dlnotes)";
const HOW_TO_GET_JUPYTER =
  "install-kernel: no Jupyter found (no Python with jupyter_client); the tslab kernel was NOT registered. " +
  "Run `npm run setup` (makes .venv with the pinned Jupyter), or `conda env create -f environment.yml && conda activate dlnotes`, " +
  "then `npm run prepare`.";

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const isWindows = process.platform === "win32";
const tslabBinary = path.join(projectDir, "node_modules", ".bin", isWindows ? "tslab.cmd" : "tslab");

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

// Writes kernel.json into a temporary folder and lets jupyter_client copy it to the right place
// (replacing an older spec of the same name: that is what makes reruns idempotent).
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
function runPython(python, code, args = []) {
  const result = spawnSync(python, ["-c", code, ...args], { encoding: "utf8", timeout: 60_000 });
  if (result.error || result.status !== 0) return null;
  return result.stdout.trim();
}

/** The first candidate Python that can import jupyter_client, with what it reports. */
function findJupyterPython() {
  for (const { python } of pythonCandidates()) {
    const out = runPython(python, PROBE_PY);
    if (out) return { python, info: JSON.parse(out.split("\n").pop()) };
  }
  return null;
}

function kernelSpec(info) {
  const spec = {
    argv: [tslabBinary, "kernel", "--config-path", "{connection_file}"],
    display_name: DISPLAY_NAME,
    language: "typescript",
    metadata: { dlnotes: { project: projectDir } },
  };
  const major = Number.parseInt(String(info.jupyter_client).split(".")[0], 10);
  if (major >= 7) spec.env = { PATH: `${path.dirname(process.execPath)}${path.delimiter}\${PATH}` };
  return spec;
}

function sameSpec(installedDir, wanted) {
  try {
    const installed = JSON.parse(readFileSync(path.join(installedDir, "kernel.json"), "utf8"));
    return JSON.stringify(sortKeys(installed)) === JSON.stringify(sortKeys(wanted));
  } catch {
    return false;
  }
}

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
  }
  return value;
}

/** After installing: the spec Jupyter will actually pick for `tslab` must be ours (a user-level one wins over an env's). */
function reportEffective(python) {
  const after = runPython(python, PROBE_PY);
  const current = after && JSON.parse(after.split("\n").pop()).current;
  if (!current) {
    console.log(`install-kernel: warning: Jupyter (${python}) does not list the "${KERNEL_NAME}" kernel after installing it`);
    return false;
  }
  if (current.argv[0] !== tslabBinary) {
    console.log(
      `install-kernel: warning: Jupyter picks ${current.resource_dir} for "${KERNEL_NAME}" (argv[0] ${current.argv[0]}), ` +
        `which shadows this project's; remove it with \`jupyter kernelspec remove ${KERNEL_NAME}\` and rerun npm run prepare`,
    );
    return false;
  }
  return true;
}

function main() {
  const checkOnly = process.argv.includes("--check");
  if (process.env.DLNOTES_SKIP_KERNEL && !checkOnly) {
    console.log("install-kernel: skipped (DLNOTES_SKIP_KERNEL is set)");
    return 0;
  }
  if (!existsSync(tslabBinary)) {
    console.log(`install-kernel: ${path.relative(projectDir, tslabBinary)} is missing (run npm install first); kernel not registered`);
    return checkOnly ? 1 : 0;
  }
  const found = findJupyterPython();
  if (!found) {
    console.log(HOW_TO_GET_JUPYTER);
    return checkOnly ? 1 : 0;
  }
  const { python, info } = found;
  if (checkOnly) {
    const ok = reportEffective(python);
    if (ok) console.log(`install-kernel: "${KERNEL_NAME}" -> ${info.current.resource_dir} (argv[0] ${tslabBinary})`);
    return ok ? 0 : 1;
  }
  const target = info.is_env ? "sys-prefix" : "user";
  const spec = kernelSpec(info);
  const where = target === "sys-prefix" ? `env ${info.prefix}` : "user Jupyter dir";
  const targetDir = target === "sys-prefix" ? info.env_dir : info.user_dir;
  if (sameSpec(targetDir, spec)) {
    console.log(`install-kernel: kernel "${KERNEL_NAME}" already up to date at ${targetDir}`);
    reportEffective(python);
    return 0;
  }
  const installedAt = runPython(python, INSTALL_PY, [JSON.stringify(spec), target]);
  if (!installedAt) {
    console.log(`install-kernel: could not write the kernel spec with ${python} (${where}); run \`node scripts/install-kernel.mjs\` to retry`);
    return 0;
  }
  console.log(`install-kernel: registered kernel "${KERNEL_NAME}" (${DISPLAY_NAME}) at ${installedAt} using ${python}`);
  reportEffective(python);
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  // Never break npm install over the kernel: say what happened in one line.
  console.log(`install-kernel: unexpected problem, kernel not registered: ${error instanceof Error ? error.message : error}`);
}
