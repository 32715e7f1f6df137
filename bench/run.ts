/**
 * `npm run bench`: runs every bench/*.bench.ts in its own process (so peak memory is per benchmark), shows
 * their progress lines, and ends with one JSON line per result.
 *
 * Each kernel benchmark runs three times:
 * - `quiet`: as it is (the machine should be otherwise idle; the lines report the load average so a busy
 *   machine shows);
 * - `one-core-busy`: while a child process burns one core (a stand-in for a browser, a second kernel or CI),
 *   with the default threads, and again with `DLNOTES_THREADS=1`: the default must not be slower than one
 *   thread, and both are compared with numpy measured under the same load in the same process.
 * The notebook benchmark (Run All of every lesson in a real tslab kernel) runs quiet only: it takes minutes.
 *
 * `npm run bench -- --only logreg` runs the benchmarks whose file name contains "logreg";
 * `--quiet-only` skips the busy runs.
 */
import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";

const { values: options } = parseArgs({
  options: { only: { type: "string" }, "quiet-only": { type: "boolean" } },
  strict: true,
});
const dir = __dirname;
const benches = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts") && (!options.only || f.includes(options.only)))
  .sort();

type Condition = { load: "quiet" | "one-core-busy"; env: Record<string, string> };
const QUIET: Condition = { load: "quiet", env: {} };
const BUSY: Condition[] = [
  { load: "one-core-busy", env: {} },
  { load: "one-core-busy", env: { DLNOTES_THREADS: "1" } },
];

/** A child process that keeps one core busy until killed (plain JavaScript: no I/O, no memory). */
function startBurner(): ChildProcess {
  return spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" });
}

const results: string[] = [];
let failed = 0;
for (const file of benches) {
  const conditions = file.startsWith("notebooks") || options["quiet-only"] ? [QUIET] : [QUIET, ...BUSY];
  for (const condition of conditions) {
    const threads = condition.env.DLNOTES_THREADS ? ` DLNOTES_THREADS=${condition.env.DLNOTES_THREADS}` : "";
    console.log(`bench: ${file} (${condition.load}${threads})`);
    const burner = condition.load === "one-core-busy" ? startBurner() : null;
    try {
      const run = spawnSync(process.execPath, ["--import", "tsx", path.join(dir, file)], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
        maxBuffer: 1 << 24,
        env: { ...process.env, ...condition.env, DLNOTES_BENCH_LOAD: condition.load },
      });
      for (const line of run.stdout.split("\n")) {
        if (/^\{"benchmark"/.test(line)) results.push(line);
        else if (line.trim()) console.log(line);
      }
      if (run.status !== 0) {
        failed++;
        console.log(`bench: ${file} failed (exit ${run.status})`);
      }
    } finally {
      burner?.kill();
    }
  }
}
for (const line of results) console.log(line);
if (failed) process.exit(1);
