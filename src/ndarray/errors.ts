/** Errors raised by the library. Messages always name the operation and the offending shapes or values. */
import { inspect, InspectOptions } from "node:util";
import { dirname, sep } from "node:path";

// The library's own folder (dist/ when compiled, src/ under tsx): frames from here are internals to a student.
const LIBRARY_DIR = dirname(__dirname) + sep;
// Code run through Node's vm, as tslab runs each notebook cell, appears in stacks as this file name.
const CELL_FRAME = "evalmachine.<anonymous>";

/** A stack frame a notebook user does not need: the library's internals, Node's own code, the tslab kernel. */
function isInternalFrame(frame: string): boolean {
  return frame.includes(LIBRARY_DIR) || /\(node:|at node:/.test(frame) || /[\\/]tslab[\\/]dist[\\/]/.test(frame);
}

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
  [inspect.custom](_depth: number, options: InspectOptions, show: typeof inspect = inspect): string {
    const frames = (this.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
    if (!frames.some((frame) => frame.includes(CELL_FRAME))) return show(this, { ...options, customInspect: false });
    return [`${this.name}: ${this.message}`, ...frames.filter((frame) => !isInternalFrame(frame))].join("\n");
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
