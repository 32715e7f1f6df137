/**
 * `npm run bench`: runs every bench/*.bench.ts in its own process (so peak memory is per benchmark),
 * shows their progress lines, and ends with one JSON line per benchmark.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const dir = __dirname;
const benches = fs.readdirSync(dir).filter((f) => f.endsWith(".bench.ts")).sort();
const results: string[] = [];
let failed = 0;
for (const file of benches) {
  console.log(`bench: ${file}`);
  const run = spawnSync(process.execPath, ["--import", "tsx", path.join(dir, file)], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 24 });
  for (const line of run.stdout.split("\n")) {
    if (/^\{"benchmark"/.test(line)) results.push(line);
    else if (line.trim()) console.log(line);
  }
  if (run.status !== 0) {
    failed++;
    console.log(`bench: ${file} failed (exit ${run.status})`);
  }
}
for (const line of results) console.log(line);
if (failed) process.exit(1);
