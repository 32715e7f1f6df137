/**
 * console.log's formatting and the cell results' text in the worker, as Node's `util.inspect`/`util.format`
 * print them in the tslab kernel: `node-inspect-extracted`, a maintained browser port of Node's own
 * lib/internal/util/inspect.js (arrays grouped into columns, class names, `nodejs.util.inspect.custom` methods
 * such as the library's arrays, errors with their stack).
 */
import { format, inspect as nodeInspect } from "node-inspect-extracted";

/** One value as `util.inspect` shows it (strings quoted): a cell's result. */
export function inspect(value: unknown): string {
  return nodeInspect(value);
}

/** The line console.log writes for its arguments (`util.format`: `%s`/`%d`/... substitutions, the rest inspected). */
export function formatLogArguments(args: unknown[]): string {
  return format(...args);
}
