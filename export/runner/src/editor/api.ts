/**
 * What the lazily loaded editor script (runner-editor.js, CodeMirror 6) gives the page script: a function that
 * turns a cell's static code into an editor. The page script stays small; it loads runner-editor.js when a reader
 * first clicks or focuses a cell, presses a Run button, or has saved edits on the page.
 */
import type { CompletionItem } from "../protocol";

/** What an editor asks of the page: running its cell, and the TypeScript service's completions and hover types. */
export interface CellEditorHost {
  /** Shift+Enter: run the cell. */
  run(): void;
  /** Called after every change of the text (to store the reader's edits). */
  changed(code: string): void;
  /** Completions at `offset` (starts the TypeScript worker if needed); null when unavailable. */
  complete(code: string, offset: number): Promise<{ from: number; to: number; items: CompletionItem[] } | null>;
  /** Quick info at `offset`, or null (only asked while the worker runs: hovering never loads the compiler). */
  inspect(code: string, offset: number): Promise<{ text: string; docs: string; from: number; to: number } | null>;
}

/** One cell's editor. */
export interface CellEditor {
  /** The current code. */
  readonly code: string;
  /** Replaces the whole code (Reset to the course's code); undoable. */
  setCode(code: string): void;
  focus(): void;
}

/** `window.__dlnotesEditor`, set by runner-editor.js. */
export interface EditorModule {
  /** Replaces `pre` (the exported, highlighted code) by an editor holding `code`, labelled `label`. */
  create(pre: HTMLElement, code: string, label: string, host: CellEditorHost): CellEditor;
}

declare global {
  interface Window {
    __dlnotesEditor?: EditorModule;
  }
}
