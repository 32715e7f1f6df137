/**
 * The WebAssembly runtime behind the fast kernels: one shared `WebAssembly.Memory` (its heap managed by
 * {@link SharedHeap}), the SIMD kernels of `kernels.wat` instantiated on it, and ONE helper worker
 * (worker.ts, started through the platform) that runs the same kernels on the same memory, so a job can be
 * split between the main thread and the worker.
 *
 * Calls stay synchronous: the main thread posts a job to the worker through the control block (protocol.ts),
 * claims and runs blocks of it like the worker does until none is left, then waits (a 0.1 ms poll, then
 * `Atomics.wait`) for the blocks the worker is still running. The worker is used only once it
 * has reported itself ready: until then every job runs on the main thread alone.
 */
import { platform } from "../platform";
import { KernelFunction, createBlockRunner } from "./blocks";
import { SharedHeap } from "./heap";
import {
  HEAP_START,
  KERNEL_NAMES,
  KernelExports,
  KernelName,
  MAX_ARGS,
  MAX_BLOCKS,
  Slot,
  controlViews,
  packNext,
} from "./protocol";
import { ThreadChoice } from "./schedule";
import { SPIN_MS, WORKER_TIMEOUT_MS } from "./timing";

export { KernelExports, KernelName } from "./protocol";

/** Initial and largest size of the shared memory, in 64 KiB pages (1 MiB .. 4 GiB). */
const INITIAL_PAGES = 16,
  MAX_PAGES = 65536;

/**
 * A job for the worker: run `kernel(...args)` over the outputs `args[claimArg] .. args[claimArg+1]`, cut into
 * blocks of `blockSize` outputs that the worker and (once done with its own share) the main thread claim;
 * inside a block the kernel walks `args[rangeArg] .. args[rangeArg+1]` in pieces of at least `chunk`.
 */
export interface WorkerJob {
  kernel: KernelName;
  /** At most MAX_ARGS (16) numbers. */
  args: number[];
  /** Index in `args` of the [start, end) range walked in pieces; before each piece the walker waits until `progress` covers it. */
  rangeArg: number;
  /** Range units per piece while the range is still arriving. */
  chunk: number;
  /** Index in `args` of the [start, end) output range split into claimable blocks (default: `rangeArg`). */
  claimArg?: number;
  /** Outputs per block (default: the whole range, one block: then only one thread can run the job). */
  blockSize?: number;
  /** An argument offset by `block * perBlockStride` in each block (e.g. each block's own partial-sum buffer). */
  perBlockArg?: number;
  /** See `perBlockArg` (default 0: no offset). */
  perBlockStride?: number;
}

/** Where the helper worker is: not asked for yet, starting/running, or unavailable for good. */
type WorkerState = "idle" | "started" | "unavailable";

/** The loaded runtime: kernels, heap and the optional helper worker. */
export class KernelRuntime {
  readonly memory: WebAssembly.Memory;
  readonly kernels: KernelExports;
  readonly heap: SharedHeap;
  /** False on a host without shared memory (platform.sharedKernelMemory): no helper worker, no arrays living here. */
  readonly shared: boolean;
  private readonly module: WebAssembly.Module;
  private readonly ctrl: Int32Array;
  private readonly args: Float64Array;
  private workerState: WorkerState = "idle";
  private seq = 0;
  /** Runs claimed blocks of a job on this thread. */
  private readonly runBlocks: (seq: number) => void;
  /** Which jobs have lately been faster shared with the worker than alone. */
  readonly threadChoice = new ThreadChoice();

