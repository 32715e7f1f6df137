#!/usr/bin/env node
// `npm run lab [-- extra Jupyter options]`: opens notebooks/ in JupyterLab; where only the classic Notebook is
// installed (Debian 12 has no JupyterLab package) it opens that instead and says so; with no Jupyter at all it
// prints one line on how to get it. The server's root is notebooks/ (its working directory), as in the course.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const notebooksDir = path.join(projectDir, "notebooks");
const extraArgs = process.argv.slice(2);

/** The `jupyter` command to use: the active conda env's first (its JupyterLab), then PATH's. */
function jupyterCommand() {
  const conda = process.env.CONDA_PREFIX;
  if (conda) {
    const inEnv = path.join(conda, process.platform === "win32" ? "Scripts/jupyter.exe" : "bin/jupyter");
    if (existsSync(inEnv)) return inEnv;
  }
  return "jupyter";
}

/** True when `jupyter <sub> --version` works, i.e. that front end is installed for this jupyter. */
function hasSubcommand(jupyter, sub) {
  const probe = spawnSync(jupyter, [sub, "--version"], { stdio: "ignore", timeout: 60_000 });
  return !probe.error && probe.status === 0;
}

function kernelRegistered() {
  const check = spawnSync(process.execPath, [path.join(projectDir, "scripts", "install-kernel.mjs"), "--check"], {
    encoding: "utf8",
  });
  return check.status === 0;
}

function main() {
  const jupyter = jupyterCommand();
  let frontEnd;
  if (hasSubcommand(jupyter, "lab")) {
    frontEnd = "lab";
  } else if (hasSubcommand(jupyter, "notebook")) {
    frontEnd = "notebook";
    console.log(
      "lab: JupyterLab is not installed, opening the classic Jupyter Notebook instead " +
        "(Plotly figures need JupyterLab: conda env create -f environment.yml && conda activate dlnotes)",
    );
  } else {
    console.log(
      "lab: no Jupyter found: `conda env create -f environment.yml && conda activate dlnotes && npm install`, " +
        "or `sudo apt-get install jupyter-notebook jupyter-nbconvert python3-nbclient && npm run prepare`",
    );
    return 1;
  }
  if (!kernelRegistered()) {
    console.log('lab: warning: the "tslab" kernel of this project is not registered; run `npm run prepare` first');
  }
  const args = [frontEnd, ...extraArgs];
  // Jupyter refuses to run as root without this; root is usual in containers, where it is what people want
  if (process.getuid?.() === 0 && !args.includes("--allow-root")) args.push("--allow-root");
  const cwd = existsSync(notebooksDir) ? notebooksDir : projectDir;
  const child = spawn(jupyter, args, { cwd, stdio: "inherit" });
  // Ctrl-C reaches Jupyter directly (same terminal); we only pass its exit status on.
  process.on("SIGINT", () => {});
  child.on("exit", (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
  child.on("error", (error) => {
    console.log(`lab: could not start ${jupyter} ${frontEnd}: ${error.message}`);
    process.exitCode = 1;
  });
  return 0;
}

process.exitCode = main();
