/**
 * Builds the JupyterLite site (issue 20): JupyterLab as static files in `site/lab/`, the course's notebooks as
 * its contents, "TypeScript (dlnotes)" as its only kernel. Everything comes from npm and PyPI on this machine:
 *
 * 1. the runner's worker (`build/runner/runner-worker.js`, scripts/build-browser.ts) when missing or stale;
 * 2. lite/src bundled with esbuild into `build/lite/extension/lib/index.js` (the runner's page session and the
 *    shared definitions included; `@jupyterlite/services` left to the page, which shares it), beside a
 *    generated package.json: no package.json of its own in the source tree;
 * 3. that package built into a federated extension with @jupyter/builder (rspack; core metadata from
 *    @jupyterlab/core-meta, so no download), the runner's worker copied into its static folder;
 * 4. `jupyter lite build` (jupyterlite-core from requirements.txt) with that extension and plotly's
 *    JupyterLab renderer from the Python environment, nothing else from it (no Pyodide), no source maps.
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { buildThenReplace } from "../tooling/owned-folder";
import { ToolError } from "../tooling/cli";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";
import { build } from "esbuild";
import { withProcessLock } from "../tooling/process-lock";
import { projectPython } from "../tooling/python";
import { LITE_SITE_DIR } from "../src/core/definitions";

export const projectDir = resolve(__dirname, "..");
const require = createRequire(join(projectDir, "package.json"));

/** The extension's package name (its folder under the site's `extensions/`). */
export const EXTENSION_NAME = "dlnotes-lite";
/** The runner's worker as scripts/build-browser.ts writes it. */
export const RUNNER_WORKER = join(projectDir, "build", "runner", "runner-worker.js");
/** Work folder of the build (ignored by git). */
const WORK_DIR = join(projectDir, "build", "lite");

/** What to build from and where to. */
export interface LiteBuildOptions {
  /** Folder whose `.ipynb` files become the site's contents (default notebooks/). */
  notebooks?: string;
  /** Output folder (default site/lab/): written only if empty or written by this tool before (see tooling/owned-folder.ts). */
  out?: string;
  /** Write into a non-empty `out` that this tool did not write (same-named files replaced, others kept). */
  force?: boolean;
  /** Rebuild the runner's worker even when it looks fresh. */
  forceWorker?: boolean;
  /** Progress lines (default: console.log). */
  log?: (line: string) => void;
}

/** What a build made. */
export interface LiteBuildResult {
  out: string;
  bytes: number;
  files: number;
  notebooks: string[];
}

/** A build step that failed, with one line saying what to do. */
/** A build failure with a message for the reader (printed as one line by tooling/cli.ts). */
export class LiteBuildError extends ToolError {}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Bytes and files under a folder. */
export function folderSize(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = folderSize(p);
      bytes += inner.bytes;
      files += inner.files;
    } else {
      bytes += statSync(p).size;
      files++;
    }
  }
  return { bytes, files };
}

/** Runs a command; on failure throws its last output lines with `what` as the one-line reason. */
function run(what: string, command: string, args: string[], cwd = projectDir): void {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error || result.status !== 0) {
    const tail = `${result.stdout ?? ""}\n${result.stderr ?? ""}`.trim().split("\n").slice(-15).join("\n");
    throw new LiteBuildError(`${what} failed (${result.error?.message ?? `exit ${result.status}`}):\n${tail}`);
  }
}

/** Step 1: the runner's worker, rebuilt when a source of it (export/runner, src/, dist/) is newer. */
function ensureRunnerWorker(force: boolean, log: (line: string) => void): void {
  const sources = Math.max(
    newestMtime(join(projectDir, "export", "runner")),
    newestMtime(join(projectDir, "src")),
    newestMtime(join(projectDir, "dist")),
  );
  if (!force && existsSync(RUNNER_WORKER) && statSync(RUNNER_WORKER).mtimeMs >= sources) return;
  if (!existsSync(join(projectDir, "dist", "index.d.ts")))
    throw new LiteBuildError("dist/index.d.ts is missing: run `npm run build` first");
  log("build:lite: building the runner's worker (scripts/build-browser.ts)");
  run("scripts/build-browser.ts", process.execPath, [
    "--import",
    "tsx",
    join(projectDir, "scripts", "build-browser.ts"),
  ]);
}

