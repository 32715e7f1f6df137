/**
 * Running cells in one shared scope, like a kernel: a cell is transpiled to JavaScript and its top-level
 * declarations become properties of the worker's global object, so later cells see them and running a
 * cell again simply replaces them (`const x` twice is no error, as in tslab). The body runs inside an
 * async function (top-level `await` works); its last expression statement is the cell's result.
 *
 * - `const/let/var x = e` -> `x = e`; a destructuring `const {a, b} = e` -> `[a, b] = (({a, b}) => [a, b])(e)`
 *   (the parameter list destructures exactly as the declaration did);
 * - `function f() {}` stays (hoisted inside the body) and `globalThis.f = f` runs first;
 * - `class C {}` -> `C = class C {}`;
 * - `import { a as b } from "m"` -> `({ a: b } = __dlnotesImport("m"))` (the modules the page provides).
 * The body is evaluated in sloppy mode (indirect eval), where assigning an undeclared name creates a global.
 */
import ts from "typescript";
import { LEAST_UPPER_BOUND, originalPositionFor, TraceMap } from "@jridgewell/trace-mapping";
import { boundNames } from "./declarations";

/** How the cell's TypeScript is turned into JavaScript: types erased, every import kept (the next cells use them). */
const EMIT_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  verbatimModuleSyntax: true,
  esModuleInterop: true,
  experimentalDecorators: true,
  noImplicitUseStrict: true,
  sourceMap: false,
};

/** The name under which the cell body finds the page's modules. */
export const IMPORT_FUNCTION = "__dlnotesImport";

/**
 * A piece of the function source: `verbatim` text copied from the transpiled JavaScript at offset `js`, or text
 * written here, which stands for the JavaScript at `js` (a frame inside it points at that statement).
 */
interface Piece {
  text: string;
  js: number;
  verbatim: boolean;
}

const copied = (file: ts.SourceFile, node: ts.Node): Piece => ({
  text: node.getText(file),
  js: node.getStart(file),
  verbatim: true,
});
const written = (text: string, js: number): Piece => ({ text, js, verbatim: false });

function importStatement(statement: ts.ImportDeclaration, js: ts.SourceFile): Piece[] {
  const from = statement.moduleSpecifier.getText(js);
  const clause = statement.importClause;
  const load = `${IMPORT_FUNCTION}(${from})`;
  const at = statement.getStart(js);
  if (!clause) return [written(`${load};`, at)];
  const parts: string[] = [];
  if (clause.name) parts.push(`${clause.name.text} = ${load}.default ?? ${load};`);
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) parts.push(`${bindings.name.text} = ${load};`);
  else if (bindings && bindings.elements.length > 0) {
    const pairs = bindings.elements.map((e) => `${(e.propertyName ?? e.name).text}: ${e.name.text}`);
    parts.push(`({ ${pairs.join(", ")} } = ${load});`);
  }
  return [written(parts.join(" "), at)];
}

function variableStatement(statement: ts.VariableStatement, js: ts.SourceFile): Piece[] {
  return statement.declarationList.declarations.flatMap((d, i) => {
    const at = d.getStart(js);
    const pieces = i > 0 ? [written("\n", at)] : [];
    const init = d.initializer ? copied(js, d.initializer) : written("undefined", at);
    if (ts.isIdentifier(d.name)) return [...pieces, written(`${d.name.text} = `, at), init, written(";", d.end)];
    const names = boundNames(d.name).join(", ");
    return [
      ...pieces,
      written(`[${names}] = ((${d.name.getText(js)}) => [${names}])(`, at),
      init,
      written(");", d.end),
    ];
  });
}

