/**
 * The course notes' runner, in every exported page (assets/runner/runner.js, a few kB). It adds Run buttons,
 * Run all / Stop / Reset to the page's top bar, says there what happens (TypeScript, offline, the one-time
 * download), and keeps linked headings below that bar. Two parts load only when needed: the code editor
 * (runner-editor.js, CodeMirror) when a reader first clicks or focuses a cell or runs one, and the worker
 * (runner-worker.js: the compiler, the library's types and the library) on the first Run, completion or
 * check (see session.ts). Cells share one scope in the worker, as in a kernel. Stop (a runaway loop) ends the
 * worker: the scope is lost and the next Run starts a fresh one.
 */
import type { EditorModule } from "../editor/api";
import { findCells, type CellOwner, type RunnableCell } from "./cells";
import { EditStore } from "./edits";
import { keepTargetsBelowStickyBars } from "./layout";
import { loadScript, WorkerSession } from "./session";
import { RUNNER_CSS } from "./style";

/** Bytes of runner-worker.js, written in by scripts/build-browser.ts (the one-time download of the first Run). */
declare const __DLNOTES_WORKER_BYTES__: number;

/** What the page exposes for the browser test and the curious (`window.dlnotesRunner`). */
export interface RunnerState {
  busy: boolean;
  /** Bytes of the lazily loaded worker source (0 before the first Run). */
  lazyBytes: number;
  /** Whether the editor script has been loaded. */
  editor: boolean;
  /** Duration of the last Run all in ms, and whether every cell ran. */
  lastRunAll: { ms: number; ok: boolean; cells: number } | null;
}

/** Why a name the cells use can exist in tslab but not here (shown instead of "run earlier cells"). */
const NOT_IN_THE_NOTES =
  "which no earlier cell defines and the notes do not provide: cells here run in your browser, offline, with standard " +
  "JavaScript (ES2022), console, timers and the course's library only (no network, no web page, no files, no Node modules).";

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

class Runner implements CellOwner {
  private readonly cells: RunnableCell[];
  private readonly session: WorkerSession;
  private readonly ran = new Set<string>();
  private readonly bar: HTMLElement;
  private readonly status: HTMLElement;
  private readonly stopButton: HTMLButtonElement;
  private runCount = 0;
  private queue: Promise<unknown> = Promise.resolve();
  /** Bumped by Stop and Reset: queued work of an older generation is dropped. */
  private generation = 0;
  private current: RunnableCell | null = null;
  private editorModule: Promise<EditorModule> | null = null;
  readonly edits = new EditStore(location.pathname);
  readonly state: RunnerState = { busy: false, lazyBytes: 0, editor: false, lastRunAll: null };

  constructor(private readonly assetBase: string) {
    const style = document.createElement("style");
    style.textContent = RUNNER_CSS;
    document.head.appendChild(style);
    this.bar = document.querySelector<HTMLElement>(".dlnotes-runner-bar") ?? this.makeBar();
    this.bar.replaceChildren();
    const intro = document.createElement("span");
    intro.className = "dlnotes-runner-intro";
    intro.textContent =
      `The TypeScript code on this page can be run in your browser, offline: edit a cell, ▶ Run it (Shift+Enter). ` +
      `The first Run loads the compiler once (${megabytes(__DLNOTES_WORKER_BYTES__)}, from this folder).`;
    this.bar.appendChild(intro);
    const button = (label: string, title: string, action: () => void) => {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = label;
      b.title = title;
      b.addEventListener("click", action);
      this.bar.appendChild(b);
      return b;
    };
    button("▶▶ Run all", "Run every code cell from the top, stopping at the first error", () => void this.runAll());
    this.stopButton = button("■ Stop", "Stop the running code (also forgets what the cells defined)", () =>
      this.stop(),
    );
    this.stopButton.disabled = true;
    button("Reset", "Forget what the cells defined and show the saved outputs again (your edits stay)", () =>
      this.reset(),
    );
    const resetSays = document.createElement("span");
    resetSays.className = "dlnotes-runner-help";
    resetSays.textContent =
      "Reset forgets what the cells defined and shows the saved outputs; your edits stay (↺ Course code in a cell undoes them).";
    this.bar.appendChild(resetSays);
    this.status = document.createElement("span");
    this.status.className = "dlnotes-runner-status";
    this.status.setAttribute("role", "status");
    this.bar.appendChild(this.status);
    this.session = new WorkerSession(assetBase, (text) => this.setStatus(text));
    this.session.onRestart = () => this.ran.clear();
    this.cells = findCells(this);
    if (!this.edits.available)
      this.setStatus("This browser does not let the page store your edits: they last until the page closes.");
    if (this.edits.any) void this.loadEditor();
    keepTargetsBelowStickyBars(this.bar);
  }

