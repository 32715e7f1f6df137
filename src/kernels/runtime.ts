/**
 * The WebAssembly runtime behind the fast kernels: one shared `WebAssembly.Memory` (a heap with a small
 * allocator), the SIMD kernels of `kernels.wat` instantiated on it, and ONE helper worker thread that runs
 * the same kernels on the same memory, so a job can be split between the main thread and the worker.
 *
 * Calls stay synchronous: the main thread posts a job to the worker through a control block in shared
 * memory, does its own share, then blocks on `Atomics.wait` until the worker is done. The worker is
 * `unref()`ed, so it never keeps a process (a script, `node --test`, a tslab kernel) alive, and it is used
 * only once it has reported itself ready: until then every job runs on the main thread alone.
 */
import * as fs from "fs";
import * as path from "path";
import { Worker } from "worker_threads";

/** Exported functions of kernels.wasm (see kernels.wat for the exact semantics). */
export interface KernelExports {
  rowvec(a: number, b: number, out: number, n: number, p0: number, p1: number, j0: number, j1: number): void;
  matcol(a: number, b: number, out: number, k: number, i0: number, i1: number): void;
  fusedRows(x: number, dz: number, w: number, dw: number, zpart: number, m: number, i0: number, i1: number, lr: number): void;
}

/** Kernel names in the order the worker indexes them. */
const KERNEL_NAMES = ["rowvec", "matcol", "fusedRows"] as const;
export type KernelName = (typeof KERNEL_NAMES)[number];

// Control block (Int32 slots) at address 0; job arguments (float64) at ARGS_BYTE. The heap starts above.
const CMD = 0, DONE = 1, FN = 2, NARGS = 3, RANGE = 4, CHUNK = 5, PROGRESS = 6, FAILED = 7, READY = 8, CLAIMED = 9;
const ARGS_BYTE = 512, MAX_ARGS = 16, HEAP_START = 1024;
const PAGE = 65536, MAX_PAGES = 65536;
/** How long the main thread waits for a worker job before giving up (a stuck worker must not hang a notebook). */
const WORKER_TIMEOUT_MS = 30_000;

/** Where the build step (scripts/build-kernels.mjs) writes the module; src/kernels and dist/kernels are both two levels deep. */
export const WASM_PATH = path.resolve(__dirname, "..", "..", "build", "kernels.wasm");

// The worker's code is a plain-JS string run with `eval: true`, so no file has to be found at run time
// (tsx, dist/ and a tslab kernel all work the same way). It spins briefly before sleeping because jobs
// arrive back to back during training and a wake-up from Atomics.wait costs tens of microseconds.
// On a busy machine the worker may not be scheduled in time: then the main thread, once done with its
// own share, claims the worker's job and runs it itself (same ranges, so the same numbers).
const WORKER_SOURCE = `
const { workerData } = require("worker_threads");
const { module, memory, names } = workerData;
const exportsOf = new WebAssembly.Instance(module, { env: { memory } }).exports;
const fns = names.map((n) => exportsOf[n]);
const ctrl = new Int32Array(memory.buffer, 0, 64);
const args = new Float64Array(memory.buffer, ${ARGS_BYTE}, ${MAX_ARGS});
Atomics.store(ctrl, ${READY}, 1);
let seen = Atomics.load(ctrl, ${CMD});
for (;;) {
  for (let spin = 0; spin < 20000 && Atomics.load(ctrl, ${CMD}) === seen; spin++);
  Atomics.wait(ctrl, ${CMD}, seen);
  seen = Atomics.load(ctrl, ${CMD});
  // The main thread runs a job itself when the worker is slow to pick it up: whoever moves CLAIMED
  // from seq-1 to seq owns the job.
  if (Atomics.compareExchange(ctrl, ${CLAIMED}, (seen - 1) | 0, seen) !== ((seen - 1) | 0)) continue;
  let failed = 0;
  try {
    const fn = fns[ctrl[${FN}]];
    const a = Array.from(args.subarray(0, ctrl[${NARGS}]));
    const r = ctrl[${RANGE}], chunk = ctrl[${CHUNK}], lo = a[r], hi = a[r + 1];
    for (let s = lo; s < hi; s += chunk) {
      const e = Math.min(hi, s + chunk);
      let have;
      while ((have = Atomics.load(ctrl, ${PROGRESS})) < e) Atomics.wait(ctrl, ${PROGRESS}, have);
      a[r] = s; a[r + 1] = e;
      fn(...a);
    }
  } catch (err) { failed = 1; }
  ctrl[${FAILED}] = failed;
  Atomics.store(ctrl, ${DONE}, seen);
  Atomics.notify(ctrl, ${DONE});
}
`;