/** A cell compiled to run in the shared scope, and the way back from its stack frames to the cell's lines. */
export interface CompiledCell {
  /** `(async function () { ... })` and a `//# sourceURL=` comment naming it: stack frames say `<url>:line:column`. */
  source: string;
  /**
   * The position in the cell's TypeScript (1-based line and column) of a frame's position in `source` (1-based,
   * as stack traces count), or undefined when it is not in the cell's own code.
   */
  cellPosition(line: number, column: number): { line: number; column: number } | undefined;
}

/** Offsets where each line of `text` starts. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return starts;
}

/** The last index whose value is at most `value` in ascending `values` (-1 when none). */
function lastAtMost(values: number[], value: number): number {
  let low = 0;
  let high = values.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (values[mid] <= value) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/**
 * The JavaScript of a cell as the source of an async function that runs in the shared scope, named `url` for
 * stack traces, with the map from its positions back to the cell's TypeScript (TypeScript's source map of the
 * transpiled code, through the rewriting of declarations into assignments done here).
 */
export function compileCell(tsCode: string, url: string): CompiledCell {
  const output = ts.transpileModule(tsCode, {
    compilerOptions: { ...EMIT_OPTIONS, sourceMap: true },
    fileName: "cell.ts",
    reportDiagnostics: false,
  });
  const js = output.outputText.replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, "\n");
  const file = ts.createSourceFile("/cell.js", js, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const hoisted: string[] = [];
  const body: Piece[] = [];
  let pos = 0;
  const statements = file.statements;
  statements.forEach((statement, index) => {
    const start = statement.getStart(file);
    body.push({ text: js.slice(pos, start), js: pos, verbatim: true });
    pos = statement.end;
    if (ts.isImportDeclaration(statement)) body.push(...importStatement(statement, file));
    else if (ts.isVariableStatement(statement)) body.push(...variableStatement(statement, file));
    else if (ts.isFunctionDeclaration(statement) && statement.name) {
      hoisted.push(`globalThis.${statement.name.text} = ${statement.name.text};`);
      body.push(copied(file, statement));
    } else if (ts.isClassDeclaration(statement) && statement.name)
      body.push(written(`${statement.name.text} = `, start), copied(file, statement), written(";", statement.end));
    else if (ts.isExpressionStatement(statement) && index === statements.length - 1)
      body.push(written("return (", start), copied(file, statement.expression), written(");", statement.end));
    else if (ts.isExportDeclaration(statement) || ts.isExportAssignment(statement)) return;
    else body.push(copied(file, statement));
  });
  body.push({ text: js.slice(pos), js: pos, verbatim: true });
  const pieces = [written(`(async function () {\n${hoisted.join("\n")}\n`, 0), ...body, written("\n})", js.length)];
  const pieceStarts: number[] = [];
  let source = "";
  for (const piece of pieces) {
    pieceStarts.push(source.length);
    source += piece.text;
  }
  const sourceLines = lineStarts(source);
  const jsLines = lineStarts(js);
  const map = new TraceMap(output.sourceMapText ?? "");
  return {
    source: `${source}\n//# sourceURL=${url}`,
    cellPosition(line, column) {
      if (line < 1 || line > sourceLines.length) return undefined;
      const offset = sourceLines[line - 1] + column - 1;
      const index = lastAtMost(pieceStarts, offset);
      if (index < 0) return undefined;
      const piece = pieces[index];
      const jsOffset = piece.verbatim ? piece.js + (offset - pieceStarts[index]) : piece.js;
      const jsLine = lastAtMost(jsLines, jsOffset);
      const at = { line: jsLine + 1, column: jsOffset - jsLines[jsLine] };
      const original =
        originalPositionFor(map, at).line !== null
          ? originalPositionFor(map, at)
          : originalPositionFor(map, { ...at, bias: LEAST_UPPER_BOUND });
      return original.line === null ? undefined : { line: original.line, column: original.column + 1 };
    },
  };
}

/** The JavaScript of a cell as the source of an async function body that runs in the shared scope. */
export function cellFunctionSource(tsCode: string): string {
  return compileCell(tsCode, "cell").source;
}