  private makeBar(): HTMLElement {
    const bar = document.createElement("div");
    bar.className = "dlnotes-runner-bar";
    document.body.insertBefore(bar, document.body.firstChild);
    return bar;
  }

  private setStatus(text: string): void {
    this.status.textContent = text;
  }

  private setBusy(busy: boolean): void {
    this.state.busy = busy;
    this.stopButton.disabled = !busy;
    document.body.dataset.runner = busy ? "busy" : "idle";
  }

  /** Loads runner-editor.js once and gives every cell its editor. */
  loadEditor(): Promise<EditorModule> {
    if (!this.editorModule) {
      this.editorModule = loadScript(`${this.assetBase}runner-editor.js`, () => window.__dlnotesEditor).then(
        (module) => {
          for (const cell of this.cells) cell.attachEditor(module);
          this.state.editor = true;
          return module;
        },
      );
      this.editorModule.catch((error: unknown) => {
        this.editorModule = null;
        this.setStatus(
          `The editor could not be loaded (${error instanceof Error ? error.message : String(error)}); the cells can still be run.`,
        );
      });
    }
    return this.editorModule;
  }

  wantEditor(cell: RunnableCell): void {
    void this.loadEditor().then(() => cell.focus());
  }

  editorHost(cell: RunnableCell) {
    return {
      complete: async (code: string, offset: number) => {
        const answer = await this.session.request({ type: "complete", cellId: cell.id, code, offset });
        return answer.type === "completions" ? answer : null;
      },
      inspect: async (code: string, offset: number) => {
        if (!this.session.running) return null; // hovering never loads the compiler
        const answer = await this.session.request({ type: "inspect", cellId: cell.id, code, offset });
        return answer.type === "inspected" && answer.found ? answer : null;
      },
    };
  }