/** A job for the worker: run `kernel(...args)` over `args[rangeArg] .. args[rangeArg+1]` in chunks. */
export interface WorkerJob {
  kernel: KernelName;
  args: number[];
  /** Index in `args` of the [start, end) range the worker walks in chunks. */
  rangeArg: number;
  /** Range units per chunk; before each chunk the worker waits until `progress` covers its end. */
  chunk: number;
}

/** The loaded runtime: kernels, heap and the optional helper worker. */
export class KernelRuntime {
  readonly memory: WebAssembly.Memory;
  readonly kernels: KernelExports;
  private readonly module: WebAssembly.Module;
  private readonly ctrl: Int32Array;
  private readonly args: Float64Array;
  private worker: Worker | null = null;
  private workerBroken = false;
  private seq = 0;
  /** Free blocks [address, bytes], sorted by address. */
  private free: [number, number][];
  private readonly used = new Map<number, number>();
  /** Every buffer object the memory has handed out (a new one after each grow), to recognise heap views. */
  private readonly buffers = new WeakSet<ArrayBufferLike>();

  constructor(module: WebAssembly.Module) {
    this.module = module;
    this.memory = new WebAssembly.Memory({ initial: 16, maximum: MAX_PAGES, shared: true });
    const instance = new WebAssembly.Instance(module, { env: { memory: this.memory } });
    this.kernels = instance.exports as unknown as KernelExports;
    this.ctrl = new Int32Array(this.memory.buffer, 0, 64);
    this.args = new Float64Array(this.memory.buffer, ARGS_BYTE, MAX_ARGS);
    this.free = [[HEAP_START, this.memory.buffer.byteLength - HEAP_START]];
    this.buffers.add(this.memory.buffer);
  }

  /** The current whole-heap view (re-read after every allocation, since the memory may have grown). */
  get f64(): Float64Array {
    const buffer = this.memory.buffer;
    this.buffers.add(buffer);
    return new Float64Array(buffer);
  }

  /** Byte address of `view`'s first element when it lies in this heap, else -1 (then it must be copied in). */
  addressOf(view: Float64Array): number {
    return this.buffers.has(view.buffer) ? view.byteOffset : -1;
  }

  /** Allocates `count` float64s (64-byte aligned, contents undefined); returns the byte address. */
  alloc(count: number): number {
    const bytes = Math.max(64, Math.ceil((count * 8) / 64) * 64);
    for (let attempt = 0; attempt < 2; attempt++) {
      for (let i = 0; i < this.free.length; i++) {
        const [at, size] = this.free[i];
        if (size < bytes) continue;
        if (size === bytes) this.free.splice(i, 1);
        else this.free[i] = [at + bytes, size - bytes];
        this.used.set(at, bytes);
        return at;
      }
      this.grow(bytes);
    }
    throw new RangeError(`kernels: cannot allocate ${count} float64 values in the shared heap`);
  }

  /** Returns a block from {@link alloc} to the heap. */
  release(address: number): void {
    const bytes = this.used.get(address);
    if (bytes === undefined) return;
    this.used.delete(address);
    let i = 0;
    while (i < this.free.length && this.free[i][0] < address) i++;
    this.free.splice(i, 0, [address, bytes]);
    // merge with the following and the preceding free block
    if (i + 1 < this.free.length && address + bytes === this.free[i + 1][0]) {
      this.free[i][1] += this.free[i + 1][1];
      this.free.splice(i + 1, 1);
    }
    if (i > 0 && this.free[i - 1][0] + this.free[i - 1][1] === address) {
      this.free[i - 1][1] += this.free[i][1];
      this.free.splice(i, 1);
    }
  }

  private grow(bytes: number): void {
    const oldEnd = this.memory.buffer.byteLength;
    const pages = Math.ceil(Math.max(bytes, oldEnd / 4) / PAGE);
    this.memory.grow(pages);
    const newEnd = this.memory.buffer.byteLength;
    this.buffers.add(this.memory.buffer);
    const last = this.free[this.free.length - 1];
    if (last && last[0] + last[1] === oldEnd) last[1] += newEnd - oldEnd;
    else this.free.push([oldEnd, newEnd - oldEnd]);
  }

