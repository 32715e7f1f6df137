// The lessons point at each other correctly: every link to a lesson (and its #anchor) or to index.md reaches
// a file and a heading that exist, every "notebook NN" names an existing lesson, every "Next: **NN · Title**"
// quotes that lesson's own title (or its start), each lesson's title carries its file's number, and the self-checks a lesson
// imports live in the exercise module of the same number. No kernel: this reads the committed notebooks.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import test from "node:test";
import { notebooksDir, projectDir } from "./fixtures/jupyter";

interface Cell {
  cell_type: string;
  source: string | string[];
}

const text = (cell: Cell) => (Array.isArray(cell.source) ? cell.source.join("") : cell.source);
const lessons = readdirSync(notebooksDir)
  .filter((name) => /^\d\d-.*\.ipynb$/.test(name))
  .sort();
const cellsOf = (name: string): Cell[] => JSON.parse(readFileSync(path.join(notebooksDir, name), "utf8")).cells;
const markdownOf = (name: string) =>
  cellsOf(name)
    .filter((c) => c.cell_type === "markdown")
    .map(text);
const indexMd = readFileSync(path.join(notebooksDir, "index.md"), "utf8");

/** The anchors a lesson's headings get in JupyterLab and nbconvert: the heading text with spaces as "-". */
function headingAnchors(markdown: string[]): Set<string> {
  const anchors = new Set<string>();
  for (const source of markdown) {
    for (const match of source.matchAll(/^#{1,6} (.+)$/gm)) anchors.add(match[1].trim().replace(/ /g, "-"));
  }
  return anchors;
}

/** The anchors of index.md: explicit `<a id>` targets (the exported page and JupyterLab both honour them). */
const indexAnchors = new Set([...indexMd.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]));

test("the lessons are numbered 01, 02, ... without gaps, and each title starts with its file's number", () => {
  assert.deepEqual(
    lessons.map((name) => name.slice(0, 2)),
    lessons.map((_, i) => String(i + 1).padStart(2, "0")),
  );
  for (const name of lessons) {
    const title = markdownOf(name)[0].split("\n")[0];
    assert.match(
      title,
      new RegExp(`^# ${name.slice(0, 2)} · `),
      `${name}: its title "${title}" must start with "# ${name.slice(0, 2)} · "`,
    );
  }
});

test("every link in a lesson reaches an existing lesson or index.md, and its #anchor an existing heading", () => {
  const broken: string[] = [];
  for (const name of lessons) {
    for (const source of markdownOf(name)) {
      for (const [, target] of source.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target)) continue; // a web address: not ours to check
        const [file, anchor] = target.split("#");
        if (file === "index.md") {
          if (anchor !== undefined && !indexAnchors.has(anchor))
            broken.push(`${name}: ${target} (no <a id="${anchor}"> in index.md)`);
          continue;
        }
        if (!lessons.includes(file)) {
          broken.push(`${name}: ${target} (no lesson ${file})`);
          continue;
        }
        if (anchor !== undefined && !headingAnchors(markdownOf(file)).has(decodeURIComponent(anchor))) {
          broken.push(`${name}: ${target} (no such heading in ${file})`);
        }
      }
    }
  }
  assert.deepEqual(broken, []);
});

test('"notebook NN" and "Next: **NN · Title**" name existing lessons by their own titles', () => {
  const titles = new Map(
    lessons.map((name) => [name.slice(0, 2), markdownOf(name)[0].split("\n")[0].replace(/^# /, "")]),
  );
  const wrong: string[] = [];
  for (const name of lessons) {
    for (const source of markdownOf(name)) {
      for (const [mention, number] of source.matchAll(/notebooks? (\d\d)\b/g)) {
        if (!titles.has(number)) wrong.push(`${name}: "${mention}" (there is no lesson ${number})`);
      }
      for (const [, quoted] of source.matchAll(/Next: \*\*(\d\d · [^*]+)\*\*/g)) {
        const own = titles.get(quoted.slice(0, 2));
        if (!own?.startsWith(quoted)) wrong.push(`${name}: "Next: ${quoted}", but that lesson's title is "${own}"`);
      }
    }
  }
  assert.deepEqual(wrong, []);
});

test("every exercise section links to the page that says how to get the student edition", () => {
  for (const name of lessons) {
    const exercises = markdownOf(name).find((source) => /^## Exercises$/m.test(source));
    if (!exercises) continue;
    assert.match(
      exercises,
      /\(index\.md#the-exercises-and-the-student-edition\)/,
      `${name}: the exercise section must link to index.md`,
    );
    assert.doesNotMatch(exercises, /see the README|npm run student\)/, `${name}: a notes reader has no README at hand`);
  }
  assert.match(indexMd, /npm run student/, "index.md says how to get the student edition");
});

test("each lesson imports its self-checks from the exercise module of the same number", () => {
  for (const name of lessons) {
    const code = cellsOf(name)
      .filter((c) => c.cell_type === "code")
      .map(text)
      .join("\n");
    const imported = code.match(/import \{([^}]*)\} from "dlnotes\/exercises";/)?.[1] ?? "";
    const checks = [...imported.matchAll(/\bcheck[A-Z]\w*/g)].map((m) => m[0]);
    if (checks.length === 0) continue;
    const module = path.join(projectDir, "src", "exercises", `lesson${name.slice(0, 2)}.ts`);
    assert.ok(existsSync(module), `${name} has exercises, so src/exercises/lesson${name.slice(0, 2)}.ts must exist`);
    const source = readFileSync(module, "utf8");
    for (const check of checks) {
      assert.match(
        source,
        new RegExp(`export function ${check}\\(`),
        `${check}, used by ${name}, belongs in lesson${name.slice(0, 2)}.ts`,
      );
    }
  }
});
