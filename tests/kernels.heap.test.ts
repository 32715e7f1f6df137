// The kernels' parts on their own: the shared-heap allocator and the job protocol's block runner.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SharedHeap } from "../src/kernels/heap";
import { createBlockRunner } from "../src/kernels/blocks";
import {
  ARGS_BYTE,
  HEAP_START,
  MAX_ARGS,
  MAX_BLOCKS,
  Slot,
  controlViews,
  packNext,
  unpackNext,
} from "../src/kernels/protocol";

const PAGE = 65536;

function freshHeap(pages = 1, maximum = 64): SharedHeap {
  return new SharedHeap(new WebAssembly.Memory({ initial: pages, maximum, shared: true }), HEAP_START);
}

test("alloc hands out 64-byte aligned, non-overlapping blocks inside the heap", () => {
  const heap = freshHeap();
  const sizes = [1, 7, 8, 9, 100, 0, 33];
  const blocks = sizes.map((count) => ({
    at: heap.alloc(count),
    bytes: Math.max(64, Math.ceil((count * 8) / 64) * 64),
  }));
  for (const b of blocks) {
    assert.equal(b.at % 64, 0, `address ${b.at} is not 64-byte aligned`);
    assert.ok(b.at >= HEAP_START, "below the heap: the control block would be overwritten");
  }
  const sorted = [...blocks].sort((a, b) => a.at - b.at);
  for (let i = 1; i < sorted.length; i++)
    assert.ok(sorted[i - 1].at + sorted[i - 1].bytes <= sorted[i].at, "blocks overlap");
  assert.equal(
    heap.stats().usedBytes,
    blocks.reduce((s, b) => s + b.bytes, 0),
  );
});

test("released blocks merge with both neighbours, so the heap returns to one free block", () => {
  const heap = freshHeap();
  const total = heap.stats().freeBytes;
  const [a, b, c] = [heap.alloc(100), heap.alloc(100), heap.alloc(100)];
  heap.release(a);
  heap.release(c); // c merges with the free tail
  assert.equal(heap.stats().freeBlocks, 2);
  heap.release(b); // b merges with a before it and the tail after it
  assert.deepEqual(heap.stats(), { usedBytes: 0, freeBytes: total, freeBlocks: 1 });
  heap.release(b); // twice, or an unknown address: ignored
  heap.release(12345);
  assert.deepEqual(heap.stats(), { usedBytes: 0, freeBytes: total, freeBlocks: 1 });
});

test("a freed block is reused first-fit", () => {
  const heap = freshHeap();
  const a = heap.alloc(100);
  heap.alloc(100);
  heap.release(a);
  assert.equal(heap.alloc(50), a, "the first hole that fits is used");
});

test("the heap grows the memory when nothing fits, and views made before the grow are still recognised", () => {
  const heap = freshHeap(1);
  const before = heap.memory.buffer.byteLength;
  const small = heap.alloc(10);
  const oldView = new Float64Array(heap.memory.buffer, small, 10);
  const big = heap.alloc((3 * PAGE) / 8); // 3 pages of float64s: more than one page holds
  assert.ok(heap.memory.buffer.byteLength >= before + 3 * PAGE);
  assert.equal(heap.addressOf(oldView), small);
  assert.equal(heap.addressOf(new Float64Array(heap.f64.buffer, big, 4)), big);
  assert.equal(heap.addressOf(new Float64Array(10)), -1, "ordinary memory is not in the heap");
  heap.f64[big / 8 + (3 * PAGE) / 8 - 1] = 42; // the whole block is writable
  assert.equal(heap.f64[big / 8 + (3 * PAGE) / 8 - 1], 42);
});

test("alloc names the problem for bad counts and for a memory that cannot grow", () => {
  const heap = freshHeap(1, 2);
  assert.throws(() => heap.alloc(-1), { name: "RangeError", message: /cannot allocate -1 float64 values/ });
  assert.throws(() => heap.alloc(1.5), RangeError);
  assert.throws(() => heap.alloc((4 * PAGE) / 8), { name: "RangeError", message: /in the shared heap/ });
  assert.throws(
    () => new SharedHeap(new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }), 100),
    /multiple of 64/,
  );
});

