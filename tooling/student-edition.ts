/**
 * The student edition of the course: every function declared in a cell tagged `solution` keeps its signature and
 * TSDoc, and its body becomes `{ // <the TSDoc's task line>  return todo("<name>"); }`, so Run All completes and
 * each self-check prints "not attempted yet". The TypeScript compiler API (the pinned `typescript`) finds the
 * declarations and their comments: code is never edited by regular expressions.
 *
 * The edition is written through an {@link OwnedFolder}: a notebook the student changed since it was written is
 * never overwritten, unrelated files in the output folder are never deleted, and the folder that holds the
 * course's own notebooks is never written into.
 */
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ts from "typescript";
import { CELL_TAGS } from "../src/core/definitions";
import { ToolError } from "./cli";
import {
  cleanNotebook,
  type Notebook,
  type NotebookCell,
  readNotebook,
  serializeNotebook,
  shownPath,
  sourceLines,
  sourceText,
} from "./notebook";
import { OwnedFolder } from "./owned-folder";

/** The tag that marks an exercise's solution cell (cell.metadata.tags). */
export const SOLUTION_TAG = CELL_TAGS.solution;

/** A solution cell that breaks the convention; the message names the notebook, the cell and what to fix. */
export class StudentEditionError extends ToolError {
  constructor(message: string) {
    super(message);
    this.name = "StudentEditionError";
  }
}

/** True when the cell carries the `solution` tag. */
export function isSolutionCell(cell: NotebookCell): boolean {
  return Array.isArray(cell.metadata?.tags) && cell.metadata!.tags!.includes(SOLUTION_TAG);
}

