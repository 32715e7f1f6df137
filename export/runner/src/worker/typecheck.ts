/**
 * Type-checking a cell as tslab does: TypeScript 5.0, target/lib ES2022, ES modules resolved the Node10 way,
 * not strict, skipLibCheck; the library's own declaration files are at /node_modules/dlnotes (the page has no
 * file system: every file is an entry of `typeFiles`, built into the worker by scripts/build-browser.mjs).
 * The cell is checked after the declarations of the cells run before it (see declarations.ts), and only the
 * cell's own diagnostics are reported, with line and column inside the cell.
 */
import ts from "typescript";
import typeFiles from "virtual:type-files";

const CELL_FILE = "/cell.ts";
const GLOBALS_FILE = "/globals.d.ts";

/** tslab's compiler options (tslab/dist/converter.js), minus what only matters for emitting. */
export const CHECK_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  esModuleInterop: true,
  lib: ["lib.es2022.d.ts"],
  types: [],
  skipLibCheck: true,
  experimentalDecorators: true,
  noEmit: true,
};

/** One compile error inside the cell, positions 1-based as tslab prints them. */
export interface CellDiagnostic {
  line: number;
  column: number;
  code: number;
  message: string;
}

/** Checks cells against an in-memory file system; library files are parsed once and reused. */
export class CellChecker {
  private readonly parsed = new Map<string, ts.SourceFile>();
  private program: ts.Program | undefined;

  /** The diagnostics of `cell` when it follows `context` (the earlier cells' declarations). */
  check(context: string, cell: string): CellDiagnostic[] {
    const prefix = context ? `${context}\n` : "";
    const text = `${prefix}${cell}\nexport {};\n`;
    const cellFile = ts.createSourceFile(CELL_FILE, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const host = this.host(cellFile);
    this.program = ts.createProgram({ rootNames: [GLOBALS_FILE, CELL_FILE], options: CHECK_OPTIONS, host, oldProgram: this.program });
    const diagnostics = [...this.program.getSyntacticDiagnostics(cellFile), ...this.program.getSemanticDiagnostics(cellFile)];
    const start = prefix.length;
    const end = start + cell.length;
    const firstLine = cellFile.getLineAndCharacterOfPosition(start).line;
    const out: CellDiagnostic[] = [];
    for (const d of diagnostics) {
      if (d.start === undefined || d.start < start || d.start > end) continue;
      const at = cellFile.getLineAndCharacterOfPosition(d.start);
      out.push({ line: at.line - firstLine + 1, column: at.character + 1, code: d.code, message: ts.flattenDiagnosticMessageText(d.messageText, "\n") });
    }
    return out;
  }

  private libraryFile(fileName: string): ts.SourceFile | undefined {
    let file = this.parsed.get(fileName);
    if (!file && fileName in typeFiles) {
      file = ts.createSourceFile(fileName, typeFiles[fileName], ts.ScriptTarget.ES2022, true);
      this.parsed.set(fileName, file);
    }
    return file;
  }

  private host(cellFile: ts.SourceFile): ts.CompilerHost {
    const exists = (f: string) => f === CELL_FILE || f in typeFiles;
    return {
      getSourceFile: (f) => (f === CELL_FILE ? cellFile : this.libraryFile(f)),
      getDefaultLibFileName: () => "/lib/lib.es2022.d.ts",
      getDefaultLibLocation: () => "/lib",
      writeFile: () => undefined,
      getCurrentDirectory: () => "/",
      getCanonicalFileName: (f) => f,
      useCaseSensitiveFileNames: () => true,
      getNewLine: () => "\n",
      fileExists: exists,
      readFile: (f) => (f === CELL_FILE ? cellFile.text : typeFiles[f]),
      directoryExists: (d) => Object.keys(typeFiles).some((f) => f.startsWith(d.endsWith("/") ? d : `${d}/`)),
      getDirectories: () => [],
      realpath: (f) => f,
    };
  }
}

/** Names a diagnostic says cannot be found ("Cannot find name 'X'"), for the "run earlier cells first" offer. */
export function missingNames(diagnostics: CellDiagnostic[]): string[] {
  const names = new Set<string>();
  for (const d of diagnostics) {
    const m = /^Cannot find name '([^']+)'/.exec(d.message);
    if (m) names.add(m[1]);
  }
  return [...names];
}
