#!/usr/bin/env node
// The browser build behind the course notes' runnable cells (issue 12): `npm run build:browser` writes
//   build/runner/runner.js         the page script (small: buttons, output areas; loads the rest on the first Run)
//   build/runner/runner-worker.js  loaded on the first Run: the worker's source as one string (TypeScript 5.0.4,
//                                  the lib and dlnotes .d.ts files, the library), started from a Blob URL
//                                  (file:// pages may neither fetch() nor start a Worker from a file URL)
// export/runner/install.mjs copies both into site/assets/runner/. Needs dist/*.d.ts (`npm run build` first).
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "package.json"));
const runnerDir = join(root, "export", "runner");
const outDir = join(root, "build", "runner");

function fail(message) {
  console.error(`build:browser: ${message}`);
  process.exit(1);
}

/** lib.es2022.d.ts and every lib file it references, keyed /lib/<name>. */
function libFiles() {
  const libDir = dirname(require.resolve("typescript/lib/lib.es2022.d.ts"));
  const files = {};
  const visit = (name) => {
    const key = `/lib/lib.${name}.d.ts`;
    if (key in files) return;
    files[key] = readFileSync(join(libDir, `lib.${name}.d.ts`), "utf8");
    for (const m of files[key].matchAll(/\/\/\/\s*<reference lib="([^"]+)"/g)) visit(m[1].toLowerCase());
  };
  visit("es2022");
  return files;
}

/** dist/**\/*.d.ts as /node_modules/dlnotes/** (so "dlnotes" and "dlnotes/exercises" resolve the Node10 way). */
function libraryDeclarations() {
  const dist = join(root, "dist");
  if (!existsSync(join(dist, "index.d.ts"))) fail("dist/index.d.ts is missing: run `npm run build` first");
  const files = {};
  const walk = (dir) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (f.endsWith(".d.ts")) files[`/node_modules/dlnotes/${relative(dist, p).split("\\").join("/")}`] = readFileSync(p, "utf8");
    }
  };
  walk(dist);
  files["/node_modules/@types/ndarray/index.d.ts"] = readFileSync(require.resolve("@types/ndarray/index.d.ts"), "utf8");
  files["/globals.d.ts"] = readFileSync(join(runnerDir, "cell-globals.d.ts"), "utf8");
  return files;
}

/** The checker's file system as a module (`import typeFiles from "virtual:type-files"`). */
function typeFilesPlugin(files) {
  return {
    name: "type-files",
    setup(b) {
      b.onResolve({ filter: /^virtual:type-files$/ }, () => ({ path: "type-files", namespace: "virtual" }));
      b.onLoad({ filter: /.*/, namespace: "virtual" }, () => ({ contents: `export default ${JSON.stringify(files)};`, loader: "js" }));
    },
  };
}

/**
 * kernels.wat assembled with an unshared memory: a page on file:// (or any host without cross-origin isolation)
 * has no SharedArrayBuffer, so the kernels run on the worker's one thread with an ordinary memory.
 */
async function singleThreadKernels() {
  const wat = readFileSync(join(root, "src", "kernels", "kernels.wat"), "utf8");
  const shared = /\(memory (\d+) (\d+) shared\)/g;
  if ((wat.match(shared) ?? []).length !== 1) fail("src/kernels/kernels.wat: expected one `(memory N M shared)` import");
  const wabt = await require("wabt")();
  const features = { simd: true, threads: true };
  const module = wabt.parseWat("kernels.wat", wat.replace(shared, "(memory $1 $2)"), features);
  try {
    module.resolveNames();
    module.validate(features);
    return Buffer.from(module.toBinary({ canonicalize_lebs: true, write_debug_names: false }).buffer);
  } finally {
    module.destroy();
  }
}

