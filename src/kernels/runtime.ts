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
// NEXT packs the job's sequence number (high 16 bits) with the index of the next unclaimed block (low 16
// bits), so a thread that wakes up late for an old job can never claim a block of a newer one.
const CMD = 0, FN = 2, NARGS = 3, RANGE = 4, CHUNK = 5, PROGRESS = 6, FAILED = 7, READY = 8, NEXT = 9;
const FINISHED = 10, BLOCKS = 11, CLAIM = 12, BLOCK_SIZE = 13;
const ARGS_BYTE = 512, MAX_ARGS = 16, HEAP_START = 1024, MAX_BLOCKS = 0xffff;
const PAGE = 65536, MAX_PAGES = 65536;
/**
 * How long the idle worker keeps polling for the next job before it sleeps. In-heap X dZ^T timings were
 * bimodal (0.3 or 0.7 ms) with a short poll: a worker woken late from Atomics.wait leaves its blocks to
 * the main thread. Back-to-back products and training passes come well within this.
 */
const SPIN_MS = 2;
/** How long the main thread waits for a worker job before giving up (a stuck worker must not hang a notebook). */
const WORKER_TIMEOUT_MS = 30_000;

/** Where the build step (scripts/build-kernels.mjs) writes the module; src/kernels and dist/kernels are both two levels deep. */
export const WASM_PATH = path.resolve(__dirname, "..", "..", "build", "kernels.wasm");

// Runs the claimable blocks of the current job until none is left; the same source runs in the worker and
// (through new Function) on the main thread, so both walk a block identically. A block is a range of
// OUTPUTS (args[claim], args[claim+1]); inside it the kernel walks args[range]..args[range+1] and, before
// each piece, waits until PROGRESS covers it (rows still being copied in by the main thread).
const RUN_BLOCKS_SOURCE = `
// One scratch copy of the job's arguments per thread, so running a block allocates nothing (a training
// runs thousands of jobs; per-job garbage makes each thread's young generation grow).
const scratch = new Float64Array(${MAX_ARGS});
function runBlocks(fns, ctrl, args, tag) {
  for (;;) {
    const v = Atomics.load(ctrl, ${NEXT});
    if ((v >>> 16) !== (tag & 0xffff) || (v & 0xffff) >= ctrl[${BLOCKS}]) return;
    if (Atomics.compareExchange(ctrl, ${NEXT}, v, v + 1) !== v) continue;
    const block = v & 0xffff;
    try {
      const a = scratch;
      a.set(args); // unused slots are ignored: extra arguments to a wasm function are dropped
      const c = ctrl[${CLAIM}], size = ctrl[${BLOCK_SIZE}], r = ctrl[${RANGE}], chunk = ctrl[${CHUNK}];
      const cEnd = a[c + 1];
      a[c] += block * size;
      a[c + 1] = Math.min(cEnd, a[c] + size);
      const lo = a[r], hi = a[r + 1];
      for (let s = lo; s < hi; ) {
        let have;
        while ((have = Atomics.load(ctrl, ${PROGRESS})) <= s) Atomics.wait(ctrl, ${PROGRESS}, have, 50);
        // everything that has arrived, at least one chunk (the copy advances chunk by chunk)
        const e = Math.min(hi, Math.max(have, s + chunk));
        while ((have = Atomics.load(ctrl, ${PROGRESS})) < e) Atomics.wait(ctrl, ${PROGRESS}, have, 50);
        a[r] = s; a[r + 1] = e;
        fns[ctrl[${FN}]](a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9]);
        s = e;
      }
    } catch (err) {
      ctrl[${FAILED}] = 1;
    }
    Atomics.add(ctrl, ${FINISHED}, 1);
    Atomics.notify(ctrl, ${FINISHED});
  }
}
`;

// The worker's code is a plain-JS string run with \`eval: true\`, so no file has to be found at run time
// (tsx, dist/ and a tslab kernel all work the same way). It spins briefly before sleeping because jobs
// arrive back to back during training and a wake-up from Atomics.wait costs tens of microseconds.
// Work is handed out in blocks of outputs that either thread may claim: the main thread, once done with
// its own share, claims the blocks the worker has not started (the worker may be slow to be scheduled on
// a busy machine). A block's numbers do not depend on which thread ran it.
const WORKER_SOURCE = `
const { workerData } = require("worker_threads");
const { module, memory, names } = workerData;
const exportsOf = new WebAssembly.Instance(module, { env: { memory } }).exports;
const fns = names.map((n) => exportsOf[n]);
const ctrl = new Int32Array(memory.buffer, 0, 64);
const args = new Float64Array(memory.buffer, ${ARGS_BYTE}, ${MAX_ARGS});
${RUN_BLOCKS_SOURCE}
Atomics.store(ctrl, ${READY}, 1);
let seen = Atomics.load(ctrl, ${CMD});
for (;;) {
  // spin for up to SPIN_MS after a job (a clock read every 256 checks), then sleep
  const spinUntil = performance.now() + ${SPIN_MS};
  for (let spin = 1; Atomics.load(ctrl, ${CMD}) === seen; spin++) if ((spin & 255) === 0 && performance.now() > spinUntil) break;
  Atomics.wait(ctrl, ${CMD}, seen);
  seen = Atomics.load(ctrl, ${CMD});
  runBlocks(fns, ctrl, args, seen);
}
`;

