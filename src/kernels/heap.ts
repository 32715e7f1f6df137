/**
 * A small first-fit allocator over a shared `WebAssembly.Memory`: the kernels' heap. Blocks are 64-byte
 * aligned (a cache line); freed blocks merge with their free neighbours; the memory grows (by at least a
 * quarter) when no free block is large enough.
 */

/** Bytes per WebAssembly page. */
const PAGE = 65536;
/** Alignment and smallest block, in bytes. */
const ALIGN = 64;

/** The heap of one shared memory, from byte `start` to the memory's end. */
export class SharedHeap {
  /** Free blocks [address, bytes], sorted by address, never adjacent (they are merged). */
  private free: [number, number][];
  private readonly used = new Map<number, number>();
  /** Every buffer object the memory has handed out (a new one after each grow), to recognise heap views. */
  private readonly buffers = new WeakSet<ArrayBufferLike>();
  private heapView = new Float64Array(0);

  /**
   * @param memory the memory to manage (its buffer may grow; views made before a grow stay valid for shared memory)
   * @param start first byte of the heap (below it: the job protocol's control block), a multiple of 64
   */
  constructor(
    readonly memory: WebAssembly.Memory,
    start: number,
  ) {
    if (start % ALIGN !== 0) throw new RangeError(`SharedHeap: start must be a multiple of ${ALIGN}, got ${start}`);
    this.free = [[start, memory.buffer.byteLength - start]];
    this.buffers.add(memory.buffer);
  }

  /** The current whole-memory float64 view (re-read after every allocation, since the memory may have grown). */
  get f64(): Float64Array {
    const buffer = this.memory.buffer;
    // cached while the memory has not grown: a view per call would be garbage in every training step
    if (this.heapView.buffer !== buffer) {
      this.buffers.add(buffer);
      this.heapView = new Float64Array(buffer);
    }
    return this.heapView;
  }

  /** Byte address of `view`'s first element when it lies in this memory, else -1 (then it must be copied in). */
  addressOf(view: Float64Array): number {
    return this.buffers.has(view.buffer) ? view.byteOffset : -1;
  }

  /**
   * Allocates `count` float64s (64-byte aligned, contents undefined); returns the byte address.
   * @throws RangeError when `count` is not a non-negative integer or the memory cannot grow enough
   */
  alloc(count: number): number {
    if (!Number.isSafeInteger(count) || count < 0)
      throw new RangeError(`kernels: cannot allocate ${count} float64 values`);
    const bytes = Math.max(ALIGN, Math.ceil((count * 8) / ALIGN) * ALIGN);
    for (let attempt = 0; attempt < 2; attempt++) {
      for (let i = 0; i < this.free.length; i++) {
        const [at, size] = this.free[i];
        if (size < bytes) continue;
        if (size === bytes) this.free.splice(i, 1);
        else this.free[i] = [at + bytes, size - bytes];
        this.used.set(at, bytes);
        return at;
      }
      if (!this.grow(bytes)) break;
    }
    throw new RangeError(`kernels: cannot allocate ${count} float64 values in the shared heap`);
  }

  /** Returns a block from {@link alloc} to the heap; an unknown or already released address is ignored. */
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

  /** Bytes in use and free, and the number of free blocks (for tests and diagnostics). */
  stats(): { usedBytes: number; freeBytes: number; freeBlocks: number } {
    let usedBytes = 0,
      freeBytes = 0;
    for (const b of this.used.values()) usedBytes += b;
    for (const [, b] of this.free) freeBytes += b;
    return { usedBytes, freeBytes, freeBlocks: this.free.length };
  }

  /** Grows the memory by at least `bytes` (and at least a quarter); false when it cannot grow. */
  private grow(bytes: number): boolean {
    const oldEnd = this.memory.buffer.byteLength;
    const pages = Math.ceil(Math.max(bytes, oldEnd / 4) / PAGE);
    try {
      this.memory.grow(pages);
    } catch {
      return false;
    }
    const newEnd = this.memory.buffer.byteLength;
    this.buffers.add(this.memory.buffer);
    const last = this.free[this.free.length - 1];
    if (last && last[0] + last[1] === oldEnd) last[1] += newEnd - oldEnd;
    else this.free.push([oldEnd, newEnd - oldEnd]);
    return true;
  }
}
