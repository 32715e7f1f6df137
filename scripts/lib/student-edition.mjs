// The student edition of a notebook: every function declared in a cell tagged `solution` keeps its signature and
// TSDoc, and its body becomes `{ // <the TSDoc's task line>  return todo("<name>"); }`, so Run All completes and each
// self-check prints "not attempted yet". The TypeScript compiler API (the pinned `typescript` devDependency) finds
// the declarations and their comments: code is never edited by regular expressions.
import ts from "typescript";

/** The tag that marks an exercise's solution cell (cell.metadata.tags), as Jupyter Book and JupyterLab read it. */
export const SOLUTION_TAG = "solution";

/** A solution cell that breaks the convention; the message names the notebook, the cell and what to fix. */
export class StudentEditionError extends Error {
  constructor(message) {
    super(message);
    this.name = "StudentEditionError";
  }
}

/** A cell's source as one string (nbformat allows a string or a list of lines). */
export function sourceText(cell) {
  return Array.isArray(cell.source) ? cell.source.join("") : String(cell.source ?? "");
}

/** A string as nbformat's list of lines, each but the last keeping its "\n" (how Jupyter writes sources). */
export function sourceLines(text) {
  const lines = text.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === "" ? [] : lines;
}

/** True when the cell carries the `solution` tag. */
export function isSolutionCell(cell) {
  return Array.isArray(cell.metadata?.tags) && cell.metadata.tags.includes(SOLUTION_TAG);
}

function parse(text) {
  return ts.createSourceFile("cell.ts", text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

function lineOf(file, node) {
  return file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
}

/**
 * The task line of a function: the first sentence of its TSDoc comment (the last `/** ... *\/` above it),
 * on one line. Undefined when there is no TSDoc or it has no text before its tags.
 */
export function taskLine(fn) {
  const docs = ts.getJSDocCommentsAndTags(fn).filter((node) => ts.isJSDoc(node));
  const doc = docs[docs.length - 1];
  const text = doc ? ts.getTextOfJSDocComment(doc.comment) : undefined;
  if (!text || !text.trim()) return undefined;
  const paragraph = text.trim().split(/\n\s*\n/)[0].replace(/\s+/g, " ");
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
export function stubSolutionSource(text, where) {
  const file = parse(text);
  const problems = file.parseDiagnostics.map(
    (d) => `${where}: does not parse (line ${file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")})`,
  );
  if (problems.length) throw new StudentEditionError(problems[0]);
  const edits = [];
  const names = [];
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
      throw new StudentEditionError(`${where}: function ${name} (line ${line}) has no body (an overload signature); write one declaration with a body`);
    }
    const untyped = statement.parameters.filter((p) => !p.type).map((p) => p.name.getText(file));
    if (untyped.length) {
      throw new StudentEditionError(`${where}: function ${name} (line ${line}): give parameter ${untyped.join(", ")} an explicit type, so the student's stub keeps the signature`);
    }
    if (!statement.type) {
      throw new StudentEditionError(`${where}: function ${name} (line ${line}) needs an explicit return type: the stub's \`return todo(...)\` returns never, so the type must come from the signature`);
    }
    const task = taskLine(statement);
    if (!task) {
      throw new StudentEditionError(`${where}: function ${name} (line ${line}) has no TSDoc task line: put /** <what the student writes>. */ right above it`);
    }
    const indent = /^[ \t]*/.exec(text.slice(text.lastIndexOf("\n", statement.getStart(file)) + 1))[0];
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
function importsTodo(nb) {
  return nb.cells.some((cell) => {
    if (cell.cell_type !== "code" || isSolutionCell(cell)) return false;
    const file = parse(sourceText(cell));
    return file.statements.some(
      (s) =>
        ts.isImportDeclaration(s) &&
        s.importClause?.namedBindings &&
        ts.isNamedImports(s.importClause.namedBindings) &&
        s.importClause.namedBindings.elements.some((e) => e.name.text === "todo"),
    );
  });
}

/**
 * The student edition of a parsed notebook (a new object; `nb` is not changed): solution cells stubbed,
 * everything else kept. Outputs are not touched here (the caller cleans the notebook).
 * @param nb the parsed .ipynb.
 * @param name how to name the notebook in error messages.
 * @returns the new notebook and, per stubbed cell, its index and the functions stubbed.
 * @throws StudentEditionError when a solution cell breaks the convention or `todo` is not imported.
 */
export function studentNotebook(nb, name) {
  const copy = structuredClone(nb);
  const stubbed = [];
  copy.cells.forEach((cell, index) => {
    if (!isSolutionCell(cell)) return;
    const where = `${name}, cell ${index} (id ${cell.id ?? "?"})`;
    if (cell.cell_type !== "code") throw new StudentEditionError(`${where}: only code cells can be tagged "${SOLUTION_TAG}" (this is ${cell.cell_type})`);
    const { source, functions } = stubSolutionSource(sourceText(cell), where);
    cell.source = sourceLines(source);
    stubbed.push({ index, functions });
  });
  if (stubbed.length && !importsTodo(copy)) {
    throw new StudentEditionError(`${name}: has solution cells but no code cell imports \`todo\`; add it to the notebook's import from "dlnotes/exercises"`);
  }
  return { notebook: copy, stubbed };
}
