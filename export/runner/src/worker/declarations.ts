/**
 * What a cell declares at top level, as separate pieces of source text: the "kernel state" that later cells
 * are type-checked against. An import with several names becomes one piece per name, so that a later cell
 * that redeclares one of them drops only that one.
 */
import ts from "typescript";

/** One top-level declaration: the names it binds and its TypeScript source. */
export interface Declaration {
  names: string[];
  text: string;
}

/** Names bound by a variable's name (an identifier or a destructuring pattern). */
export function boundNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  const out: string[] = [];
  for (const element of name.elements) if (!ts.isOmittedExpression(element)) out.push(...boundNames(element.name));
  return out;
}

function importPieces(statement: ts.ImportDeclaration, source: ts.SourceFile): Declaration[] {
  const clause = statement.importClause;
  if (!clause) return [];
  const from = statement.moduleSpecifier.getText(source);
  const type = clause.isTypeOnly ? "type " : "";
  const pieces: Declaration[] = [];
  if (clause.name) pieces.push({ names: [clause.name.text], text: `import ${type}${clause.name.text} from ${from};` });
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) {
    pieces.push({ names: [bindings.name.text], text: `import ${type}* as ${bindings.name.text} from ${from};` });
  } else if (bindings) {
    for (const element of bindings.elements) {
      pieces.push({ names: [element.name.text], text: `import ${type}{ ${element.getText(source)} } from ${from};` });
    }
  }
  return pieces;
}

/** The top-level declarations of a cell, in source order (statements that declare nothing are left out). */
export function declarationsOf(code: string): Declaration[] {
  const source = ts.createSourceFile("/decl.ts", code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const out: Declaration[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      out.push(...importPieces(statement, source));
    } else if (ts.isVariableStatement(statement)) {
      const names = statement.declarationList.declarations.flatMap((d) => boundNames(d.name));
      out.push({ names, text: statement.getText(source) });
    } else if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isEnumDeclaration(statement)) &&
      statement.name
    ) {
      out.push({ names: [statement.name.text], text: statement.getText(source) });
    } else if (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name)) {
      out.push({ names: [statement.name.text], text: statement.getText(source) });
    }
  }
  return out;
}

/**
 * The source that stands for the cells run so far, as seen by a cell that declares `current`: every
 * declaration in run order, minus those whose names a later cell (or the current one) declares again.
 * @param history the declarations of each successful run, oldest first (a cell run twice appears twice)
 */
export function contextSource(history: Declaration[][], current: Declaration[]): string {
  const later = new Set(current.flatMap((d) => d.names));
  const kept: string[] = [];
  for (let i = history.length - 1; i >= 0; i--) {
    const cell = history[i];
    const keep = cell.filter((d) => !d.names.some((n) => later.has(n)));
    kept.unshift(...keep.map((d) => d.text));
    for (const d of cell) for (const n of d.names) later.add(n);
  }
  return kept.join("\n");
}
