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

function importStatement(statement: ts.ImportDeclaration, js: ts.SourceFile): string {
  const from = statement.moduleSpecifier.getText(js);
  const clause = statement.importClause;
  const load = `${IMPORT_FUNCTION}(${from})`;
  if (!clause) return `${load};`;
  const parts: string[] = [];
  if (clause.name) parts.push(`${clause.name.text} = ${load}.default ?? ${load};`);
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) parts.push(`${bindings.name.text} = ${load};`);
  else if (bindings && bindings.elements.length > 0) {
    const pairs = bindings.elements.map((e) => `${(e.propertyName ?? e.name).text}: ${e.name.text}`);
    parts.push(`({ ${pairs.join(", ")} } = ${load});`);
  }
  return parts.join(" ");
}

function variableStatement(statement: ts.VariableStatement, js: ts.SourceFile): string {
  return statement.declarationList.declarations
    .map((d) => {
      const init = d.initializer ? d.initializer.getText(js) : "undefined";
      if (ts.isIdentifier(d.name)) return `${d.name.text} = ${init};`;
      const names = boundNames(d.name).join(", ");
      return `[${names}] = ((${d.name.getText(js)}) => [${names}])(${init});`;
    })
    .join("\n");
}

/** The JavaScript of a cell as the source of an async function body that runs in the shared scope. */
export function cellFunctionSource(tsCode: string): string {
  const js = ts.transpileModule(tsCode, { compilerOptions: EMIT_OPTIONS, reportDiagnostics: false }).outputText;
  const file = ts.createSourceFile("/cell.js", js, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const hoisted: string[] = [];
  let out = "";
  let pos = 0;
  const statements = file.statements;
  statements.forEach((statement, index) => {
    out += js.slice(pos, statement.getStart(file));
    pos = statement.end;
    if (ts.isImportDeclaration(statement)) out += importStatement(statement, file);
    else if (ts.isVariableStatement(statement)) out += variableStatement(statement, file);
    else if (ts.isFunctionDeclaration(statement) && statement.name) {
      hoisted.push(`globalThis.${statement.name.text} = ${statement.name.text};`);
      out += statement.getText(file);
    } else if (ts.isClassDeclaration(statement) && statement.name)
      out += `${statement.name.text} = ${statement.getText(file)};`;
    else if (ts.isExpressionStatement(statement) && index === statements.length - 1)
      out += `return (${statement.expression.getText(file)});`;
    else if (ts.isExportDeclaration(statement) || ts.isExportAssignment(statement)) out += "";
    else out += statement.getText(file);
  });
  out += js.slice(pos);
  return `(async function () {\n${hoisted.join("\n")}\n${out}\n})`;
}
