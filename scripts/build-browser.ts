// The browser build behind the course notes' runnable cells (issue 12): `npm run build:browser` writes
//   build/runner/runner.js         the page script (small: buttons, output areas; loads the rest on the first Run)
//   build/runner/runner-editor.js  the code editor (CodeMirror 6), loaded when a reader first uses a cell
//   build/runner/runner-worker.js  loaded on the first Run: the worker's source as one string (TypeScript 5.0.4,
//                                  the lib and dlnotes .d.ts files, the library), started from a Blob URL
//                                  (file:// pages may neither fetch() nor start a Worker from a file URL)
//   build/runner/worker.js         the same worker as a plain script, for other front ends (the JupyterLite
//                                  kernel): its message API is export/runner/src/protocol.ts
// export/runner/install.mjs copies them into site/assets/runner/. Needs dist/*.d.ts (`npm run build` first).
// Usage: npm run build:browser  (no options)
import { build, type BuildOptions, type Plugin } from "esbuild";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import wabtFactory from "wabt";
import { parseCommandLine, runCli, ToolError } from "../tooling/cli";
import { withProcessLock } from "../tooling/process-lock";
import { projectDir as root } from "../tooling/python";

const require = createRequire(join(root, "package.json"));
const runnerDir = join(root, "export", "runner");
const outDir = join(root, "build", "runner");
const USAGE = "npm run build:browser  (takes no options)";

/** Type-check files, path -> text. */
type Files = { [path: string]: string };

/** lib.es2022.d.ts and every lib file it references, keyed /lib/<name>. */
function libFiles(): Files {
  const libDir = dirname(require.resolve("typescript/lib/lib.es2022.d.ts"));
  const files: Files = {};
  const visit = (name: string): void => {
    const key = `/lib/lib.${name}.d.ts`;
    if (key in files) return;
    files[key] = readFileSync(join(libDir, `lib.${name}.d.ts`), "utf8");
    for (const m of files[key].matchAll(/\/\/\/\s*<reference lib="([^"]+)"/g)) visit(m[1].toLowerCase());
  };
  visit("es2022");
  return files;
}

/** dist/**\/*.d.ts as /node_modules/dlnotes/** (so "dlnotes" and "dlnotes/exercises" resolve the Node10 way). */
function libraryDeclarations(): Files {
  const dist = join(root, "dist");
  if (!existsSync(join(dist, "index.d.ts")))
    throw new ToolError("dist/index.d.ts is missing: run `npm run build` first");
  const files: Files = {};
  const walk = (dir: string): void => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (f.endsWith(".d.ts"))
        files[`/node_modules/dlnotes/${relative(dist, p).split("\\").join("/")}`] = readFileSync(p, "utf8");
    }
  };
  walk(dist);
  files["/node_modules/@types/ndarray/index.d.ts"] = readFileSync(require.resolve("@types/ndarray/index.d.ts"), "utf8");
  files["/globals.d.ts"] = readFileSync(join(runnerDir, "cell-globals.d.ts"), "utf8");
  return files;
}

/** The checker's file system as a module (`import typeFiles from "virtual:type-files"`). */
function typeFilesPlugin(files: Files): Plugin {
  return {
    name: "type-files",
    setup(b) {
      b.onResolve({ filter: /^virtual:type-files$/ }, () => ({ path: "type-files", namespace: "virtual" }));
      b.onLoad({ filter: /.*/, namespace: "virtual" }, () => ({
        contents: `export default ${JSON.stringify(files)};`,
        loader: "js",
      }));
    },
  };
}

/**
 * kernels.wat assembled with an unshared memory: a page on file:// (or any host without cross-origin isolation)
 * has no SharedArrayBuffer, so the kernels run on the worker's one thread with an ordinary memory.
 */
async function singleThreadKernels(): Promise<Buffer> {
  const wat = readFileSync(join(root, "src", "kernels", "kernels.wat"), "utf8");
  const shared = /\(memory (\d+) (\d+) shared\)/g;
  if ((wat.match(shared) ?? []).length !== 1)
    throw new ToolError("src/kernels/kernels.wat: expected one `(memory N M shared)` import");
  const wabt = await wabtFactory();
  const features = { simd: true, threads: true };
  const module = wabt.parseWat("kernels.wat", wat.replace(shared, "(memory $1 $2)"), features);
  try {
    module.resolveNames();
    // wabt's validate(features) takes the features at run time; its index.d.ts leaves the parameter out
    (module.validate as (options: object) => void).call(module, features);
    return Buffer.from(module.toBinary({ canonicalize_lebs: true, write_debug_names: false }).buffer);
  } finally {
    module.destroy();
  }
}

