/**
 * The library's browser platform (src/platform/browser.ts), as the course notes' runner uses it: the library bundled
 * by esbuild with `./node` resolved to `./browser` (as scripts/build-browser.ts does), run here with a display
 * sink that records what the runner's worker would post. A live curve must arrive as one output (one display id):
 * a first display, then updates (`update: true`) with a picture of the growing curve (`image/svg+xml`, which the
 * runner draws as an <img>), and last an update with the complete Plotly figure.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { build } from "esbuild";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { projectDir } from "./fixtures/jupyter";

const root = projectDir;
const platformDir = path.join(root, "src", "platform");
const outDir = path.join(root, "build", "platform-browser-test");

interface Display {
  bundle: { [mime: string]: unknown };
  options: { displayId?: string; update?: boolean };
}

test("browser platform: a live curve is one output updated in place, pictures while it grows, the Plotly figure at the end", async () => {
  mkdirSync(outDir, { recursive: true });
  const entry = path.join(outDir, "entry.ts");
  writeFileSync(
    entry,
    [
      `import { setDisplaySink } from ${JSON.stringify(path.join(platformDir, "browser.ts"))};`,
      `import { liveCostCurve, show, costCurve } from ${JSON.stringify(path.join(root, "src", "plot", "index.ts"))};`,
      `import { platform } from ${JSON.stringify(path.join(platformDir, "index.ts"))};`,
      "export function run() {",
      "  const shown: unknown[] = [];",
      "  setDisplaySink((bundle, options) => shown.push({ bundle, options }));",
      "  const live = liveCostCurve({ learningRate: 0.5, minIntervalMs: 0 });",
      "  for (let i = 0; i < 4; i++) live.add(i * 10, 1 / (i + 1));",
      "  live.finish();",
      "  show(costCurve([0.7, 0.6]));",
      "  setDisplaySink(undefined);",
      "  return { shown, platform: platform.name };",
      "}",
    ].join("\n"),
  );
  const outfile = path.join(outDir, "bundle.mjs");
  await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "browser",
    outfile,
    logLevel: "silent",
    plugins: [
      {
        name: "browser-platform",
        setup(b) {
          b.onResolve({ filter: /^\.\/node$/ }, (args) =>
            path.dirname(args.importer) === platformDir ? { path: path.join(platformDir, "browser.ts") } : undefined,
          );
          // the kernels' wasm is not needed for plots
          b.onResolve({ filter: /^virtual:kernels-wasm$/ }, () => ({ path: "kernels-wasm", namespace: "empty" }));
          b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({
            contents: "export default new Uint8Array(0);",
            loader: "js",
          }));
        },
      },
    ],
  });
  const { run } = (await import(pathToFileURL(outfile).href)) as { run: () => { shown: Display[]; platform: string } };
  const { shown, platform } = run();
  assert.equal(platform, "browser");

  const live = shown.slice(0, -1);
  assert.equal(live.length, 6, "a first display, one update per add(), the final update");
  const ids = new Set(live.map((d) => d.options.displayId));
  assert.equal(ids.size, 1, "one display id for the whole live curve");
  assert.match(String([...ids][0]), /^[0-9a-f]{16}$/);
  assert.deepEqual(
    live.map((d) => d.options.update),
    [false, true, true, true, true, true],
  );
  const pictures = live.slice(0, -1).map((d) => {
    assert.deepEqual(Object.keys(d.bundle).sort(), ["image/svg+xml", "text/html", "text/plain"]);
    const svg = String(d.bundle["image/svg+xml"]);
    return (/<polyline data-trace="cost" points="([^"]*)"/.exec(svg)?.[1] ?? "").split(" ").filter(Boolean).length;
  });
  assert.deepEqual(pictures, [0, 1, 2, 3, 4], "the picture grows with every add()");
  const final = live[live.length - 1].bundle["application/vnd.plotly.v1+json"] as {
    data: { x: number[] }[];
    layout: { title: { text: string } };
  };
  assert.deepEqual(final.data[0].x, [0, 10, 20, 30]);
  assert.equal(final.layout.title.text, "Cost (learning rate = 0.5)");
  // show(): a new output without an id
  assert.deepEqual(shown[shown.length - 1].options, { displayId: undefined, update: false });
  assert.ok("application/vnd.plotly.v1+json" in shown[shown.length - 1].bundle);
});
