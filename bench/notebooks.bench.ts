/**
 * notebook-run-all: the time a student waits. Every lesson in notebooks/ is run top to bottom in a real tslab
 * kernel (scripts/nbrun.py, the runner of the notebook tests): `cold_s` is the first Run All in a fresh
 * kernel (imports, type-checking and the helper thread's start included), `warm_s` a second Run All in the
 * same kernel. `kernel_start_s` is the kernel's start, not included in either.
 *
 * Reference measured in the same run: a trivial notebook run the same way, one cell that does what every
 * lesson starts with (imports the library, makes a (1,1) array), so that its cold run includes type-checking
 * and loading the library as a lesson's does. Each lesson's line gives its times divided by the trivial
 * notebook's (`cold_over_trivial`, `warm_over_trivial`; `ratio` is `cold_over_trivial`, the first Run All a
 * student waits for), which takes out some of a busy machine's slowness.
 *
 * The kernel is this checkout's own tslab (node_modules/.bin/tslab), registered in a temporary Jupyter data
 * folder with its own config and runtime folders: nothing is written to the user's HOME. Set
 * DLNOTES_BENCH_NOTEBOOKS to a regular expression to run only the matching lessons (e.g. `^06`).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { KERNEL_NAME } from "../src/core/definitions";
import { projectPython } from "../tooling/python";
import { progress, result, round } from "./common";

const projectDir = path.resolve(__dirname, "..");
const notebooksDir = path.join(projectDir, "notebooks");
/**
 * The lessons' own kernel name: nbrun runs only notebooks written for the kernel it is given. The spec is
 * registered in this run's private Jupyter data folder, which Jupyter searches first, so it is this
 * checkout's tslab whatever the user has installed.
 */
const KERNEL = KERNEL_NAME;

type Summary = { notebook: string; ok: boolean; runs: number[]; kernel_start: number | null; error: string | null };

function main(): void {
  const filter = new RegExp(process.env.DLNOTES_BENCH_NOTEBOOKS ?? "");
  const lessons = fs
    .readdirSync(notebooksDir)
    .filter((f) => f.endsWith(".ipynb") && filter.test(f))
    .sort();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dlnotes-bench-nb-"));
  let trivialDir: string | null = null;
  try {
    const kernelDir = path.join(tmp, "data", "kernels", KERNEL);
    fs.mkdirSync(kernelDir, { recursive: true });
    const tslab = path.join(projectDir, "node_modules", ".bin", "tslab");
    const spec = {
      argv: [tslab, "kernel", "--config-path", "{connection_file}"],
      display_name: "TypeScript (dlnotes bench)",
      language: "typescript",
    };
    fs.writeFileSync(path.join(kernelDir, "kernel.json"), JSON.stringify(spec, null, 1));
    // Inside the project (build/ is ignored): tslab finds the library and Node's types only from a
    // node_modules folder above the notebook, and nbrun refuses a notebook that has none.
    fs.mkdirSync(path.join(projectDir, "build"), { recursive: true });
    trivialDir = fs.mkdtempSync(path.join(projectDir, "build", "bench-trivial-"));
    const trivial = path.join(trivialDir, "trivial.ipynb");
    const cell = {
      cell_type: "code",
      execution_count: null,
      id: "trivial",
      metadata: {},
      outputs: [],
      source: ['import { zeros } from "dlnotes";\n', "zeros([1, 1]).shape;"],
    };
    fs.writeFileSync(trivial, JSON.stringify({ cells: [cell], metadata: {}, nbformat: 4, nbformat_minor: 5 }));
    const report = path.join(tmp, "report.json");
    const env = {
      ...process.env,
      JUPYTER_PATH: path.join(tmp, "data"),
      JUPYTER_DATA_DIR: path.join(tmp, "data"),
      JUPYTER_CONFIG_DIR: path.join(tmp, "config"),
      JUPYTER_RUNTIME_DIR: path.join(tmp, "runtime"),
    };
    progress(`notebooks: Run All twice per kernel: trivial notebook, then ${lessons.join(", ")}`);
    const run = spawnSync(
      projectPython(["nbclient", "nbformat", "jupyter_client"]),
      [
        path.join(projectDir, "scripts", "nbrun.py"),
        "--kernel",
        KERNEL,
        "--runs",
        "2",
        "--report",
        report,
        trivial,
        ...lessons.map((f) => path.join(notebooksDir, f)),
      ],
      { cwd: projectDir, env, encoding: "utf8", maxBuffer: 1 << 24 },
    );
    for (const line of `${run.stdout}${run.stderr}`.split("\n")) if (line.trim()) progress(`notebooks: ${line}`);
    if (!fs.existsSync(report)) throw new Error(`notebooks: nbrun wrote no report (exit ${run.status})`);
    const summaries = JSON.parse(fs.readFileSync(report, "utf8")) as Summary[];
    const base = summaries.find((s) => s.notebook.endsWith("trivial.ipynb"));
    if (!base?.ok) throw new Error(`notebooks: the trivial notebook failed: ${base?.error}`);
    for (const s of summaries) {
      if (s === base) continue;
      if (!s.ok) throw new Error(`notebooks: ${s.notebook} failed: ${s.error}`);
      const [cold, warm] = s.runs;
      result({
        benchmark: "notebook-run-all",
        threads: "kernel default",
        notebook: path.basename(s.notebook),
        cold_s: cold,
        warm_s: warm,
        kernel_start_s: s.kernel_start,
        trivial_cold_s: base.runs[0],
        ratio: round(cold / base.runs[0], 3),
        cold_over_trivial: round(cold / base.runs[0], 3),
        warm_over_trivial: round(warm / base.runs[1], 3),
      });
    }
    if (run.status !== 0) throw new Error(`notebooks: nbrun exited with ${run.status}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    if (trivialDir) fs.rmSync(trivialDir, { recursive: true, force: true });
  }
}

try {
  main();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
