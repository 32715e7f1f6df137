/**
 * The one place that talks to tslab (the notebooks' TypeScript kernel).
 *
 * tslab's public `display` sends one mime type per message; a plot needs several in ONE output (Plotly JSON,
 * HTML, text), so this uses tslab's internal `lastWriteDisplayData`. It is found in Node's module cache
 * rather than required: the library never loads tslab (and its native zeromq) in plain Node, and it finds
 * the copy the kernel really runs (global or local tslab). tslab is pinned to exactly TSLAB_VERSION (../tslab-version.ts);
 * tests/plot.kernel.test.ts checks the raw messages of a real kernel, so an upgrade that breaks this fails.
 */
import type { DisplayOptions, MimeBundle } from "../types";

type DisplayContent = { data: MimeBundle; metadata: object; transient: { display_id?: string } };
type DisplayWriter = (content: DisplayContent, update: boolean) => void;

/** tslab's function that sends a display message for the running cell, or undefined outside a tslab kernel. */
function tslabWriter(): DisplayWriter | undefined {
  for (const [key, mod] of Object.entries(require.cache)) {
    if (!/[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(key)) continue;
    const writer = (mod?.exports as { lastWriteDisplayData?: unknown } | undefined)?.lastWriteDisplayData;
    if (typeof writer === "function") return writer as DisplayWriter;
  }
  return undefined;
}

/** True inside a tslab kernel that has started executing cells. */
export function inTslab(): boolean {
  return tslabWriter() !== undefined;
}

/**
 * Sends `bundle` as one output of the running cell (or replaces the output named by `displayId`).
 * @returns false outside a tslab kernel (nothing sent)
 */
export function tslabDisplay(bundle: MimeBundle, options: DisplayOptions = {}): boolean {
  const write = tslabWriter();
  if (!write) return false;
  const { displayId, update = false } = options;
  write({ data: { ...bundle }, metadata: {}, transient: displayId ? { display_id: displayId } : {} }, update);
  return true;
}