  /** Queues `task`; it is skipped if Stop or Reset happened after it was queued. */
  private enqueue<T>(task: () => Promise<T>): Promise<T | undefined> {
    const generation = this.generation;
    const next = this.queue.then(async () => {
      if (generation !== this.generation) return undefined;
      this.setBusy(true);
      try {
        return await task();
      } finally {
        this.setBusy(false);
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async execute(cell: RunnableCell): Promise<boolean> {
    const generation = this.generation;
    this.current = cell;
    cell.begin();
    this.setStatus(`Running cell ${cell.index + 1}…`);
    const done = await this.session.request({ type: "run", cellId: cell.id, code: cell.code }, (m) =>
      cell.output.add(m),
    );
    this.state.lazyBytes = this.session.loadedBytes;
    this.current = null;
    if (generation !== this.generation) return false; // stopped or reset: that already said what happened
    const ok = done.type === "done" && done.ok;
    if (ok) this.ran.add(cell.id);
    cell.end(ok, ++this.runCount);
    const ms = done.type === "done" ? done.ms : 0;
    this.setStatus(
      ok
        ? `Cell ${cell.index + 1} ran in ${(ms / 1000).toFixed(2)} s.`
        : `Cell ${cell.index + 1} failed: see its output.`,
    );
    return ok;
  }

  /** Runs one cell; offers to run earlier cells first when it uses names only they define. */
  run(cell: RunnableCell): void {
    void this.loadEditor();
    void this.runCell(cell);
  }

  /** Runs one cell (see {@link run}); resolves when it ran or an offer is shown. */
  runCell(cell: RunnableCell): Promise<unknown> {
    return this.enqueue(async () => {
      const earlier = this.cells.slice(0, cell.index).filter((c) => !this.ran.has(c.id));
      const checked = await this.session.request({
        type: "check",
        cellId: cell.id,
        code: cell.code,
        earlier: earlier.map((c) => c.code),
      });
      if (checked.type === "checked" && checked.missing.length > 0) {
        this.offer(cell, checked.missing, checked.unavailable, earlier);
        this.setStatus("");
        return false;
      }
      const ok = await this.execute(cell);
      if (checked.type === "checked" && checked.unavailable.length > 0)
        this.offer(cell, [], checked.unavailable, earlier, false);
      return ok;
    });
  }

  private offer(
    cell: RunnableCell,
    missing: string[],
    unavailable: string[],
    earlier: RunnableCell[],
    fresh = true,
  ): void {
    if (fresh) {
      cell.begin();
      cell.end(true, this.runCount);
    }
    const quote = (names: string[]) =>
      names
        .slice(0, 6)
        .map((n) => `“${n}”`)
        .join(", ") + (names.length > 6 ? ", …" : "");
    const box = document.createElement("div");
    box.className = "dlnotes-offer";
    if (unavailable.length > 0) {
      const p = document.createElement("p");
      p.textContent = `This cell uses ${quote(unavailable)}, ${NOT_IN_THE_NOTES}`;
      box.appendChild(p);
    }
    if (missing.length > 0) {
      const p = document.createElement("p");
      p.textContent = `This cell uses ${quote(missing)}, defined by earlier cells that have not run yet.`;
      const first = document.createElement("button");
      first.type = "button";
      first.textContent = `Run the ${earlier.length} earlier cell${earlier.length > 1 ? "s" : ""} first`;
      first.addEventListener("click", () => void this.runSequence([...earlier, cell]));
      const only = document.createElement("button");
      only.type = "button";
      only.textContent = "Run only this cell";
      only.addEventListener("click", () => void this.enqueue(() => this.execute(cell)));
      p.append(document.createElement("br"), first, only);
      box.appendChild(p);
    }
    cell.output.element.appendChild(box);
  }

  private runSequence(cells: RunnableCell[]): Promise<boolean | undefined> {
    return this.enqueue(async () => {
      for (const c of cells) if (!(await this.execute(c))) return false;
      return true;
    });
  }

  /** Runs every cell from the top, stopping at the first that fails (as Jupyter's Run All). */
  async runAll(): Promise<void> {
    void this.loadEditor();
    const started = performance.now();
    const ok = await this.runSequence(this.cells);
    const ms = performance.now() - started;
    this.state.lastRunAll = { ms, ok: ok === true, cells: this.cells.length };
    if (ok) this.setStatus(`Ran all ${this.cells.length} cells in ${(ms / 1000).toFixed(1)} s.`);
  }

  /** Ends the running code (a runaway loop): the worker and everything the cells defined are gone. */
  stop(): void {
    const cell = this.current;
    this.generation++;
    this.session.stop();
    this.ran.clear();
    if (cell) {
      cell.end(false, this.runCount);
      cell.output.text(
        "note",
        "Stopped. The code was interrupted, so everything the cells had defined is gone: run the earlier cells again (or Run all).",
      );
    }
    this.setStatus("Stopped; the next Run starts afresh.");
  }

  /** Forgets the scope and shows the saved outputs again; edits stay in the cells. */
  reset(): void {
    this.generation++;
    this.session.stop();
    this.ran.clear();
    this.runCount = 0;
    for (const c of this.cells) c.restore();
    this.setStatus("Reset: nothing is defined; the saved outputs are shown.");
  }
}

const script = document.currentScript as HTMLScriptElement | null;
const base = script?.src ? script.src.replace(/[^/]*$/, "") : "assets/runner/";
function start(): void {
  const runner = new Runner(base);
  (window as unknown as { dlnotesRunner: Runner }).dlnotesRunner = runner;
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