/** Steps 2 and 3: the federated extension in build/lite/extension/labextension. */
async function buildExtension(log: (line: string) => void): Promise<string> {
  const pkgDir = join(WORK_DIR, "extension");
  rmSync(pkgDir, { recursive: true, force: true });
  mkdirSync(join(pkgDir, "lib"), { recursive: true });
  await build({
    entryPoints: [join(projectDir, "lite", "src", "index.ts")],
    outfile: join(pkgDir, "lib", "index.js"),
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    // Shared with the page (one IKernelSpecs token); type-only imports of @jupyterlab/services vanish.
    external: ["@jupyterlite/services", "@jupyterlab/*", "@lumino/*"],
    legalComments: "none",
    logLevel: "warning",
  });
  const servicesVersion = (
    JSON.parse(readFileSync(require.resolve("@jupyterlite/services/package.json"), "utf8")) as { version: string }
  ).version;
  const pkg = {
    name: EXTENSION_NAME,
    version: (JSON.parse(readFileSync(join(projectDir, "package.json"), "utf8")) as { version: string }).version,
    description: "TypeScript (dlnotes): the course's TypeScript kernel, running in the browser (JupyterLite)",
    license: "MIT",
    private: true,
    main: "lib/index.js",
    files: ["lib"],
    dependencies: { "@jupyterlite/services": `^${servicesVersion}` },
    jupyterlab: {
      extension: true,
      outputDir: "labextension",
      sharedPackages: { "@jupyterlite/services": { bundled: false, singleton: true } },
    },
  };
  writeFileSync(join(pkgDir, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
  log("build:lite: building the JupyterLite extension (@jupyter/builder)");
  const builder = require.resolve("@jupyter/builder/lib/build-labextension.js");
  const coreMeta = require.resolve("@jupyterlab/core-meta/core.package.json");
  run("@jupyter/builder", process.execPath, [builder, "--core-package-file", coreMeta, pkgDir]);
  const labextension = join(pkgDir, "labextension");
  copyFileSync(RUNNER_WORKER, join(labextension, "static", "runner-worker.js"));
  return labextension;
}

/** The Python environment's plotly JupyterLab renderer (plotly >= 6.1 ships it). */
function plotlyLabextension(python: string): string {
  const prefix = execFileSync(python, ["-c", "import sys; print(sys.prefix)"], { encoding: "utf8" }).trim();
  const dir = join(prefix, "share", "jupyter", "labextensions", "jupyterlab-plotly");
  if (!existsSync(join(dir, "package.json")))
    throw new LiteBuildError(`${dir} is missing: install the pinned plotly (npm run setup, requirements.txt)`);
  return dir;
}

/** Step 4: `jupyter lite build` into `out`. */
function buildSite(
  python: string,
  extension: string,
  notebooks: string[],
  out: string,
  log: (line: string) => void,
): void {
  const liteDir = join(WORK_DIR, "lite-dir");
  rmSync(liteDir, { recursive: true, force: true });
  mkdirSync(liteDir, { recursive: true });
  for (const file of ["jupyter-lite.json", "overrides.json"])
    copyFileSync(join(projectDir, "lite", file), join(liteDir, file));
  const config = JSON.parse(readFileSync(join(projectDir, "lite", "jupyter_lite_config.json"), "utf8")) as {
    LiteBuildConfig: Record<string, unknown>;
  };
  config.LiteBuildConfig.federated_extensions = [extension, plotlyLabextension(python)];
  config.LiteBuildConfig.contents = notebooks;
  config.LiteBuildConfig.output_dir = out;
  writeFileSync(join(liteDir, "jupyter_lite_config.json"), `${JSON.stringify(config, null, 2)}\n`);
  log(`build:lite: jupyter lite build → ${relative(projectDir, out) || out}`);
  run("jupyter lite build", python, ["-m", "jupyterlite_core", "build", "--lite-dir", liteDir], liteDir);
}

/**
 * JupyterLite's pages name no icon, so the browser asks for `/favicon.ico` at the host's root, outside the site
 * (a 404 in every console, and on a real host a request for someone else's file). Each page gets a link to the
 * icon JupyterLite ships beside it (its app folder's `favicon.ico`, else the lab's). The Notebook app's tab-icon
 * plugin later points that link at `static/favicons/favicon-{notebook,busy-1}.ico` under the site: those are
 * written too (the app's own icon), so a busy kernel asks for nothing that is missing.
 */
export function linkFavicons(site: string): void {
  const fallback = join(site, "lab", "favicon.ico");
  if (!existsSync(fallback)) throw new LiteBuildError(`jupyter lite build finished without lab/favicon.ico`);
  const pages = [join(site, "index.html")];
  for (const entry of readdirSync(site, { withFileTypes: true }))
    if (entry.isDirectory() && existsSync(join(site, entry.name, "index.html")))
      pages.push(join(site, entry.name, "index.html"));
  for (const page of pages) {
    const folder = dirname(page);
    const icon = existsSync(join(folder, "favicon.ico")) ? join(folder, "favicon.ico") : fallback;
    const href = relative(folder, icon).split(sep).join("/");
    const html = readFileSync(page, "utf8");
    if (html.includes('rel="icon"')) continue;
    const head = html.indexOf("<head>");
    if (head < 0) throw new LiteBuildError(`${relative(site, page)} has no <head>: cannot link its icon`);
    const at = head + "<head>".length;
    writeFileSync(
      page,
      `${html.slice(0, at)}\n    <link rel="icon" type="image/x-icon" href="${href}">${html.slice(at)}`,
    );
  }
  const notebookIcon = existsSync(join(site, "notebooks", "favicon.ico"))
    ? join(site, "notebooks", "favicon.ico")
    : fallback;
  mkdirSync(join(site, "static", "favicons"), { recursive: true });
  for (const name of ["favicon-notebook.ico", "favicon-busy-1.ico"])
    copyFileSync(notebookIcon, join(site, "static", "favicons", name));
}

/** Builds the site; throws LiteBuildError with one line (and the failing tool's last lines) on failure. */
export function buildLite(options: LiteBuildOptions = {}): Promise<LiteBuildResult> {
  // one build at a time uses the work folder build/lite/ (a test and an export may each start one)
  return withProcessLock(join(projectDir, "build", "lite.lock"), () => buildLiteUnlocked(options));
}

async function buildLiteUnlocked(options: LiteBuildOptions): Promise<LiteBuildResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const notebooksDir = resolve(options.notebooks ?? join(projectDir, "notebooks"));
  const out = resolve(options.out ?? join(projectDir, "site", LITE_SITE_DIR));
  if (!existsSync(notebooksDir))
    throw new LiteBuildError(`${notebooksDir} does not exist: give a folder of .ipynb files`);
  const notebooks = readdirSync(notebooksDir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort();
  if (notebooks.length === 0) throw new LiteBuildError(`${notebooksDir} has no .ipynb files`);
  const python = projectPython(["jupyterlite_core", "jupyter_server"]);
  ensureRunnerWorker(options.forceWorker ?? false, log);
  const extension = await buildExtension(log);
  // Built in a temporary folder, then moved into `out` through an owned folder: a failed build leaves the old
  // site as it was, and files in `out` that this tool did not write are never overwritten or deleted.
  await buildThenReplace(
    out,
    "lite",
    async (temporary) => {
      const built = join(temporary, "site");
      buildSite(
        python,
        extension,
        notebooks.map((f) => join(notebooksDir, f)),
        built,
        log,
      );
      linkFavicons(built);
      for (const required of [
        "index.html",
        join("lab", "index.html"),
        join("extensions", EXTENSION_NAME, "static", "runner-worker.js"),
      ]) {
        if (!existsSync(join(built, required)))
          throw new LiteBuildError(`jupyter lite build finished without ${required}`);
      }
      renameSync(built, join(temporary, "moved"));
      for (const entry of readdirSync(join(temporary, "moved")))
        renameSync(join(temporary, "moved", entry), join(temporary, entry));
      rmSync(join(temporary, "moved"), { recursive: true, force: true });
    },
    { force: options.force ?? false, forceHint: "pass --force" },
  );
  const { bytes, files } = folderSize(out);
  return { out, bytes, files, notebooks };
}