/**
 * The platform seam (src/platform/index.ts): src/platform/index.ts's `./node` resolves to src/platform/browser.ts,
 * and the kernels' bytes come from `virtual:kernels-wasm` (src/platform/browser.ts gets them from the worker).
 */
function browserPlatformPlugin(wasm: Buffer): Plugin {
  const platformDir = join(root, "src", "platform");
  return {
    name: "browser-platform",
    setup(b) {
      b.onResolve({ filter: /^\.\/node$/ }, (args) =>
        args.importer && dirname(args.importer) === platformDir ? { path: join(platformDir, "browser.ts") } : undefined,
      );
      b.onResolve({ filter: /^virtual:kernels-wasm$/ }, () => ({ path: "kernels-wasm", namespace: "wasm" }));
      b.onLoad({ filter: /.*/, namespace: "wasm" }, () => ({ contents: wasm, loader: "binary" }));
    },
  };
}

/**
 * TypeScript's compiler (bundled into the worker) require()s these Node modules only when it runs under Node
 * (its `sys` checks for `process`); in the worker they are empty modules. Anything else that asks for a Node
 * built-in fails the build: the library reaches its host only through the platform seam.
 */
function typescriptNodeModulesPlugin(): Plugin {
  const unused = /^(fs|path|os|crypto|perf_hooks|inspector|source-map-support|buffer)$/;
  return {
    name: "typescript-node-modules",
    setup(b) {
      b.onResolve({ filter: unused }, (args) =>
        /[\\/]node_modules[\\/]typescript[\\/]/.test(args.importer)
          ? { path: args.path, namespace: "empty" }
          : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "module.exports = {};", loader: "js" }));
    },
  };
}

async function bundle(entry: string, options: BuildOptions): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    keepNames: true, // console.log of a class instance prints its class name, as in Node
    legalComments: "none",
    logLevel: "warning",
    ...options,
  });
  return result.outputFiles![0].text;
}

runCli("build:browser", async () => {
  parseCommandLine("build:browser", USAGE, {});
  // one build at a time writes build/runner/ (a test, the JupyterLite build and the export may each start one)
  return withProcessLock(join(root, "build", "runner.lock"), buildRunner);
});

async function buildRunner(): Promise<void> {
  const started = Date.now();
  // The runner's own sources are type-checked here (esbuild only strips types).
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", join(runnerDir, "tsconfig.json")], {
    stdio: "inherit",
  });
  mkdirSync(outDir, { recursive: true });
  const files = { ...libFiles(), ...libraryDeclarations() };
  const worker = await bundle(join(runnerDir, "src", "worker", "main.ts"), {
    plugins: [
      typeFilesPlugin(files),
      browserPlatformPlugin(await singleThreadKernels()),
      typescriptNodeModulesPlugin(),
    ],
  });
  const editor = await bundle(join(runnerDir, "src", "editor", "main.ts"), {});
  const workerPage = `window.__dlnotesRunnerWorkerSource=${JSON.stringify(worker)};\n`;
  // the page says before the first Run how much it loads (the real size of what it will load)
  const page = await bundle(join(runnerDir, "src", "page", "main.ts"), {
    define: { __DLNOTES_WORKER_BYTES__: String(Buffer.byteLength(workerPage)) },
  });
  writeFileSync(join(outDir, "runner-worker.js"), workerPage);
  writeFileSync(join(outDir, "worker.js"), worker);
  writeFileSync(join(outDir, "runner-editor.js"), editor);
  writeFileSync(join(outDir, "runner.js"), page);
  const size = (f: string): string => `${(statSync(join(outDir, f)).size / 1e6).toFixed(2)} MB`;
  console.log(
    `build:browser: build/runner/runner.js ${size("runner.js")} (in every page), runner-editor.js ${size("runner-editor.js")} (when a cell is first used), runner-worker.js ${size("runner-worker.js")} (loaded on the first Run) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}