  /**
   * True when the helper worker is up and a job can be shared with it. The first call starts it; jobs run
   * on the main thread alone until it is ready (a few tens of milliseconds), so no call ever waits for it.
   */
  workerReady(): boolean {
    if (this.workerBroken || THREADS_DISABLED) return false;
    if (!this.worker) this.startWorker();
    return Atomics.load(this.ctrl, READY) === 1;
  }

  /** Resolves once the worker is ready (or can never be): for tests that must exercise the two-thread path. */
  async whenWorkerReady(timeoutMs = 10_000): Promise<boolean> {
    const start = Date.now();
    while (!this.workerReady() && !this.workerBroken && !THREADS_DISABLED && Date.now() - start < timeoutMs) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return this.workerReady();
  }

  private startWorker(): void {
    try {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { module: this.module, memory: this.memory, names: KERNEL_NAMES },
      });
      worker.on("error", () => this.markBroken());
      worker.on("exit", () => this.markBroken());
      worker.unref();
      this.worker = worker;
    } catch {
      this.markBroken();
    }
  }

  private markBroken(): void {
    this.workerBroken = true;
    Atomics.store(this.ctrl, READY, 0);
  }

  /** Sets how much of the worker's range is available (e.g. rows already copied into the heap). */
  setProgress(value: number): void {
    Atomics.store(this.ctrl, PROGRESS, value);
    Atomics.notify(this.ctrl, PROGRESS);
  }

  /** Hands `job` to the worker (call {@link workerReady} first); pair with {@link finishWorker}. */
  startWorkerJob(job: WorkerJob, progress: number): void {
    if (job.args.length > MAX_ARGS) throw new RangeError("kernels: too many job arguments");
    this.args.set(job.args);
    this.ctrl[FN] = KERNEL_NAMES.indexOf(job.kernel);
    this.ctrl[NARGS] = job.args.length;
    this.ctrl[RANGE] = job.rangeArg;
    this.ctrl[CHUNK] = Math.max(1, Math.floor(job.chunk));
    this.ctrl[FAILED] = 0;
    Atomics.store(this.ctrl, PROGRESS, progress);
    this.seq = (this.seq + 1) | 0;
    Atomics.store(this.ctrl, CMD, this.seq);
    Atomics.notify(this.ctrl, CMD);
  }

  /**
   * Completes the job started by {@link startWorkerJob}: runs it on this thread if the worker has not
   * picked it up yet, otherwise blocks until the worker has finished it.
   */
  finishWorker(): void {
    const seq = this.seq, previous = (seq - 1) | 0;
    if (Atomics.compareExchange(this.ctrl, CLAIMED, previous, seq) === previous) {
      const fn = this.kernels[KERNEL_NAMES[this.ctrl[FN]]] as (...args: number[]) => void;
      fn(...Array.from(this.args.subarray(0, this.ctrl[NARGS])));
      return;
    }
    const deadline = Date.now() + WORKER_TIMEOUT_MS;
    let done: number;
    for (let spin = 0; (done = Atomics.load(this.ctrl, DONE)) !== this.seq && spin < 2000; spin++);
    while ((done = Atomics.load(this.ctrl, DONE)) !== this.seq) {
      if (Date.now() > deadline) {
        this.markBroken();
        throw new Error("kernels: the helper worker did not finish its job in time");
      }
      Atomics.wait(this.ctrl, DONE, done, 100);
    }
    if (this.ctrl[FAILED]) throw new Error(`kernels: the helper worker failed in ${KERNEL_NAMES[this.ctrl[FN]]}`);
  }
}

/** `DLNOTES_THREADS=1` keeps every kernel on the main thread (for comparisons and debugging). */
const THREADS_DISABLED = typeof process !== "undefined" && process.env.DLNOTES_THREADS === "1";

let runtime: KernelRuntime | null | undefined;

/**
 * The shared kernel runtime, or null when WebAssembly SIMD kernels are unavailable (build/kernels.wasm
 * missing, or a platform without shared memory / SIMD): callers then use their plain loops.
 */
export function getRuntime(): KernelRuntime | null {
  if (runtime !== undefined) return runtime;
  runtime = null;
  try {
    if (typeof SharedArrayBuffer === "undefined" || !fs.existsSync(WASM_PATH)) return null;
    runtime = new KernelRuntime(new WebAssembly.Module(fs.readFileSync(WASM_PATH)));
  } catch {
    runtime = null;
  }
  return runtime;
}
