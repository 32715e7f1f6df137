// `npm run lab [-- Jupyter options]`: opens notebooks/ in the project environment's JupyterLab (.venv from
// `npm run setup`, or the active conda env); with no project Jupyter it prints one line on how to get it. The
// server's root is notebooks/ (its working folder), as in the course.
// lab has no options of its own: every argument is Jupyter's (`npm run lab -- --port=9999`), and Jupyter's own
// parser judges them, so they are passed on unparsed.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { runCli, ToolError } from "../tooling/cli";
import { installKernel } from "../tooling/kernel-spec";
import { notebooksDir } from "../tooling/notebook";
import { projectCommand, projectDir } from "../tooling/python";

/** True when `jupyter <sub> --version` works, i.e. that front end is installed for this jupyter. */
function hasSubcommand(jupyter: string, sub: string): boolean {
  const probe = spawnSync(jupyter, [sub, "--version"], { stdio: "ignore", timeout: 60_000 });
  return !probe.error && probe.status === 0;
}

runCli("lab", async () => {
  const jupyter = projectCommand("jupyter");
  if (!jupyter)
    throw new ToolError(
      "no project Jupyter found: run `npm run setup` (makes .venv with JupyterLab 4), or activate the conda env from environment.yml",
    );
  let frontEnd: string;
  if (hasSubcommand(jupyter, "lab")) {
    frontEnd = "lab";
  } else if (hasSubcommand(jupyter, "notebook")) {
    frontEnd = "notebook";
    console.log(
      "lab: JupyterLab is not installed in this environment, opening Jupyter Notebook instead (npm run setup installs JupyterLab 4)",
    );
  } else {
    throw new ToolError("the project's Python has neither JupyterLab nor Notebook: run `npm run setup`");
  }
  if (installKernel({ check: true, say: () => undefined }) !== 0) {
    console.log(
      "lab: warning: this project's tslab kernel is not the one Jupyter will use; run `npm run prepare` first",
    );
  }
  const args = [frontEnd, ...process.argv.slice(2)];
  // Jupyter refuses to run as root without this; root is usual in containers, where it is what people want
  if (process.getuid?.() === 0 && !args.includes("--allow-root")) args.push("--allow-root");
  const cwd = existsSync(notebooksDir) ? notebooksDir : projectDir;
  const child = spawn(jupyter, args, { cwd, stdio: "inherit" });
  // Ctrl-C reaches Jupyter directly (same terminal); only its exit status is passed on
  process.on("SIGINT", () => undefined);
  return new Promise<number>((resolve, reject) => {
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on("error", (error) => reject(new ToolError(`could not start ${jupyter} ${frontEnd}: ${error.message}`)));
  });
});
