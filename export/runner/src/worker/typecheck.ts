/**
 * The cells' TypeScript service, as tslab checks cells: TypeScript 5.0, target/lib ES2022, ES modules resolved
 * the Node10 way, not strict, skipLibCheck; the library's own declaration files are at /node_modules/dlnotes
 * (the page has no file system: every file is an entry of `typeFiles`, built into the worker by
 * scripts/build-browser.ts).
 *
 * One incremental language service (`ts.createLanguageService`) over that virtual file system serves type checks,
 * completions and hover types: the library files never change, so only the cell file is parsed again when its
 * text changes (a check, then a completion in the same text, reuse the same program). The cell file is the
 * declarations of the cells run before it (see declarations.ts) followed by the cell; positions are reported
 * inside the cell.
 */
import ts from "typescript";
import typeFiles from "virtual:type-files";
import type { CompletionItem } from "../protocol";

const CELL_FILE = "/cell.ts";
const GLOBALS_FILE = "/globals.d.ts";
/** How many completion items get a signature and a doc line (each costs a lookup). */
const DETAILED_ITEMS = 40;
/** Most completion items sent (the list is filtered by the word being typed first). */
const MAX_ITEMS = 300;

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

/** Quick info of a name in a cell (hover). */
export interface QuickInfo {
  text: string;
  docs: string;
  from: number;
  to: number;
}

/** The language service of the cells (one per worker). */
export class CellService {
  private cellText = "";
  private cellVersion = 0;
  private prefixLength = 0;
  private readonly snapshots = new Map<string, ts.IScriptSnapshot>();
  private readonly service: ts.LanguageService;

  constructor() {
    const host: ts.LanguageServiceHost = {
      getCompilationSettings: () => CHECK_OPTIONS,
      getScriptFileNames: () => [GLOBALS_FILE, CELL_FILE],
      getScriptVersion: (f) => (f === CELL_FILE ? String(this.cellVersion) : "0"),
      getScriptSnapshot: (f) => this.snapshot(f),
      getCurrentDirectory: () => "/",
      getDefaultLibFileName: () => "/lib/lib.es2022.d.ts",
      fileExists: (f) => f === CELL_FILE || f in typeFiles,
      readFile: (f) => (f === CELL_FILE ? this.cellText : typeFiles[f]),
      directoryExists: (d) => Object.keys(typeFiles).some((f) => f.startsWith(d.endsWith("/") ? d : `${d}/`)),
      getDirectories: () => [],
      realpath: (f) => f,
      useCaseSensitiveFileNames: () => true,
    };
    this.service = ts.createLanguageService(host, ts.createDocumentRegistry(true, "/"));
  }

  private snapshot(fileName: string): ts.IScriptSnapshot | undefined {
    if (fileName === CELL_FILE) return ts.ScriptSnapshot.fromString(this.cellText);
    let snap = this.snapshots.get(fileName);
    if (!snap && fileName in typeFiles) {
      snap = ts.ScriptSnapshot.fromString(typeFiles[fileName]);
      this.snapshots.set(fileName, snap);
    }
    return snap;
  }

  /** Makes the cell file `context` + `cell`; the program is rebuilt only when that text changed. */
  private setCell(context: string, cell: string): void {
    const prefix = context ? `${context}\n` : "";
    const text = `${prefix}${cell}\nexport {};\n`;
    this.prefixLength = prefix.length;
    if (text === this.cellText) return;
    this.cellText = text;
    this.cellVersion++;
  }

  /** The diagnostics of `cell` when it follows `context` (the earlier cells' declarations). */
  check(context: string, cell: string): CellDiagnostic[] {
    this.setCell(context, cell);
    const diagnostics = [
      ...this.service.getSyntacticDiagnostics(CELL_FILE),
      ...this.service.getSemanticDiagnostics(CELL_FILE),
    ];
    const file = this.service.getProgram()!.getSourceFile(CELL_FILE)!;
    const start = this.prefixLength;
    const end = start + cell.length;
    const firstLine = file.getLineAndCharacterOfPosition(start).line;
    const out: CellDiagnostic[] = [];
    for (const d of diagnostics) {
      if (d.start === undefined || d.start < start || d.start > end) continue;
      const at = file.getLineAndCharacterOfPosition(d.start);
      out.push({
        line: at.line - firstLine + 1,
        column: at.character + 1,
        code: d.code,
        message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
      });
    }
    return out;
  }

  /** Completions at `offset` of `cell`: items starting with the word being typed, and the range of that word. */
  complete(context: string, cell: string, offset: number): { from: number; to: number; items: CompletionItem[] } {
    this.setCell(context, cell);
    let from = offset;
    while (from > 0 && /[\w$]/.test(cell[from - 1])) from--;
    const word = cell.slice(from, offset).toLowerCase();
    const at = this.prefixLength + offset;
    const info = this.service.getCompletionsAtPosition(CELL_FILE, at, { includeCompletionsWithInsertText: false });
    const entries = (info?.entries ?? [])
      .filter((e) => e.name.toLowerCase().startsWith(word) && !e.name.startsWith("__dlnotes"))
      .sort((a, b) => (a.sortText === b.sortText ? a.name.localeCompare(b.name) : a.sortText < b.sortText ? -1 : 1))
      .slice(0, MAX_ITEMS);
    const items = entries.map((e, i): CompletionItem => {
      const item: CompletionItem = { name: e.name, kind: e.kind };
      if (i < DETAILED_ITEMS) {
        const details = this.service.getCompletionEntryDetails(
          CELL_FILE,
          at,
          e.name,
          undefined,
          e.source,
          undefined,
          e.data,
        );
        if (details) {
          item.detail = ts.displayPartsToString(details.displayParts);
          const doc = ts.displayPartsToString(details.documentation).split("\n")[0];
          if (doc) item.doc = doc;
        }
      }
      return item;
    });
    return { from, to: offset, items };
  }

  /** The type and docs of the name at `offset` of `cell` (undefined when there is none). */
  inspect(context: string, cell: string, offset: number): QuickInfo | undefined {
    this.setCell(context, cell);
    const at = this.prefixLength + offset;
    const info =
      this.service.getQuickInfoAtPosition(CELL_FILE, at) ??
      (offset > 0 ? this.service.getQuickInfoAtPosition(CELL_FILE, at - 1) : undefined);
    if (!info || info.textSpan.start < this.prefixLength) return undefined;
    const tags = (info.tags ?? []).map((t) => `@${t.name}${t.text ? ` ${ts.displayPartsToString(t.text)}` : ""}`);
    const docs = [ts.displayPartsToString(info.documentation), ...tags].filter((s) => s).join("\n");
    const from = info.textSpan.start - this.prefixLength;
    return { text: ts.displayPartsToString(info.displayParts), docs, from, to: from + info.textSpan.length };
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
