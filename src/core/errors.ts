/** Errors raised by the library. Messages always name the operation and the offending shapes or values. */

// Code run through Node's vm, as tslab runs each notebook cell, appears in stacks as this file name.
const CELL_FRAME = "evalmachine.<anonymous>";
// Node's util.inspect looks objects up by this registered symbol; using it needs no import of node:util, so
// this bottom layer stays free of Node built-ins (the browser build loads it too).
const INSPECT = Symbol.for("nodejs.util.inspect.custom");

type Inspect = (value: unknown, options?: object) => string;

/**
 * The base of the library's errors. tslab shows an uncaught error as `console.error(err)`, i.e. Node's
 * `util.inspect`: the stack, preceded by the source line Node's vm adds (a compiled dist/ path, a line of
 * JavaScript and a caret) and followed by frames of the library, Node and tslab. For errors thrown from notebook
 * code (a `evalmachine.<anonymous>` frame), inspecting shows `ShapeError: <message>` first and then only the
 * frames of the notebook's cells; `err.stack` keeps everything, and elsewhere (scripts, tests) the output is
 * Node's usual one.
 */
export class DlnotesError extends Error {
  override name = "DlnotesError";

  /** What `console.error(err)` and `util.inspect(err)` print (see the class comment). */
  [INSPECT](_depth: number, options: object, show?: Inspect): string {
    const frames = (this.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
    const cellFrames = frames.filter((frame) => frame.includes(CELL_FRAME));
    if (cellFrames.length === 0) return show ? show(this, { ...options, customInspect: false }) : String(this.stack);
    return [`${this.name}: ${this.message}`, ...cellFrames].join("\n");
  }
}

/** Shapes that do not fit an operation (broadcasting, matmul, reshape, ...). */
export class ShapeError extends DlnotesError {
  override name = "ShapeError";
}

/** A value that is not acceptable (NaN, a label that is not 0/1, a bad learning rate, ...). */
export class ValueError extends DlnotesError {
  override name = "ValueError";
}