function parse(text: string): ts.SourceFile {
  return ts.createSourceFile("cell.ts", text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

function lineOf(file: ts.SourceFile, node: ts.Node): number {
  return file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
}

/**
 * The task line of a function: the first sentence of its TSDoc comment (the last `/** ... *\/` above it), on one
 * line. Undefined when there is no TSDoc or it has no text before its tags.
 */
export function taskLine(fn: ts.FunctionDeclaration): string | undefined {
  // getJSDocCommentsAndTags is exported at run time but left out of typescript.d.ts; it is what attaches a TSDoc
  // comment to its declaration exactly as the language service does for hover text
  const internal = ts as unknown as { getJSDocCommentsAndTags(node: ts.Node): readonly ts.Node[] };
  const docs = internal.getJSDocCommentsAndTags(fn).filter((node): node is ts.JSDoc => ts.isJSDoc(node));
  const doc = docs[docs.length - 1];
  const text = doc ? ts.getTextOfJSDocComment(doc.comment) : undefined;
  if (!text || !text.trim()) return undefined;
  const paragraph = text
    .trim()
    .split(/\n\s*\n/)[0]
    .replace(/\s+/g, " ");
  // first sentence: up to a full stop (or ? !) before a capital letter or the end; "e.g. 3", "0.5" go on
  const end = paragraph.search(/[.?!](\s+[A-Z]|$)/);
  return end < 0 ? paragraph : paragraph.slice(0, end + 1);
}

/**
 * The stubbed source of one solution cell, and the names of the functions it stubbed.
 * @param text the cell's source.
 * @param where "notebooks/01-x.ipynb, cell 22 (id ab12cd34)": prefixes every error message.
 * @throws StudentEditionError for a statement that is not a function declaration, a function without a body,
 *   explicit parameter types, an explicit return type or a TSDoc task line, or a cell that declares nothing.
 */
export function stubSolutionSource(text: string, where: string): { source: string; functions: string[] } {
  const file = parse(text);
  const diagnostics = (file as unknown as { parseDiagnostics: ts.DiagnosticWithLocation[] }).parseDiagnostics;
  if (diagnostics.length) {
    const d = diagnostics[0];
    throw new StudentEditionError(
      `${where}: does not parse (line ${file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")})`,
    );
  }
  const edits: { start: number; end: number; stub: string }[] = [];
  const names: string[] = [];
  for (const statement of file.statements) {
    const line = lineOf(file, statement);
    if (!ts.isFunctionDeclaration(statement)) {
      const shown = statement.getText(file).split("\n")[0].slice(0, 60);
      throw new StudentEditionError(
        `${where}: line ${line} is not a function declaration (\`${shown}\`): a solution cell holds only \`function name(...): Type { ... }\` declarations, each with a TSDoc comment; move other code to the next cell`,
      );
    }
    const name = statement.name?.text;
    if (!name) throw new StudentEditionError(`${where}: line ${line}: a solution function needs a name`);
    if (!statement.body) {
      throw new StudentEditionError(
        `${where}: function ${name} (line ${line}) has no body (an overload signature); write one declaration with a body`,
      );
    }
    const untyped = statement.parameters.filter((p) => !p.type).map((p) => p.name.getText(file));
    if (untyped.length) {
      throw new StudentEditionError(
        `${where}: function ${name} (line ${line}): give parameter ${untyped.join(", ")} an explicit type, so the student's stub keeps the signature`,
      );
    }
    if (!statement.type) {
      throw new StudentEditionError(
        `${where}: function ${name} (line ${line}) needs an explicit return type: the stub's \`return todo(...)\` returns never, so the type must come from the signature`,
      );
    }
    const task = taskLine(statement);
    if (!task) {
      throw new StudentEditionError(
        `${where}: function ${name} (line ${line}) has no TSDoc task line: put /** <what the student writes>. */ right above it`,
      );
    }
    const indent = /^[ \t]*/.exec(text.slice(text.lastIndexOf("\n", statement.getStart(file)) + 1))![0];
    const stub = `{\n${indent}  // ${task}\n${indent}  return todo(${JSON.stringify(name)});\n${indent}}`;
    edits.push({ start: statement.body.getStart(file), end: statement.body.end, stub });
    names.push(name);
  }
  if (!names.length) throw new StudentEditionError(`${where}: a cell tagged "${SOLUTION_TAG}" declares no function`);
  let out = text;
  for (const { start, end, stub } of edits.reverse()) out = out.slice(0, start) + stub + out.slice(end);
  return { source: out, functions: names };
}

/** True when some code cell imports `todo` by name (from "dlnotes/exercises", as the convention says). */
function importsTodo(nb: Notebook): boolean {
  return nb.cells.some((cell) => {
    if (cell.cell_type !== "code" || isSolutionCell(cell)) return false;
    const file = parse(sourceText(cell));
    return file.statements.some(
      (s) =>
        ts.isImportDeclaration(s) &&
        s.importClause?.namedBindings !== undefined &&
        ts.isNamedImports(s.importClause.namedBindings) &&
        s.importClause.namedBindings.elements.some((e) => e.name.text === "todo"),
    );
  });
}

/** Which cell was stubbed, and the functions stubbed in it. */
export interface StubbedCell {
  index: number;
  functions: string[];
}

/**
 * The student edition of a parsed notebook (a new object; `nb` is not changed): solution cells stubbed,
 * everything else kept. Outputs are not touched here (see {@link studentEditionText}).
 * @param nb the parsed .ipynb.
 * @param name how to name the notebook in error messages.
 * @throws StudentEditionError when a solution cell breaks the convention or `todo` is not imported.
 */
export function studentNotebook(nb: Notebook, name: string): { notebook: Notebook; stubbed: StubbedCell[] } {
  const copy = structuredClone(nb);
  const stubbed: StubbedCell[] = [];
  copy.cells.forEach((cell, index) => {
    if (!isSolutionCell(cell)) return;
    const where = `${name}, cell ${index} (id ${cell.id ?? "?"})`;
    if (cell.cell_type !== "code")
      throw new StudentEditionError(
        `${where}: only code cells can be tagged "${SOLUTION_TAG}" (this is ${cell.cell_type})`,
      );
    const { source, functions } = stubSolutionSource(sourceText(cell), where);
    cell.source = sourceLines(source);
    stubbed.push({ index, functions });
  });
  if (stubbed.length && !importsTodo(copy)) {
    throw new StudentEditionError(
      `${name}: has solution cells but no code cell imports \`todo\`; add it to the notebook's import from "dlnotes/exercises"`,
    );
  }
  return { notebook: copy, stubbed };
}

/** One notebook of the edition, ready to write. */
export interface EditionNotebook {
  /** The file name (`04-gradient-descent.ipynb`). */
  name: string;
  /** The notebook as written (stubbed, clean, serialised like Jupyter). */
  text: string;
  /** The functions stubbed, in order. */
  functions: string[];
}

/**
 * The student edition of notebook files, as text to write, in order. Every notebook is read and transformed
 * before anything is written, so one that breaks the convention stops the run with nothing changed.
 * @throws ToolError (one line) for a missing or broken notebook, two inputs with the same file name, or a
 *   solution cell that breaks the convention.
 */
export function studentEditionText(files: string[]): EditionNotebook[] {
  const seen = new Map<string, string>();
  return files.map((file) => {
    const name = path.basename(file);
    const shown = shownPath(file);
    if (seen.has(name))
      throw new ToolError(`${shown} and ${seen.get(name)} have the same name; the edition holds one notebook per name`);
    seen.set(name, shown);
    const { notebook, stubbed } = studentNotebook(readNotebook(file), shown);
    cleanNotebook(notebook);
    return { name, text: serializeNotebook(notebook), functions: stubbed.flatMap((s) => s.functions) };
  });
}

function realFolder(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

/** Options of {@link writeStudentEdition}. */
export interface WriteEditionOptions {
  /** The source notebooks. */
  files: string[];
  /** The output folder (the project's is `build/student`). */
  out: string;
  /** Replace changed or unrecorded notebooks in `out` (the user passed `--force`). */
  force?: boolean;
  /** Folders that hold the course's own notebooks, besides the inputs' folders (default: none). */
  protectedDirs?: string[];
  /** How the user forces it, for messages. */
  forceHint?: string;
}

/**
 * Writes the student edition of `files` into `out` through an {@link OwnedFolder} (tool `student`).
 * @returns the notebooks written and what the folder did (removed: notebooks of lessons no longer in the course).
 * @throws ToolError when `out` holds the course's own notebooks (never, even forced), when it is not the
 *   edition's folder and not empty, when a notebook there was changed since it was written (the student's work),
 *   or for any problem with the inputs — in every case before anything is written.
 */
export function writeStudentEdition(options: WriteEditionOptions): {
  notebooks: EditionNotebook[];
  removed: string[];
  kept: string[];
} {
  const out = path.resolve(options.out);
  const realOut = realFolder(out);
  const guarded = [...options.files.map((file) => path.dirname(path.resolve(file))), ...(options.protectedDirs ?? [])];
  for (const dir of guarded) {
    if (realFolder(dir) === realOut) {
      throw new ToolError(
        `--out ${shownPath(out)} holds the course's own notebooks: the student edition would replace their solutions with stubs; choose another folder (the default is build/student)`,
      );
    }
  }
  const notebooks = studentEditionText(options.files);
  const folder = OwnedFolder.open(out, { tool: "student", force: options.force, forceHint: options.forceHint });
  for (const notebook of notebooks) folder.write(notebook.name, notebook.text);
  const { removed, kept } = folder.commit();
  return { notebooks, removed, kept };
}

/**
 * The student edition of `files` in a fresh temporary folder, for a tool that hands the lessons out without
 * their solutions (the handout export's JupyterLite site). The caller removes it with `dispose()`.
 * @throws ToolError as {@link studentEditionText}, before the folder is made.
 */
export function temporaryStudentEdition(files: string[]): { dir: string; notebooks: string[]; dispose(): void } {
  const edition = studentEditionText(files);
  const dir = mkdtempSync(path.join(tmpdir(), "dlnotes-handout-"));
  for (const notebook of edition) writeFileSync(path.join(dir, notebook.name), notebook.text);
  return {
    dir,
    notebooks: edition.map((notebook) => notebook.name),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
