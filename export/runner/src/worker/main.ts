/**
 * The runner's worker: one per page session (Reset or Stop ends it and the page starts a fresh one). It
 * holds the shared scope of the page's cells, type-checks each cell against the declarations of the cells
 * run before it, runs it, and posts what it prints and shows to the page (protocol.ts). The library is
 * bundled into this worker (scripts/build-browser.ts), so a cell's `import ... from "dlnotes"` needs no file.
 */
import type { CellFrame, FromWorker, MimeData, ToWorker } from "../protocol";
import { CellService, missingNames, type CellDiagnostic } from "./typecheck";
import { completeness } from "./completeness";
import { contextSource, declarationsOf, type Declaration } from "./declarations";
import { compileCell, IMPORT_FUNCTION, type CompiledCell } from "./scope";
import { formatLogArguments, inspect } from "./inspect";
import { setDisplaySink, setKernelBytes } from "../../../../src/platform/browser";
import kernelsWasm from "virtual:kernels-wasm";
import * as dlnotes from "../../../../src/index";
import * as exercises from "../../../../src/exercises/index";

const scope = self as unknown as {
  postMessage(m: FromWorker): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
};
const post = (m: FromWorker) => scope.postMessage(m);

/** The run whose output is being produced (late output, e.g. from a timer, goes to the last run cell). */
let currentRun = 0;
const service = new CellService();
/**
 * Declarations of every successful run, oldest first. A later run's names shadow earlier ones (see
 * contextSource); names a re-run cell no longer declares stay defined, as they do in tslab's kernel.
 */
const history: Declaration[][] = [];

/** Plain JSON copy of a bundle, when it holds something structured clone refuses (functions). */
function cloneable(data: MimeData): MimeData {
  try {
    structuredClone(data);
    return data;
  } catch {
    return JSON.parse(JSON.stringify(data)) as MimeData;
  }
}

function installConsole(): void {
  const stream =
    (name: "stdout" | "stderr") =>
    (...args: unknown[]) =>
      post({ type: "stream", runId: currentRun, name, text: `${formatLogArguments(args)}\n` });
  console.log = stream("stdout");
  console.info = stream("stdout");
  console.debug = stream("stdout");
  console.warn = stream("stderr");
  console.error = stream("stderr");
}

function installModules(): void {
  const modules: { [name: string]: unknown } = { dlnotes, "dlnotes/exercises": exercises };
  (globalThis as Record<string, unknown>)[IMPORT_FUNCTION] = (name: string) => {
    if (!(name in modules))
      throw new Error(
        `Cannot find module '${name}': the page provides only ${Object.keys(modules)
          .map((m) => `"${m}"`)
          .join(" and ")}`,
      );
    return modules[name];
  };
}

/**
 * A readable message for cell code that reaches for the network. This is not the defence: the page's
 * Content-Security-Policy (src/core/definitions.ts, `connect-src 'none'`, scripts only from the page's folder,
 * workers only from blobs, which inherit the policy) refuses every connection, however the code gets hold of a
 * fetch (from a prototype, from a worker it starts); tests/runner.csp.test.ts tries them. WebRTC is the one way
 * out that CSP does not govern: RTCPeerConnection is not exposed in workers, and is refused here too should a
 * browser expose it.
 */
function installNoNetwork(): void {
  const names = [
    "fetch",
    "XMLHttpRequest",
    "WebSocket",
    "EventSource",
    "importScripts",
    "WebTransport",
    "RTCPeerConnection",
    "webkitRTCPeerConnection",
  ];
  for (const name of names) {
    const refuse = function () {
      throw new Error(`${name} is not available here: the code of the course notes runs offline`);
    };
    Object.defineProperty(globalThis, name, { value: refuse, writable: false, configurable: false });
  }
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return `Uncaught ${inspect(error)}`;
  return `${errorName(error)}: ${error.message}`;
}

function errorName(error: Error): string {
  const ctor = (error as { constructor?: { name?: string } }).constructor?.name;
  return error.name === "Error" && ctor && ctor !== "Error" ? ctor : error.name;
}

function diagnosticsText(diagnostics: CellDiagnostic[]): string {
  return diagnostics.map((d) => `${d.line}:${d.column} - ${d.message}`).join("\n");
}

/** The source standing for the cells run so far, as seen by `code` (its own declarations shadow theirs). */
function contextOf(code: string): string {
  return contextSource(history, declarationsOf(code));
}

function check(code: string): CellDiagnostic[] {
  return service.check(contextOf(code), code);
}

/** Missing names split into those the earlier (not yet run) cells declare and those nothing on the page does. */
function checked(runId: number, code: string, earlier: string[]): FromWorker {
  const names = missingNames(check(code));
  const declared = new Set(earlier.flatMap((c) => declarationsOf(c).flatMap((d) => d.names)));
  return {
    type: "checked",
    runId,
    missing: names.filter((n) => declared.has(n)),
    unavailable: names.filter((n) => !declared.has(n)),
  };
}

