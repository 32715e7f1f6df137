// The layering of src/: every import points down the layer list below, no folder imports another that
// (directly or through others) imports it back, and only src/platform talks to Node built-ins or tslab.
// Imports are read with TypeScript's own pre-processor (import/export ... from, import(), require()).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { builtinModules } from "node:module";
import ts from "typescript";

const SRC = path.resolve(__dirname, "..", "src");

/** Bottom to top; a folder may import only from folders in earlier entries (README, "Project layout"). */
const LAYERS: readonly (readonly string[])[] = [
  ["core"],
  ["platform"],
  ["ndarray"],
  ["kernels"],
  ["learn"],
  ["graph", "plot", "data"],
  ["exercises"],
  ["index.ts"],
];

/** Where Node built-ins and tslab may be imported. */
const HOST_FOLDER = "platform";

type Edge = { from: string; to: string; file: string; specifier: string };

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.ts$/.test(e.name) && !/\.d\.ts$/.test(e.name) ? [full] : [];
  });
}

/** The top-level folder of a file in src/ ("index.ts" for the entry itself). */
function folderOf(file: string): string {
  return path.relative(SRC, file).split(path.sep)[0];
}

/** Every module specifier a file imports, exports from, import()s or require()s. */
function specifiers(file: string): string[] {
  const info = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
  return info.importedFiles.map((f) => f.fileName);
}

const files = sourceFiles(SRC);
const edges: Edge[] = [];
const hostImports: { file: string; specifier: string }[] = [];
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
for (const file of files) {
  for (const specifier of specifiers(file)) {
    if (specifier.startsWith(".")) {
      const target = path.resolve(path.dirname(file), specifier);
      const to = path.relative(SRC, target).startsWith("..")
        ? "(outside src)"
        : folderOf(target === SRC ? path.join(SRC, "index.ts") : target);
      const from = folderOf(file);
      if (from !== to) edges.push({ from, to, file: path.relative(SRC, file), specifier });
    } else if (
      builtins.has(specifier) ||
      builtins.has(specifier.split("/")[0]) ||
      specifier === "tslab" ||
      specifier.startsWith("tslab/")
    ) {
      hostImports.push({ file: path.relative(SRC, file), specifier });
    }
  }
}

/** The first cycle found in the folder graph, as a list of folders (first = last), or null. */
function findCycle(graph: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "open") return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(node, "done");
    return null;
  };
  for (const node of graph.keys()) {
    if (!state.has(node)) {
      const found = visit(node);
      if (found) return found;
    }
  }
  return null;
}

function folderGraph(list: readonly Edge[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const { from, to } of list) {
    if (!graph.has(from)) graph.set(from, new Set());
    graph.get(from)!.add(to);
  }
  return graph;
}

/** "a -> b -> a" with the file and import behind each step. */
function explain(cycle: string[], list: readonly Edge[]): string {
  const steps = cycle.slice(0, -1).map((from, i) => {
    const e = list.find((x) => x.from === from && x.to === cycle[i + 1])!;
    return `  ${from} -> ${cycle[i + 1]}   (${e.file} imports "${e.specifier}")`;
  });
  return `folder cycle ${cycle.join(" -> ")}\n${steps.join("\n")}`;
}

test("the reader finds the imports (sanity: the known edges are there)", () => {
  assert.ok(files.length > 40, `only ${files.length} files under src/`);
  assert.ok(
    edges.some((e) => e.from === "kernels" && e.to === "ndarray"),
    "kernels imports ndarray",
  );
  assert.ok(
    edges.some((e) => e.from === "index.ts" && e.to === "ndarray"),
    "the entry re-exports ndarray",
  );
  assert.ok(hostImports.length > 0, "the platform imports Node built-ins");
});

test("the folder graph of src/ has no cycle, direct or indirect", () => {
  const cycle = findCycle(folderGraph(edges));
  assert.equal(cycle, null, cycle ? explain(cycle, edges) : "");
});

test("the cycle finder reports direct and indirect cycles with their imports", () => {
  const fake = (from: string, to: string): Edge => ({ from, to, file: `${from}/x.ts`, specifier: `../${to}` });
  const indirect = [fake("a", "b"), fake("b", "c"), fake("c", "a"), fake("c", "d")];
  const cycle = findCycle(folderGraph(indirect));
  assert.deepEqual(cycle, ["a", "b", "c", "a"]);
  assert.match(explain(cycle!, indirect), /c -> a {3}\(c\/x\.ts imports "\.\.\/a"\)/);
  assert.deepEqual(findCycle(folderGraph([fake("a", "b"), fake("b", "a")])), ["a", "b", "a"]);
  assert.equal(findCycle(folderGraph([fake("a", "b"), fake("b", "c"), fake("a", "c")])), null);
});

test("every import points down the layer list", () => {
  const layerOf = new Map<string, number>();
  LAYERS.forEach((names, i) => names.forEach((n) => layerOf.set(n, i)));
  const folders = new Set(files.map(folderOf));
  for (const f of folders)
    assert.ok(layerOf.has(f), `src/${f} is in no layer: add it to LAYERS here and to the README's "Project layout"`);
  const upward = edges
    .filter((e) => !(layerOf.get(e.to)! < layerOf.get(e.from)!))
    .map((e) => `${e.file} imports "${e.specifier}" (${e.from} may not import ${e.to})`);
  assert.deepEqual(upward, []);
});

test("only src/platform imports Node built-ins or tslab", () => {
  const outside = hostImports
    .filter((h) => folderOf(path.join(SRC, h.file)) !== HOST_FOLDER)
    .map((h) => `${h.file} imports "${h.specifier}"`);
  assert.deepEqual(outside, []);
});

test("no source file in src/ is over 400 lines", () => {
  const long = files
    .map((f) => ({ f: path.relative(SRC, f), lines: fs.readFileSync(f, "utf8").split("\n").length }))
    .filter((x) => x.lines > 400)
    .map((x) => `${x.f}: ${x.lines} lines`);
  assert.deepEqual(long, []);
});
