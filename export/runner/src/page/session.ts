/**
 * The page's side of the worker: loads the worker's source on the first Run (a <script> that sets
 * `window.__dlnotesRunnerWorkerSource`; file:// pages may not fetch() it), starts the Worker from a Blob URL,
 * sends one request at a time and hands every message of a request to its listener. `stop()` terminates a
 * runaway worker; the next request starts a fresh one (the scope is then empty).
 */
import { FINAL_ANSWER, type FromWorker, type ToWorker } from "../protocol";

type Listener = (message: FromWorker) => void;
type Request = ToWorker extends infer T ? (T extends { runId: number } ? Omit<T, "runId"> : never) : never;
const FINAL_TYPES = new Set<string>(Object.values(FINAL_ANSWER));

declare global {
  interface Window {
    __dlnotesRunnerWorkerSource?: string;
  }
}

/**
 * Loads a script of the runner (a classic <script>: file:// pages may not fetch() nor import() files) and
 * resolves with what it defines (`defined()` after it ran); once loaded, later calls resolve at once.
 */
export function loadScript<T>(src: string, defined: () => T | undefined): Promise<T> {
  const already = defined();
  if (already) return Promise.resolve(already);
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = () => {
      const value = defined();
      if (value) resolve(value);
      else reject(new Error(`${src} loaded but defined nothing`));
    };
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.appendChild(script);
  });
}

export class WorkerSession {
  private worker: Worker | null = null;
  private ready: Promise<Worker> | null = null;
  private blobUrl: string | null = null;
  private nextId = 1;
  private readonly listeners = new Map<number, Listener>();
  /** Called when a new worker starts (a new, empty scope). */
  onRestart: () => void = () => undefined;
  /** Bytes of the lazily loaded worker source (0 until loaded). */
  loadedBytes = 0;

  constructor(
    private readonly assetBase: string,
    private readonly onStatus: (text: string) => void,
  ) {}

  private loadSource(): Promise<string> {
    return loadScript(`${this.assetBase}runner-worker.js`, () => window.__dlnotesRunnerWorkerSource);
  }

  private start(): Promise<Worker> {
    if (this.ready) return this.ready;
    this.ready = (async () => {
      if (!this.blobUrl) {
        this.onStatus("Loading the TypeScript compiler and the library (first Run only)…");
        const source = await this.loadSource();
        this.loadedBytes = source.length;
        this.blobUrl = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
      }
      this.onStatus("Starting…");
      const worker = new Worker(this.blobUrl);
      await new Promise<void>((resolve, reject) => {
        worker.onmessage = (e: MessageEvent<FromWorker>) => {
          if (e.data.type === "ready") resolve();
        };
        worker.onerror = (e) => reject(new Error(e.message || "the worker failed to start"));
      });
      worker.onmessage = (e: MessageEvent<FromWorker>) => {
        const m = e.data;
        if (m.type !== "ready") this.listeners.get(m.runId)?.(m);
      };
      this.worker = worker;
      this.onRestart();
      return worker;
    })();
    this.ready.catch(() => {
      this.ready = null;
    });
    return this.ready;
  }

  /** True when a worker (and so a scope) exists. */
  get running(): boolean {
    return this.worker !== null;
  }

  /**
   * Sends a request; `listener` gets each of its messages; resolves with the final one (see FINAL_ANSWER).
   */
  async request(request: Request, listener: Listener = () => undefined): Promise<FromWorker> {
    const worker = await this.start();
    const runId = this.nextId++;
    return new Promise((resolve) => {
      this.listeners.set(runId, (m) => {
        listener(m);
        if (FINAL_TYPES.has(m.type)) {
          this.listeners.delete(runId);
          resolve(m);
        }
      });
      worker.postMessage({ ...request, runId } as ToWorker);
    });
  }

  /** Ends the worker (a runaway loop, or Reset): pending requests end as not ok. */
  stop(): void {
    this.worker?.terminate();
    this.worker = null;
    this.ready = null;
    for (const [runId, listener] of this.listeners) listener({ type: "done", runId, ok: false, ms: 0 });
    this.listeners.clear();
  }
}
