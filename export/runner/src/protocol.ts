/**
 * Messages between the page (export/runner/src/page) and the worker that compiles and runs the cells
 * (export/runner/src/worker). Every message about a cell carries the `runId` the page gave the request.
 */

/** Page → worker. */
export type ToWorker =
  | { type: "run"; runId: number; cellId: string; code: string }
  /** Type-check only: which names the cell uses that no run cell declares (for "run earlier cells first"). */
  | { type: "check"; runId: number; cellId: string; code: string };

/** A mime bundle as Jupyter sends it (`text/plain`, `image/svg+xml`, `application/vnd.plotly.v1+json`, ...). */
export type MimeData = { [mime: string]: unknown };

/** Worker → page. */
export type FromWorker =
  | { type: "ready" }
  | { type: "stream"; runId: number; name: "stdout" | "stderr"; text: string }
  | { type: "display"; runId: number; data: MimeData; displayId?: string; update: boolean }
  | { type: "result"; runId: number; text: string }
  /** `kind`: "type" = compile errors (one `line:col - message` per line), "runtime" = a throw. */
  | { type: "error"; runId: number; kind: "type" | "runtime"; text: string }
  | { type: "done"; runId: number; ok: boolean; ms: number }
  | { type: "checked"; runId: number; missing: string[] };
