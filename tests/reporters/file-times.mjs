// A node:test reporter that writes build/test-times.txt at the end of a run: how long each test file took, from the
// moment the runner started the file to its last reported event (so a file's before() hooks count), slowest first,
// with the run's wall time, so the suite's time budget can be watched file by file. It prints nothing: the spec
// reporter's closing summary stays the last thing on stdout. The files run two at a time, so the sum exceeds the run.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Transform } from "node:stream";

const started = Date.now();
const files = new Map();

function record(event) {
  const { file, name } = event.data ?? {};
  if (!file) return;
  const now = Date.now();
  const entry = files.get(file) ?? { start: now, end: now, failed: 0 };
  if (event.type === "test:dequeue" && name === file) entry.start = now;
  entry.end = now;
  if (event.type === "test:fail" && event.data.nesting === 0) entry.failed += 1;
  files.set(file, entry);
}

function writeTable() {
  const rows = [...files.entries()].sort((a, b) => b[1].end - b[1].start - (a[1].end - a[1].start));
  const lines = [`test files by wall time, whole run ${((Date.now() - started) / 1000).toFixed(0)} s`];
  for (const [file, e] of rows) {
    const rel = file.startsWith(process.cwd()) ? file.slice(process.cwd().length + 1) : file;
    const failed = e.failed ? `  (${e.failed} failed)` : "";
    lines.push(`${((e.end - e.start) / 1000).toFixed(1).padStart(8)} s  ${rel}${failed}`);
  }
  mkdirSync(join(process.cwd(), "build"), { recursive: true });
  writeFileSync(join(process.cwd(), "build", "test-times.txt"), lines.join("\n") + "\n");
}

export default new Transform({
  writableObjectMode: true,
  transform(event, _encoding, done) {
    record(event);
    done();
  },
  flush(done) {
    writeTable();
    done();
  },
});