// TEMPORARY, until the platform seam of issue 11 (src/platform/{types,node,index}.ts) lands: today's src imports
// Node built-ins in plot/display.ts, plot/png.ts, kernels/runtime.ts and graph/draw.ts (require("tslab")).
// This plugin gives the bundle browser stand-ins for them (export/runner/src/node-shims/). When the seam lands,
// replace it by an alias of src/platform/node (R's folder) to src/platform/browser.ts (whose `platform` has the
// seam's shape), drop the source patches below once kernels/runtime.ts takes "shared memory or not" from the
// platform, and delete node-shims/ except the "empty" entries (TypeScript's compiler requires those modules only
// when it runs under Node).
function nodeShimsPlugin(wasm) {
  const shims = join(runnerDir, "src", "node-shims");
  const map = {
    fs: "fs.ts", path: "path.ts", crypto: "crypto.ts", zlib: "zlib.ts", worker_threads: "worker_threads.ts", tslab: "tslab.ts",
    os: "empty.ts", perf_hooks: "empty.ts", inspector: "empty.ts", "source-map-support": "empty.ts", buffer: "empty.ts",
  };
  return {
    name: "node-shims",
    setup(b) {
      b.onResolve({ filter: /^(node:)?(fs|path|crypto|zlib|worker_threads|tslab|os|perf_hooks|inspector|source-map-support|buffer)$/ }, (args) => ({
        path: join(shims, map[args.path.replace(/^node:/, "")]),
      }));
      // fs.readFileSync(WASM_PATH) in kernels/runtime.ts gets these bytes (node-shims/fs.ts)
      b.onResolve({ filter: /^virtual:kernels-wasm$/ }, () => ({ path: "kernels-wasm", namespace: "wasm" }));
      b.onLoad({ filter: /.*/, namespace: "wasm" }, () => ({ contents: wasm, loader: "binary" }));
      // kernels/runtime.ts asks for shared memory and gives up without SharedArrayBuffer; in the browser it gets
      // an unshared memory (its helper thread never starts: node-shims/worker_threads.ts). Growing an unshared
      // memory detaches every view of it, so the control block's views are made again after growing and no
      // array may LIVE there (kernels/memory.ts then gives ordinary arrays): the kernels copy their operands
      // in per call, as they do for any ordinary array.
      const patches = {
        "runtime.ts": [
          ["shared: true", "shared: false"],
          ['typeof SharedArrayBuffer === "undefined" || !fs.existsSync(WASM_PATH)', "!fs.existsSync(WASM_PATH)"],
          // the control block's views die with the old buffer: make new ones after growing
          [
            "    this.memory.grow(pages);\n",
            "    this.memory.grow(pages);\n    (this as any).ctrl = new Int32Array(this.memory.buffer, 0, 64);\n    (this as any).args = new Float64Array(this.memory.buffer, ARGS_BYTE, MAX_ARGS);\n",
          ],
        ],
        "memory.ts": [["if (!rt || !blockCleanup) return null;", "if (!rt || !blockCleanup || rt) return null;"]],
      };
      b.onLoad({ filter: /[\\/]src[\\/]kernels[\\/](runtime|memory)\.ts$/ }, (args) => {
        let text = readFileSync(args.path, "utf8");
        for (const [from, to] of patches[args.path.replace(/^.*[\\/]/, "")]) {
          if (!text.includes(from)) fail(`${relative(root, args.path)} no longer contains \`${from}\`: update nodeShimsPlugin (or use the platform seam)`);
          text = text.replace(from, to);
        }
        return { contents: text, loader: "ts" };
      });
    },
  };
}

async function bundle(entry, options) {
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
  return result.outputFiles[0].text;
}

async function main() {
  const started = Date.now();
  // The runner's own sources are type-checked here (esbuild only strips types).
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", join(runnerDir, "tsconfig.json")], { stdio: "inherit" });
  mkdirSync(outDir, { recursive: true });
  const files = { ...libFiles(), ...libraryDeclarations() };
  const worker = await bundle(join(runnerDir, "src", "worker", "main.ts"), {
    plugins: [typeFilesPlugin(files), nodeShimsPlugin(await singleThreadKernels())],
    inject: [join(runnerDir, "src", "node-shims", "buffer.ts")],
    define: { __dirname: JSON.stringify("/dlnotes/dist/kernels") },
  });
  const page = await bundle(join(runnerDir, "src", "page", "main.ts"), {});
  writeFileSync(join(outDir, "runner-worker.js"), `window.__dlnotesRunnerWorkerSource=${JSON.stringify(worker)};\n`);
  writeFileSync(join(outDir, "runner.js"), page);
  const size = (f) => `${(statSync(join(outDir, f)).size / 1e6).toFixed(2)} MB`;
  console.log(`build:browser: build/runner/runner.js ${size("runner.js")} (in every page), runner-worker.js ${size("runner-worker.js")} (loaded on the first Run) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error) => fail(error.stack ?? String(error)));