type RunBlocks = (fns: ((...args: number[]) => void)[], ctrl: Int32Array, args: Float64Array, tag: number) => void;
const runBlocks = new Function(`${RUN_BLOCKS_SOURCE}; return runBlocks;`)() as RunBlocks;

/**
 * A job for the worker: run `kernel(...args)` over the outputs `args[claimArg] .. args[claimArg+1]`, cut into
 * blocks of `blockSize` outputs that the worker and (once done with its own share) the main thread claim;
 * inside a block the kernel walks `args[rangeArg] .. args[rangeArg+1]` in pieces of at least `chunk`.
 */
export interface WorkerJob {
  kernel: KernelName;
  args: number[];
  /** Index in `args` of the [start, end) range walked in pieces; before each piece the walker waits until `progress` covers it. */
  rangeArg: number;
  /** Range units per piece while the range is still arriving. */
  chunk: number;
  /** Index in `args` of the [start, end) output range split into claimable blocks (default: `rangeArg`). */
  claimArg?: number;
  /** Outputs per block (default: the whole range, one block: then only one thread can run the job). */
  blockSize?: number;
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
  /** The kernels in the worker's order (for running claimed blocks on this thread). */
  private readonly kernelList: ((...args: number[]) => void)[];
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
    this.kernelList = KERNEL_NAMES.map((name) => this.kernels[name] as (...args: number[]) => void);
    this.ctrl = new Int32Array(this.memory.buffer, 0, 64);
    this.args = new Float64Array(this.memory.buffer, ARGS_BYTE, MAX_ARGS);
    this.free = [[HEAP_START, this.memory.buffer.byteLength - HEAP_START]];
    this.buffers.add(this.memory.buffer);
  }

  /** The current whole-heap view (re-read after every allocation, since the memory may have grown). */
  get f64(): Float64Array {
    const buffer = this.memory.buffer;
    // cached while the memory has not grown: a view per call would be garbage in every training step
    if (this.heapView.buffer !== buffer) {
      this.buffers.add(buffer);
      this.heapView = new Float64Array(buffer);
    }
    return this.heapView;
  }
  private heapView = new Float64Array(0);

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
    const claim = job.claimArg ?? job.rangeArg;
    const outputs = job.args[claim + 1] - job.args[claim];
    const size = Math.max(1, Math.ceil(Math.max(outputs / MAX_BLOCKS, job.blockSize ?? outputs)));
    // Close the previous job's blocks first: a worker still looking for one must not claim a block
    // described half by the old and half by the new arguments.
    Atomics.store(this.ctrl, NEXT, (this.seq << 16) | MAX_BLOCKS);
    this.args.set(job.args);
    this.ctrl[FN] = KERNEL_NAMES.indexOf(job.kernel);
    this.ctrl[NARGS] = job.args.length;
    this.ctrl[RANGE] = job.rangeArg;
    this.ctrl[CHUNK] = Math.max(1, Math.floor(job.chunk));
    this.ctrl[CLAIM] = claim;
    this.ctrl[BLOCK_SIZE] = size;
    this.ctrl[BLOCKS] = outputs > 0 ? Math.ceil(outputs / size) : 0;
    this.ctrl[FAILED] = 0;
    Atomics.store(this.ctrl, FINISHED, 0);
    Atomics.store(this.ctrl, PROGRESS, progress);
    this.seq = (this.seq + 1) & 0xffff;
    // Publishing NEXT with the new sequence number opens the job's blocks for claiming.
    Atomics.store(this.ctrl, NEXT, this.seq << 16);
    Atomics.store(this.ctrl, CMD, this.seq);
    Atomics.notify(this.ctrl, CMD);
  }

  /**
   * Completes the job started by {@link startWorkerJob}: runs on this thread every block the worker has
   * not claimed yet, then waits for the blocks the worker is running.
   */
  finishWorker(): void {
    runBlocks(this.kernelList, this.ctrl, this.args, this.seq);
    const blocks = this.ctrl[BLOCKS];
    const deadline = Date.now() + WORKER_TIMEOUT_MS;
    let finished: number;
    // Poll for up to SPIN_MS before sleeping: the worker's share usually ends within microseconds of
    // ours, and a wake-up from Atomics.wait can cost more than that on a busy machine.
    const spinUntil = performance.now() + SPIN_MS;
    for (let spin = 1; (finished = Atomics.load(this.ctrl, FINISHED)) !== blocks; spin++) {
      if ((spin & 255) === 0 && performance.now() > spinUntil) break;
    }
    while ((finished = Atomics.load(this.ctrl, FINISHED)) !== blocks) {
      if (Date.now() > deadline) {
        this.markBroken();
        throw new Error("kernels: the helper worker did not finish its job in time");
      }
      Atomics.wait(this.ctrl, FINISHED, finished, 100);
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
