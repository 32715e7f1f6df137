// A node:test reporter that writes build/test-times.txt at the end of a run: the run's wall time and, per test file,
// the time of its top-level tests added up (slowest first), so the suite's time budget can be watched file by file.
// File-level before()/after() hooks are not in it (node reports no duration for them), and a test that waits for
// shared work (the executed lessons) counts the wait. The runner reports a file's events only when its turn comes
// in the output, so their arrival times say nothing about when the file ran: the durations do. It prints nothing:
// the spec reporter's closing summary stays the last thing on stdout.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Transform } from "node:stream";

const started = Date.now();
const files = new Map();

function record(event) {
  if (event.type !== "test:pass" && event.type !== "test:fail") return;
  const { file, nesting, details } = event.data;
  if (!file || nesting !== 0) return;
  const entry = files.get(file) ?? { ms: 0, tests: 0, failed: 0 };
  entry.ms += details?.duration_ms ?? 0;
  entry.tests += 1;
  if (event.type === "test:fail") entry.failed += 1;
  files.set(file, entry);
}

function writeTable() {
  const rows = [...files.entries()].sort((a, b) => b[1].ms - a[1].ms);
  const lines = [`whole run ${((Date.now() - started) / 1000).toFixed(0)} s; per file, its top-level tests added up:`];
  for (const [file, e] of rows) {
    const rel = file.startsWith(process.cwd()) ? file.slice(process.cwd().length + 1) : file;
    const failed = e.failed ? `  (${e.failed} failed)` : "";
    lines.push(`${(e.ms / 1000).toFixed(1).padStart(8)} s  ${String(e.tests).padStart(3)} tests  ${rel}${failed}`);
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