/** The cells run so far by the name their code runs under (`dlnotes-cell-<runId>`), for their stack frames. */
const compiledCells = new Map<string, { cellId: string; cell: CompiledCell }>();
/** How many compiled cells are kept for stack frames (the oldest are forgotten: their frames are then left out). */
const KEPT_CELLS = 1000;
const CELL_URL_PREFIX = "dlnotes-cell-";
const FRAME = new RegExp(`^\\s*at (?:async )?(?:(.+?) \\()?(${CELL_URL_PREFIX}\\d+):(\\d+):(\\d+)\\)?$`);

/** The frames of an error's stack that are in cells' code, at the cells' own lines; other frames are left out. */
function cellFrames(error: Error, runId: number): CellFrame[] {
  const frames: CellFrame[] = [];
  for (const line of String(error.stack ?? "").split("\n")) {
    const match = FRAME.exec(line);
    const compiled = match && compiledCells.get(match[2]);
    if (!match || !compiled) continue;
    const position = compiled.cell.cellPosition(Number(match[3]), Number(match[4]));
    if (!position) continue;
    // V8 names the cell's body and the arrow functions inside eval'd code "eval"
    const fn = match[1] === undefined || /^(?:Object\.)?eval$/.test(match[1]) ? "" : match[1];
    frames.push({ fn, cellId: compiled.cellId, current: match[2] === `${CELL_URL_PREFIX}${runId}`, ...position });
  }
  return frames;
}

async function run(runId: number, cellId: string, code: string): Promise<void> {
  currentRun = runId;
  const started = performance.now();
  const done = (ok: boolean) => post({ type: "done", runId, ok, ms: performance.now() - started });
  let diagnostics: CellDiagnostic[];
  try {
    diagnostics = check(code);
  } catch (error) {
    post({ type: "error", runId, kind: "runtime", text: `the TypeScript compiler failed: ${errorText(error)}` });
    return done(false);
  }
  if (diagnostics.length > 0) {
    post({ type: "error", runId, kind: "type", text: diagnosticsText(diagnostics) });
    return done(false);
  }
  const declared = declarationsOf(code);
  if (declared.length > 0) history.push(declared);
  try {
    const url = `${CELL_URL_PREFIX}${runId}`;
    const cell = compileCell(code, url);
    compiledCells.set(url, { cellId, cell });
    if (compiledCells.size > KEPT_CELLS) compiledCells.delete(compiledCells.keys().next().value as string);
    const body = (0, eval)(cell.source) as () => Promise<unknown>;
    const value = await body();
    if (value !== undefined) post({ type: "result", runId, text: inspect(value) });
    done(true);
  } catch (error) {
    const fields =
      error instanceof Error
        ? { name: errorName(error), message: error.message, frames: cellFrames(error, runId) }
        : { name: "Error", message: inspect(error) };
    post({ type: "error", runId, kind: "runtime", text: errorText(error), ...fields });
    done(false);
  }
}

installConsole();
installModules();
installNoNetwork();
setKernelBytes(kernelsWasm);
setDisplaySink((bundle, options) =>
  post({
    type: "display",
    runId: currentRun,
    data: cloneable(bundle),
    displayId: options.displayId,
    update: options.update ?? false,
  }),
);

/** Answers one request (a run posts its outputs as it goes, then `done`). */
async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case "run":
      return run(message.runId, message.cellId, message.code);
    case "check":
      return post(checked(message.runId, message.code, message.earlier ?? []));
    case "complete": {
      const { from, to, items } = service.complete(contextOf(message.code), message.code, message.offset);
      return post({ type: "completions", runId: message.runId, from, to, items });
    }
    case "inspect": {
      const info = service.inspect(contextOf(message.code), message.code, message.offset);
      return post({
        type: "inspected",
        runId: message.runId,
        found: info !== undefined,
        text: info?.text ?? "",
        docs: info?.docs ?? "",
        from: info?.from ?? message.offset,
        to: info?.to ?? message.offset,
      });
    }
    case "isComplete":
      return post({ type: "completeness", runId: message.runId, ...completeness(message.code) });
  }
}

/** The answer a request gets when the service itself fails (so a front end never waits forever). */
function failed(message: ToWorker, error: unknown): FromWorker {
  const runId = message.runId;
  switch (message.type) {
    case "run":
      return { type: "done", runId, ok: false, ms: 0 };
    case "check":
      return { type: "checked", runId, missing: [], unavailable: [] };
    case "complete":
      return { type: "completions", runId, from: message.offset, to: message.offset, items: [] };
    case "inspect":
      return {
        type: "inspected",
        runId,
        found: false,
        text: "",
        docs: `the TypeScript service failed: ${errorText(error)}`,
        from: message.offset,
        to: message.offset,
      };
    case "isComplete":
      return { type: "completeness", runId, status: "complete", indent: "" };
  }
}

// One request at a time, in the order they came.
let queue = Promise.resolve();
scope.onmessage = (event) => {
  const message = event.data;
  queue = queue.then(() => handle(message)).catch((error: unknown) => post(failed(message, error)));
};
post({ type: "ready" });
