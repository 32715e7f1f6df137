#!/usr/bin/env node
// `npm run lab [-- extra Jupyter options]`: opens notebooks/ in the project environment's JupyterLab (.venv from
// `npm run setup`, or the active conda env); with no project Jupyter it prints one line on how to get it. The server's root is notebooks/ (its working directory), as in the course.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { projectCommand } from "./lib/python.mjs";

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const notebooksDir = path.join(projectDir, "notebooks");
const extraArgs = process.argv.slice(2);

/** The `jupyter` command of the project's Python environment (.venv, or the active conda env). */
function jupyterCommand() {
  return projectCommand("jupyter");
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
  if (!jupyter) {
    console.log("lab: no project Jupyter found: run `npm run setup` (makes .venv with JupyterLab 4), or activate the conda env from environment.yml");
    return 1;
  }
  let frontEnd;
  if (hasSubcommand(jupyter, "lab")) {
    frontEnd = "lab";
  } else if (hasSubcommand(jupyter, "notebook")) {
    frontEnd = "notebook";
    console.log("lab: JupyterLab is not installed in this environment, opening Jupyter Notebook instead (npm run setup installs JupyterLab 4)");
  } else {
    console.log("lab: the project's Python has neither JupyterLab nor Notebook: run `npm run setup`");
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