  constructor(module: WebAssembly.Module) {
    this.module = module;
    this.shared = platform.sharedKernelMemory;
    this.memory = new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum: MAX_PAGES, shared: this.shared });
    const instance = new WebAssembly.Instance(module, { env: { memory: this.memory } });
    this.kernels = instance.exports as unknown as KernelExports;
    ({ ctrl: this.ctrl, args: this.args } = controlViews(this.memory.buffer));
    this.heap = new SharedHeap(this.memory, HEAP_START);
    const fns = KERNEL_NAMES.map((name) => this.kernels[name] as KernelFunction);
    this.runBlocks = createBlockRunner(fns, this.ctrl, this.args);
  }

  /** The current whole-heap view (re-read after every allocation, since the memory may have grown). */
  get f64(): Float64Array {
    return this.heap.f64;
  }

  /** Byte address of `view`'s first element when it lies in this heap, else -1 (then it must be copied in). */
  addressOf(view: Float64Array): number {
    return this.heap.addressOf(view);
  }

  /** Allocates `count` float64s (64-byte aligned, contents undefined); returns the byte address. */
  alloc(count: number): number {
    return this.heap.alloc(count);
  }

  /** Returns a block from {@link alloc} to the heap. */
  release(address: number): void {
    this.heap.release(address);
  }

  /**
   * True when the helper worker is up and a job can be shared with it. The first call starts it; jobs run
   * on the main thread alone until it is ready (a few tens of milliseconds), so no call ever waits for it.
   */
  workerReady(): boolean {
    // Without shared memory there is no helper, and the control views die with the first grow: never touch them.
    if (!this.shared) return false;
    if (this.workerState === "idle") this.startWorker();
    return this.workerState === "started" && Atomics.load(this.ctrl, Slot.ready) === 1;
  }

  /** Resolves once the worker is ready (or can never be): for tests that must exercise the two-thread path. */
  async whenWorkerReady(timeoutMs = 10_000): Promise<boolean> {
    const start = Date.now();
    while (this.shared && !this.workerReady() && this.workerState !== "unavailable" && Date.now() - start < timeoutMs) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return this.workerReady();
  }

  private startWorker(): void {
    this.workerState = "started";
    const handle = platform.startKernelWorker({ module: this.module, memory: this.memory, names: KERNEL_NAMES }, () =>
      this.markUnavailable(),
    );
    if (!handle) this.markUnavailable();
  }

  private markUnavailable(): void {
    this.workerState = "unavailable";
    Atomics.store(this.ctrl, Slot.ready, 0);
  }

  /** Sets how much of the worker's range is available (e.g. rows already copied into the heap). */
  setProgress(value: number): void {
    Atomics.store(this.ctrl, Slot.progress, value);
    Atomics.notify(this.ctrl, Slot.progress);
  }

  /**
   * Runs `job` shared with the helper worker, or `alone()` on this thread, whichever has lately been faster for
   * jobs of this kernel and size ({@link ThreadChoice}: on a machine with a busy core, sharing can be slower).
   * `alone` must compute exactly what the job does; the results never depend on the choice. `meanwhile`, if
   * given, runs on this thread while the worker wakes up (or before `alone`): work the caller needs anyway,
   * such as making the result array (a fresh 100 KB Float64Array costs 20-80 us).
   */
  runJob(job: WorkerJob, progress: number, alone: () => void, meanwhile?: () => void): void {
    const claim = job.claimArg ?? job.rangeArg;
    const kind = `${job.kernel}:${job.args[claim + 1] - job.args[claim]}`;
    const shared = this.workerReady() && this.threadChoice.shareNext(kind);
    const start = performance.now();
    if (shared) {
      this.startWorkerJob(job, progress);
      meanwhile?.();
      this.finishWorker();
    } else {
      meanwhile?.();
      alone();
    }
    // The first shared job of a kind also runs the worker's first, unoptimised (baseline-compiled) call of the
    // kernel: measured 2.3 ms against 0.8 ms for the next ones. Recorded, it made sharing look slower than it
    // is for the next jobs, so it is not recorded.
    if (shared && !this.sharedKinds.has(kind)) this.sharedKinds.add(kind);
    else this.threadChoice.record(kind, shared, performance.now() - start);
  }

  /** Kinds of job that have run shared at least once (see runJob). */
  private readonly sharedKinds = new Set<string>();

  /** Hands `job` to the worker (call {@link workerReady} first); pair with {@link finishWorker}. */
  startWorkerJob(job: WorkerJob, progress: number): void {
    if (job.args.length > MAX_ARGS)
      throw new RangeError(`kernels: a job takes at most ${MAX_ARGS} arguments, got ${job.args.length}`);
    const claim = job.claimArg ?? job.rangeArg;
    const outputs = job.args[claim + 1] - job.args[claim];
    const size = Math.max(1, Math.ceil(Math.max(outputs / MAX_BLOCKS, job.blockSize ?? outputs)));
    const ctrl = this.ctrl;
    // Close the previous job's blocks first: a worker still looking for one must not claim a block
    // described half by the old and half by the new arguments.
    Atomics.store(ctrl, Slot.next, packNext(this.seq, MAX_BLOCKS));
    this.args.fill(0);
    this.args.set(job.args);
    ctrl[Slot.kernel] = KERNEL_NAMES.indexOf(job.kernel);
    ctrl[Slot.argCount] = job.args.length;
    ctrl[Slot.range] = job.rangeArg;
    ctrl[Slot.chunk] = Math.max(1, Math.floor(job.chunk));
    ctrl[Slot.claim] = claim;
    ctrl[Slot.blockSize] = size;
    ctrl[Slot.perBlockArg] = job.perBlockArg ?? 0;
    ctrl[Slot.perBlockStride] = job.perBlockStride ?? 0;
    ctrl[Slot.blocks] = outputs > 0 ? Math.ceil(outputs / size) : 0;
    ctrl[Slot.failed] = 0;
    Atomics.store(ctrl, Slot.finished, 0);
    Atomics.store(ctrl, Slot.progress, progress);
    this.seq = (this.seq + 1) & 0xffff;
    // Publishing the new sequence number in Slot.next opens the job's blocks for claiming.
    Atomics.store(ctrl, Slot.next, packNext(this.seq, 0));
    Atomics.store(ctrl, Slot.command, this.seq);
    Atomics.notify(ctrl, Slot.command);
  }

  /**
   * Completes the job started by {@link startWorkerJob}: runs on this thread every block the worker has
   * not claimed yet, then waits for the blocks the worker is running.
   */
  finishWorker(): void {
    const ctrl = this.ctrl;
    this.runBlocks(this.seq);
    const blocks = ctrl[Slot.blocks];
    const deadline = Date.now() + WORKER_TIMEOUT_MS;
    let finished: number;
    // Poll for up to SPIN_MS before sleeping: the worker's share usually ends within microseconds of
    // ours, and a wake-up from Atomics.wait can cost more than that on a busy machine.
    const spinUntil = performance.now() + SPIN_MS;
    for (let spin = 1; (finished = Atomics.load(ctrl, Slot.finished)) !== blocks; spin++) {
      if ((spin & 255) === 0 && performance.now() > spinUntil) break;
    }
    while ((finished = Atomics.load(ctrl, Slot.finished)) !== blocks) {
      if (Date.now() > deadline) {
        this.markUnavailable();
        throw new Error("kernels: the helper worker did not finish its job in time");
      }
      Atomics.wait(ctrl, Slot.finished, finished, 100);
    }
    if (ctrl[Slot.failed]) throw new Error(`kernels: the helper worker failed in ${KERNEL_NAMES[ctrl[Slot.kernel]]}`);
  }
}

let runtime: KernelRuntime | null | undefined;

/**
 * The shared kernel runtime, or null when WebAssembly SIMD kernels are unavailable (dist/kernels/kernels.wasm
 * missing, or a host without shared memory / SIMD): callers then use their plain loops.
 */
export function getRuntime(): KernelRuntime | null {
  if (runtime !== undefined) return runtime;
  runtime = null;
  try {
    const module = platform.kernelModule();
    if (module) runtime = new KernelRuntime(module);
  } catch {
    runtime = null;
  }
  return runtime;
}
