/**
 * What the runner's worker says about a cell (export/runner/src/protocol.ts), in Jupyter's words: the iopub
 * messages a kernel publishes and the error fields of its execute reply. Pure functions (no DOM, no kernel), so
 * the mapping is tested in Node (tests/lite.outputs.test.ts).
 */
import type { IMimeBundle } from "@jupyterlab/nbformat";
import type { CellFrame, FromWorker } from "../../export/runner/src/protocol";

/** An error as Jupyter's `error` message and error reply carry it. */
export interface JupyterError {
  ename: string;
  evalue: string;
  traceback: string[];
}

/** A display's bundle: the worker sends JSON-cloneable data (it copies anything structured clone refuses). */
type MimeData = IMimeBundle;

/** One iopub message a kernel sends for a worker message (the kernel adds headers and the execution count). */
export type IopubOutput =
  | { kind: "stream"; content: { name: "stdout" | "stderr"; text: string } }
  | {
      kind: "display_data";
      content: { data: MimeData; metadata: Record<string, never>; transient: { display_id?: string } };
    }
  | {
      kind: "update_display_data";
      content: { data: MimeData; metadata: Record<string, never>; transient: { display_id: string } };
    }
  | { kind: "execute_result"; content: { data: MimeData; metadata: Record<string, never> } }
  | { kind: "error"; content: JupyterError };

/** The `ename` of a cell that did not compile (its `traceback` is the compiler's `line:col - message` lines). */
export const COMPILE_ERROR_NAME = "CompileError";

/**
 * A runtime error's text (`Name: message`, or `Uncaught <value>` for a thrown non-Error, then any stack lines
 * the worker sends) as ename, evalue and traceback.
 */
export function runtimeError(text: string): JupyterError {
  const lines = text.split("\n");
  const frameStart = lines.findIndex((line, i) => i > 0 && /^\s+at /.test(line));
  const head = (frameStart < 0 ? lines : lines.slice(0, frameStart)).join("\n");
  const named = /^([A-Za-z_$][\w$]*): ([\s\S]*)$/.exec(head);
  if (named) return { ename: named[1], evalue: named[2], traceback: lines };
  const uncaught = /^Uncaught ([\s\S]*)$/.exec(head);
  if (uncaught) return { ename: "Uncaught", evalue: uncaught[1], traceback: lines };
  return { ename: "Error", evalue: head, traceback: lines };
}

/** Compile errors (one `line:col - message` per line, as tslab prints them) as one Jupyter error. */
export function compileError(text: string): JupyterError {
  const lines = text.split("\n");
  return { ename: COMPILE_ERROR_NAME, evalue: lines[0] ?? "", traceback: lines };
}

/** What the kernel knows to name cells in a traceback. */
export interface TracebackContext {
  /** The failing cell's code. */
  code: string;
  /** The failing cell's prompt number (`In [n]`). */
  executionCount: number;
  /** The prompt number a cell (by its id) last ran with, if it ran in this kernel. */
  countOf(cellId: string): number | undefined;
}

/** How a traceback names a cell: by its prompt, `In [5]`, as the student sees it. */
function cellLabel(frame: CellFrame, context: TracebackContext): string {
  const count = frame.current ? context.executionCount : context.countOf(frame.cellId);
  return count === undefined ? `cell ${frame.cellId}` : `In [${count}]`;
}

/**
 * A runtime error's traceback as tslab prints it (Node's report of an uncaught error): where it was thrown (the
 * cell and line, the source line, a caret under the column), a blank line, `Name: message`, then one
 * `    at fn (cell:line:column)` per frame in cells' code, innermost first, at the cells' own lines.
 */