test("the protocol's layout: slots, arguments and heap do not overlap; NEXT packs sequence and block", () => {
  const slots = Object.values(Slot);
  assert.equal(new Set(slots).size, slots.length, "two slots share an index");
  assert.ok(Math.max(...slots) * 4 < ARGS_BYTE, "control slots run into the arguments");
  assert.ok(ARGS_BYTE + MAX_ARGS * 8 <= HEAP_START, "arguments run into the heap");
  assert.deepEqual(unpackNext(packNext(0xabcd, 7)), { seq: 0xabcd, block: 7 });
  assert.deepEqual(unpackNext(packNext(0xffff, MAX_BLOCKS)), { seq: 0xffff, block: MAX_BLOCKS });
});

/** A control block and arguments on a fresh shared memory, set up as startWorkerJob does for one job. */
function job(args: number[], claim: number, blockSize: number, seq = 1) {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
  const { ctrl, args: argView } = controlViews(memory.buffer);
  argView.set(args);
  const outputs = args[claim + 1] - args[claim];
  ctrl[Slot.kernel] = 0;
  ctrl[Slot.argCount] = args.length;
  ctrl[Slot.range] = claim;
  ctrl[Slot.chunk] = 1_000_000;
  ctrl[Slot.claim] = claim;
  ctrl[Slot.blockSize] = blockSize;
  ctrl[Slot.blocks] = Math.ceil(outputs / blockSize);
  ctrl[Slot.progress] = args[claim + 1];
  Atomics.store(ctrl, Slot.next, packNext(seq, 0));
  return { ctrl };
}

test("a job passes every one of its arguments to the kernel, up to MAX_ARGS (the old runner dropped the 11th on)", () => {
  const args = Array.from({ length: MAX_ARGS }, (_, i) => 100 + i);
  args[0] = 0; // the claimed output range is args[0] .. args[1]
  args[1] = 10;
  const calls: number[][] = [];
  const { ctrl } = job(args, 0, 10);
  createBlockRunner([(...a: number[]) => void calls.push(a)], ctrl, controlViews(ctrl.buffer).args)(1);
  assert.equal(calls.length, 1);
  assert.deepEqual(calls[0], [0, 10, ...args.slice(2)], "arguments 3..16 arrive unchanged");
  assert.equal(ctrl[Slot.finished], 1);
  assert.equal(ctrl[Slot.failed], 0);
});

test("the runner cuts the claimed range into blocks, runs each once, and ignores a stale job", () => {
  const seen: [number, number][] = [];
  const { ctrl } = job([0, 25, 7], 0, 10);
  const { args } = controlViews(ctrl.buffer);
  createBlockRunner([(lo, hi) => void seen.push([lo, hi])], ctrl, args)(0); // sequence 0: not this job
  assert.equal(seen.length, 0);
  createBlockRunner([(lo, hi) => void seen.push([lo, hi])], ctrl, args)(1);
  assert.deepEqual(seen, [
    [0, 10],
    [10, 20],
    [20, 25],
  ]);
  assert.equal(ctrl[Slot.finished], 3);
  assert.deepEqual(unpackNext(ctrl[Slot.next]), { seq: 1, block: 3 });
});

test("a kernel that throws marks the job failed, and the block still counts as finished", () => {
  const { ctrl } = job([0, 4], 0, 2);
  createBlockRunner(
    [
      () => {
        throw new Error("boom");
      },
    ],
    ctrl,
    controlViews(ctrl.buffer).args,
  )(1);
  assert.equal(ctrl[Slot.failed], 1);
  assert.equal(ctrl[Slot.finished], 2);
});

test("each block offsets the per-block argument by block * stride (its own partial-sum buffer)", () => {
  const seen: number[][] = [];
  const { ctrl } = job([0, 25, 1000], 0, 10);
  ctrl[Slot.perBlockArg] = 2;
  ctrl[Slot.perBlockStride] = 64;
  const { args } = controlViews(ctrl.buffer);
  createBlockRunner([(lo, hi, buffer) => void seen.push([lo, hi, buffer])], ctrl, args)(1);
  assert.deepEqual(seen, [
    [0, 10, 1000],
    [10, 20, 1064],
    [20, 25, 1128],
  ]);
  assert.equal(args[2], 1000, "the job's own arguments are not changed");
});
