/** Jupyter's is_complete for a TypeScript cell (a console asks it before running what was typed). */
import ts from "typescript";

/**
 * Whether a cell is complete (Jupyter's is_complete): "incomplete" when the scanner ends inside a bracket, a
 * string, a template or a comment, "invalid" when a closing bracket has no opening one, else "complete".
 */
export function completeness(code: string): { status: "complete" | "incomplete" | "invalid"; indent: string } {
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, false, ts.LanguageVariant.Standard, code);
  const open: ts.SyntaxKind[] = [];
  const pairs = new Map([
    [ts.SyntaxKind.CloseBraceToken, ts.SyntaxKind.OpenBraceToken],
    [ts.SyntaxKind.CloseParenToken, ts.SyntaxKind.OpenParenToken],
    [ts.SyntaxKind.CloseBracketToken, ts.SyntaxKind.OpenBracketToken],
  ]);
  let unterminated = false;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.CloseBraceToken && open[open.length - 1] === ts.SyntaxKind.TemplateHead) {
      kind = scanner.reScanTemplateToken(false); // the end of a `${...}`: the template goes on or ends
      if (kind === ts.SyntaxKind.TemplateTail) open.pop();
    } else if (
      kind === ts.SyntaxKind.OpenBraceToken ||
      kind === ts.SyntaxKind.OpenParenToken ||
      kind === ts.SyntaxKind.OpenBracketToken ||
      kind === ts.SyntaxKind.TemplateHead
    ) {
      open.push(kind);
    } else if (pairs.has(kind) && open.pop() !== pairs.get(kind)) {
      return { status: "invalid", indent: "" };
    }
    if (scanner.isUnterminated()) unterminated = true;
  }
  if (unterminated || open.length > 0) return { status: "incomplete", indent: "  ".repeat(open.length) };
  return { status: "complete", indent: "" };
}