export function runtimeTraceback(
  name: string,
  message: string,
  frames: CellFrame[],
  context: TracebackContext,
): string[] {
  const lines: string[] = [];
  const thrown = frames[0];
  if (thrown?.current) {
    const source = context.code.split("\n")[thrown.line - 1] ?? "";
    lines.push(`${cellLabel(thrown, context)}:${thrown.line}`, source, `${" ".repeat(thrown.column - 1)}^`, "");
  }
  lines.push(`${name}: ${message}`);
  for (const frame of frames) {
    const at = `${cellLabel(frame, context)}:${frame.line}:${frame.column}`;
    lines.push(`    at ${frame.fn ? `${frame.fn} (${at})` : at}`);
  }
  return lines;
}

/** The error a worker message reports, if it is one (`context` names the cells in a runtime error's frames). */
export function errorOf(message: FromWorker, context?: TracebackContext): JupyterError | undefined {
  if (message.type !== "error") return undefined;
  if (message.kind === "type") return compileError(message.text);
  if (message.name !== undefined && message.message !== undefined) {
    const traceback = context
      ? runtimeTraceback(message.name, message.message, message.frames ?? [], context)
      : [`${message.name}: ${message.message}`];
    return { ename: message.name, evalue: message.message, traceback };
  }
  return runtimeError(message.text);
}

/** The iopub message for a worker message about a running cell, or undefined for messages that are not output. */
export function iopubOf(message: FromWorker, context?: TracebackContext): IopubOutput | undefined {
  switch (message.type) {
    case "stream":
      return { kind: "stream", content: { name: message.name, text: message.text } };
    case "display":
      if (message.update && message.displayId !== undefined) {
        return {
          kind: "update_display_data",
          content: { data: message.data as MimeData, metadata: {}, transient: { display_id: message.displayId } },
        };
      }
      return {
        kind: "display_data",
        content: {
          data: message.data as MimeData,
          metadata: {},
          transient: message.displayId === undefined ? {} : { display_id: message.displayId },
        },
      };
    case "result":
      return { kind: "execute_result", content: { data: { "text/plain": message.text }, metadata: {} } };
    case "error":
      return { kind: "error", content: errorOf(message, context)! };
    default:
      return undefined;
  }
}

/**
 * Jupyter counts cursor positions in Unicode code points; the worker (and JavaScript strings) in UTF-16 units.
 * The UTF-16 offset of code point `index` in `text`.
 */
export function utf16Offset(text: string, index: number): number {
  let units = 0;
  let points = 0;
  for (const point of text) {
    if (points >= index) break;
    units += point.length;
    points++;
  }
  return units;
}

/** The code point index of UTF-16 `offset` in `text` (the inverse of {@link utf16Offset}). */
export function codePointIndex(text: string, offset: number): number {
  return Array.from(text.slice(0, offset)).length;
}

/** Jupyter's complete_reply for the worker's `completions` (positions in code points; types for JupyterLab's icons). */
export function completeReply(code: string, answer: Extract<FromWorker, { type: "completions" }>) {
  const start = codePointIndex(code, answer.from);
  const end = codePointIndex(code, answer.to);
  return {
    status: "ok" as const,
    matches: answer.items.map((item) => item.name),
    cursor_start: start,
    cursor_end: end,
    metadata: {
      _jupyter_types_experimental: answer.items.map((item) => ({
        start,
        end,
        text: item.name,
        type: item.kind,
        ...(item.detail ? { signature: item.detail } : {}),
      })),
    },
  };
}

/** Jupyter's inspect_reply for the worker's `inspected`: the quick info as TypeScript shows it, then its docs. */
export function inspectReply(answer: Extract<FromWorker, { type: "inspected" }>): {
  status: "ok";
  found: boolean;
  data: { [mime: string]: string };
  metadata: Record<string, never>;
} {
  if (!answer.found) return { status: "ok", found: false, data: {}, metadata: {} };
  const plain = answer.docs ? `${answer.text}\n\n${answer.docs}` : answer.text;
  const markdown = `\`\`\`typescript\n${answer.text}\n\`\`\`${answer.docs ? `\n\n${answer.docs}` : ""}`;
  return { status: "ok", found: true, data: { "text/plain": plain, "text/markdown": markdown }, metadata: {} };
}
