/**
 * The course notes' runner, in every exported page (assets/runner/runner.js, a few kB). It adds Run buttons,
 * Run all / Reset / Stop to the page's top line and makes code cells editable; nothing else is loaded until
 * the first Run (then runner-worker.js: the compiler, the library's types and the library, see session.ts).
 * Cells share one scope in the worker, as in a kernel. Stop (a runaway loop) ends the worker: the scope is
 * lost and the next Run starts a fresh one.
 */
import { findCells, type RunnableCell } from "./cells";
import { WorkerSession } from "./session";
import { RUNNER_CSS } from "./style";

/** What the page exposes for the browser test and the curious (`window.dlnotesRunner`). */
export interface RunnerState {
  busy: boolean;
  /** Bytes of the lazily loaded worker source (0 before the first Run). */
  lazyBytes: number;
  /** Duration of the last Run all in ms, and whether every cell ran. */
  lastRunAll: { ms: number; ok: boolean; cells: number } | null;
}

class Runner {
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
  readonly state: RunnerState = { busy: false, lazyBytes: 0, lastRunAll: null };

  constructor(assetBase: string) {
    const style = document.createElement("style");
    style.textContent = RUNNER_CSS;
    document.head.appendChild(style);
    this.bar = document.querySelector<HTMLElement>(".dlnotes-runner-bar") ?? this.makeBar();
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
    button("Reset", "Forget everything the cells defined and show the saved outputs again (your edits stay)", () => this.reset());
    this.stopButton = button("■ Stop", "Stop the running code (also ends the page's scope)", () => this.stop());
    this.stopButton.disabled = true;
    this.status = document.createElement("span");
    this.status.className = "dlnotes-runner-status";
    this.status.setAttribute("role", "status");
    this.bar.appendChild(this.status);
    this.session = new WorkerSession(assetBase, (text) => this.setStatus(text));
    this.session.onRestart = () => this.ran.clear();
    this.cells = findCells((cell) => void this.runCell(cell));
  }

  private makeBar(): HTMLElement {
    const bar = document.createElement("div");
    bar.className = "dlnotes-runner-bar";
    bar.textContent = "The code on this page can be run in your browser.";
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
    this.current = cell;
    cell.begin();
    this.setStatus(`Running cell ${cell.index + 1}…`);
    const done = await this.session.request({ type: "run", cellId: cell.id, code: cell.code }, (m) => cell.output.add(m));
    this.state.lazyBytes = this.session.loadedBytes;
    this.current = null;
    const ok = done.type === "done" && done.ok;
    if (ok) this.ran.add(cell.id);
    cell.end(ok, ++this.runCount);
    const ms = done.type === "done" ? done.ms : 0;
    this.setStatus(ok ? `Cell ${cell.index + 1} ran in ${(ms / 1000).toFixed(2)} s.` : `Cell ${cell.index + 1} did not finish.`);
    return ok;
  }

  /** Runs one cell; offers to run earlier cells first when it uses names only they define. */
  runCell(cell: RunnableCell): Promise<unknown> {
    return this.enqueue(async () => {
      const earlier = this.cells.slice(0, cell.index).filter((c) => !this.ran.has(c.id));
      if (earlier.length > 0) {
        const checked = await this.session.request({ type: "check", cellId: cell.id, code: cell.code });
        if (checked.type === "checked" && checked.missing.length > 0) {
          this.offer(cell, checked.missing, earlier);
          this.setStatus("");
          return false;
        }
      }
      return this.execute(cell);
    });
  }

  private offer(cell: RunnableCell, missing: string[], earlier: RunnableCell[]): void {
    cell.begin();
    cell.end(true, this.runCount);
    const box = document.createElement("div");
    box.className = "dlnotes-offer";
    const names = missing.slice(0, 6).map((n) => `“${n}”`).join(", ") + (missing.length > 6 ? ", …" : "");
    box.textContent = `This cell uses ${names}, defined by earlier cells that have not run yet. `;
    const first = document.createElement("button");
    first.type = "button";
    first.textContent = `Run the ${earlier.length} earlier cell${earlier.length > 1 ? "s" : ""} first`;
    first.addEventListener("click", () => void this.runSequence([...earlier, cell]));
    const only = document.createElement("button");
    only.type = "button";
    only.textContent = "Run only this cell";
    only.addEventListener("click", () => void this.enqueue(() => this.execute(cell)));
    box.append(document.createElement("br"), first, only);
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
    cell?.output.text("note", "Stopped. The code was interrupted, so everything the cells had defined is gone: run the earlier cells again (or Run all).");
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
