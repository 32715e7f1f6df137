/**
 * The message API of the runner's worker: everything a front end needs to run TypeScript cells in one shared
 * scope, with the course's library, type checks, completions and hover types, in a browser worker.
 *
 * Two front ends drive the same worker: the course notes' page (export/runner/src/page) and the JupyterLite
 * kernel (lite/). The worker is one self-contained classic script (`build/runner/runner-worker.js` holds its
 * source as a string for file:// pages, see scripts/build-browser.ts; start it from a Blob URL); it needs no
 * file, no network and no DOM.
 *
 * How to drive it:
 * - Start it and wait for {@link FromWorker} `ready`.
 * - Every request carries a `runId` chosen by the front end (unique per request); every answer carries it back.
 * - Requests are handled one at a time, in the order they were posted (a `complete` posted while a cell runs is
 *   answered after that cell's `done`). To end a runaway cell, terminate the worker and start a new one: the
 *   scope is then empty (there is no interrupt: the cell runs on the worker's only thread).
 * - `run` answers with any number of `stream` / `display` / `result` / `error` messages, then exactly one `done`.
 *   Output a cell makes later (a timer) carries the `runId` of the last run request.
 * - `check` → one `checked`; `complete` → one `completions`; `inspect` → one `inspected`;
 *   `isComplete` → one `completeness`.
 * - Offsets (`offset`, `from`, `to`) are UTF-16 positions in the request's `code` (as JavaScript strings index).
 *
 * Type checks, completions and hover types come from one TypeScript 5.0 language service (the compiler options
 * of the tslab kernel) over a virtual file system: the library's declarations, ES2022 and the cells run so far.
 */

/** A mime bundle as Jupyter sends it (`text/plain`, `image/svg+xml`, `application/vnd.plotly.v1+json`, ...). */
export type MimeData = { [mime: string]: unknown };

/** Page → worker. */
export type ToWorker =
  /** Type-check and run a cell in the shared scope. `cellId` names the cell (for messages only). */
  | { type: "run"; runId: number; cellId: string; code: string }
  /**
   * Type-check only: which names the cell uses that no run cell declares (for "run earlier cells first").
   * `earlier`: the code of the earlier cells that have not run; a missing name none of them declares is
   * reported as unavailable instead (e.g. `fetch`: the notes have no network).
   */
  | { type: "check"; runId: number; cellId: string; code: string; earlier?: string[] }
  /** Completions at `offset` in `code`, as the cell would see the names of the cells run so far. */
  | { type: "complete"; runId: number; cellId: string; code: string; offset: number }
  /** Quick info (type and docs) of the name at `offset` in `code` (hover, Jupyter's inspect). */
  | { type: "inspect"; runId: number; cellId: string; code: string; offset: number }
  /** Whether `code` is a complete cell or needs more lines (Jupyter's is_complete, for a console). */
  | { type: "isComplete"; runId: number; code: string };

/** One completion: a name, what it is (TypeScript's kind: "function", "const", "method", ...) and its type. */
export interface CompletionItem {
  name: string;
  /** TypeScript's ScriptElementKind ("function", "const", "let", "var", "method", "property", "class", "interface", "keyword", ...). */
  kind: string;
  /** The signature or type, e.g. `function zeros<S extends Shape>(shape: S): NDArray<S>` (given for the first items only). */
  detail?: string;
  /** One line of the item's documentation, when it has some (first items only). */
  doc?: string;
}

/** A stack frame in the code of a cell: `line` and `column` 1-based in that cell's TypeScript. */
export interface CellFrame {
  /** The function's name, "" for the cell's top level or an anonymous function. */
  fn: string;
  /** The `cellId` of the run request of the cell the frame is in. */
  cellId: string;
  /** True when the frame is in the cell that failed (the run being answered). */
  current: boolean;
  line: number;
  column: number;
}

/** Worker → page. */
export type FromWorker =
  /** The worker has started (sent once). */
  | { type: "ready" }
  /** Text the cell printed (console.log → stdout; console.warn/error → stderr). */
  | { type: "stream"; runId: number; name: "stdout" | "stderr"; text: string }
  /**
   * Something the cell showed (`show()`, `showGraph()`, `display`). With `update: true` it replaces the earlier
   * output of the same `displayId` (a live curve: Jupyter's `update_display_data`); an update for an id the
   * front end has not shown is ignored. With `update: false` and a `displayId`, it is a new output that later
   * updates will replace.
   */
  | { type: "display"; runId: number; data: MimeData; displayId?: string; update: boolean }
  /** The value of the cell's last expression, printed as tslab prints it (util.inspect). */
  | { type: "result"; runId: number; text: string }
  /**
   * The cell failed. `kind`: "type" = compile errors (`text` has one `line:col - message` per line, positions
   * 1-based in the cell); "runtime" = a throw (`text` is `Name: message`; `name` and `message` separately).
   */
  | {
      type: "error";
      runId: number;
      kind: "type" | "runtime";
      text: string;
      name?: string;
      message?: string;
      /** For a runtime error: the stack frames in cells' code, innermost first (frames in the library are left out). */
      frames?: CellFrame[];
    }
  /** The end of a run: `ok` when the cell compiled and ran without throwing; `ms` its duration. */
  | { type: "done"; runId: number; ok: boolean; ms: number }
  /**
   * Answer to `check`: `missing` are names the cell uses that the `earlier` cells declare (run them first);
   * `unavailable` are names it uses that no earlier cell declares (e.g. `fetch`, `document`, `require`: the
   * cells run offline in a worker with ES2022, console, timers and the course's library only).
   */
  | { type: "checked"; runId: number; missing: string[]; unavailable: string[] }
  /** Answer to `complete`: the items, and the part of `code` (`from`..`to`) they replace (the word being typed). */
  | { type: "completions"; runId: number; from: number; to: number; items: CompletionItem[] }
  /**
   * Answer to `inspect`: `found` false when there is nothing at the offset; `text` the quick info as TypeScript
   * shows it (`const w: number`, `function zeros<...>(...): ...`), `docs` its documentation (may be ""),
   * `from`..`to` the name it is about.
   */
  | { type: "inspected"; runId: number; found: boolean; text: string; docs: string; from: number; to: number }
  /**
   * Answer to `isComplete`: "complete" (run it), "incomplete" (an open bracket, string or comment: wait for more
   * lines; `indent` is the indentation to continue with) or "invalid" (a syntax error more lines cannot fix).
   */
  | { type: "completeness"; runId: number; status: "complete" | "incomplete" | "invalid"; indent: string };

/** The answer that ends each request type (every request gets exactly one). */
export const FINAL_ANSWER = {
  run: "done",
  check: "checked",
  complete: "completions",
  inspect: "inspected",
  isComplete: "completeness",
} as const satisfies { [K in ToWorker["type"]]: FromWorker["type"] };
