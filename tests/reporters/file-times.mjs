// A node:test reporter that writes build/test-times.txt at the end of a run: how long each test file took, from the
// moment the runner started the file to its last reported event (so a file's before() hooks count), slowest first,
// with the run's wall time, so the suite's time budget can be watched file by file. It prints nothing: the spec
// reporter's closing summary stays the last thing on stdout. The files run two at a time, so the sum exceeds the run.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export default async function* fileTimes(source) {
  const files = new Map();
  const started = Date.now();
  for await (const event of source) {
    const { file, name } = event.data ?? {};
    if (!file) continue;
    const entry = files.get(file) ?? { start: Date.now(), end: Date.now(), failed: 0 };
    if (event.type === "test:dequeue" && name === file) entry.start = Date.now();
    entry.end = Date.now();
    if (event.type === "test:fail" && event.data.nesting === 0) entry.failed += 1;
    files.set(file, entry);
  }
  const rows = [...files.entries()].sort((a, b) => b[1].end - b[1].start - (a[1].end - a[1].start));
  const lines = [`test files by wall time, whole run ${((Date.now() - started) / 1000).toFixed(0)} s`];
  for (const [file, e] of rows) {
    const rel = file.startsWith(process.cwd()) ? file.slice(process.cwd().length + 1) : file;
    lines.push(
      `${((e.end - e.start) / 1000).toFixed(1).padStart(8)} s  ${rel}${e.failed ? `  (${e.failed} failed)` : ""}`,
    );
  }
  mkdirSync(join(process.cwd(), "build"), { recursive: true });
  writeFileSync(join(process.cwd(), "build", "test-times.txt"), lines.join("\n") + "\n");
}
