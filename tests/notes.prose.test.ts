// The prose says what the run prints. Every lesson is executed once through the real tslab kernel and shared by
// the tests (tests/fixtures/executed-lessons.ts), then, per lesson:
// - every decimal number in the prose (before the questions and exercises, outside code) is printed by the run
//   at the precision the prose gives, or is an input the code itself writes, or is listed below with the reason
//   it is exact;
// - every self-check prints one "✔ pass" line without decimal numbers (the answer is not given away);
// - no printed line is longer than a notebook's width, so nothing is broken mid-word.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import test from "node:test";
import { executedLessons } from "./fixtures/executed-lessons";
import { notebooksDir } from "./fixtures/jupyter";

interface Output {
  output_type: string;
  text?: string | string[];
  data?: Record<string, unknown>;
}
interface Cell {
  cell_type: string;
  source: string | string[];
  metadata: { tags?: string[] };
  outputs?: Output[];
}

/** Longest printed line: wider lines wrap in JupyterLab and on the notes' pages, mid-word. */
const MAX_PRINTED_LINE = 100;

/**
 * Numbers the prose may state without the run printing them, each exact by its own argument (kept short on
 * purpose: a number that is a result of the run must come from the run).
 */
const EXACT: Record<string, Record<string, string>> = {
  "01": {},
  "02": {
    "0.5": "σ(0) = 1/2",
    "0.25": "the largest slope of the sigmoid, σ'(0) = 1/4",
    "0.19661193": "the course's printed sigmoid'(1), also printed by the library in this lesson",
  },
  "03": { "0.27": "1 − 0.73, the probability of the true label worked out from the table" },
  "04": { "0.693": "log 2, printed as 0.693147" },
  "05": {
    "33.003000000000004": "J(5.001, 3, 2) in floating point, shown to explain the rounding",
    "0.006": "33.006 − 33: the table prints J after the nudge of b",
    "0.009": "33.009 − 33: the table prints J after the nudge of c",
  },
  "06": {},
  "07": { "0.693147": "log 2, printed by the run as the first cost" },
  "08": {},
  "09": { "0.5": "σ(0)", "0.005": "the course's learning rate, an input (lesson 07 trains with it)" },
};

const text = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join("") : (v ?? ""));

/** What a reader sees printed: streams, and plain-text results (not the text fallback of a figure or image). */
function printedText(cell: Cell): string {
  return (cell.outputs ?? [])
    .map((o) => {
      if (o.output_type === "stream") return text(o.text);
      const data = o.data ?? {};
      return Object.keys(data).length === 1 ? text(data["text/plain"] as string | string[] | undefined) : "";
    })
    .join("\n");
}

/** Decimal numbers as written, e.g. "0.62", "-2.1", "1e-7" is not one. */
const decimals = (s: string) => [...s.matchAll(/(?<![\w.])-?\d+\.\d+(?![\d.]*\w)/g)].map((m) => m[0]);

/** True when `written` (with its number of decimals) is `value` rounded, or `value` is written exactly so. */
function matches(written: string, value: number): boolean {
  const places = written.split(".")[1].length;
  return Math.abs(Number(written) - value) <= 0.5 * 10 ** -places + 1e-12;
}

/** Prose of a markdown cell without code (inline or fenced): numbers there are code, not claims. */
const proseOf = (source: string) => source.replace(/```[^]*?```/g, "").replace(/`[^`\n]*`/g, "");

/**
 * The lesson's prose up to its questions: the questions, their hand-worked answers and the exercises choose
 * their own numbers (inputs of a task), and answers do their arithmetic by hand, not by the run.
 */
function lessonProse(cells: Cell[]): string[] {
  const prose: string[] = [];
  for (const cell of cells.filter((c) => c.cell_type === "markdown")) {
    const [before, questions] = text(cell.source).split(/^## Questions to think about$/m);
    prose.push(proseOf(before));
    if (questions !== undefined) break;
  }
  return prose;
}

const lessons = readdirSync(notebooksDir)
  .filter((name) => /^\d\d-.*\.ipynb$/.test(name))
  .sort();
let executedDir = "";

test("every lesson is executed in the kernel (once, shared by the tests)", { timeout: 1_800_000 }, async (t) => {
  const run = await executedLessons();
  for (const name of lessons) assert.ok(run.notebooks.includes(path.join(run.dir, name)), `${name} was executed`);
  executedDir = run.dir;
  t.diagnostic(`using the executed lessons in ${path.relative(process.cwd(), run.dir)}`);
});

for (const name of lessons) {
  const number = name.slice(0, 2);
  const executed = (): Cell[] => JSON.parse(readFileSync(path.join(executedDir, name), "utf8")).cells;

  test(`${name}: every decimal number in the prose is printed by the run (or an input, or exact)`, () => {
    const cells = executed();
    const printed = cells.flatMap((c) => decimals(printedText(c)).map(Number));
    const written = cells.filter((c) => c.cell_type === "code").flatMap((c) => decimals(text(c.source)));
    const unbacked: string[] = [];
    for (const prose of lessonProse(cells)) {
      for (const value of decimals(prose)) {
        if (EXACT[number]?.[value] || written.includes(value) || printed.some((p) => matches(value, p))) continue;
        unbacked.push(value);
      }
    }
    assert.deepEqual(unbacked, [], `${name}: prose numbers the run does not print (fix the prose, or print them)`);
  });

  test(`${name}: self-checks pass without showing the answer, and no printed line is too wide`, () => {
    const cells = executed();
    cells.forEach((cell, i) => {
      if (cell.cell_type !== "code") return;
      const out = printedText(cell);
      for (const line of out.split("\n")) {
        assert.ok(
          [...line].length <= MAX_PRINTED_LINE,
          `${name}, cell ${i}: a printed line of ${[...line].length} characters:\n${line}`,
        );
      }
      if (!cells[i - 1]?.metadata.tags?.includes("solution")) return;
      const lines = text(cell.outputs?.find((o) => o.output_type === "stream")?.text)
        .trim()
        .split("\n");
      assert.match(lines[0], /^✔ pass — /, `${name}, cell ${i}: the check of the answer above must pass`);
      assert.doesNotMatch(lines[0], /\d\.\d/, `${name}, cell ${i}: a pass line shows no decimal number: ${lines[0]}`);
    });
  });
}
