/** Timing code honestly: the median of several runs after a warm-up (the first runs include compilation). */

/**
 * The median time in milliseconds of `repeats` runs of `run`, after `warmup` untimed runs.
 * @example medianMs(() => propagate(w, b, X, Y), 5) // e.g. 1.8
 * @throws RangeError when `repeats` is not a positive integer or `warmup` not a non-negative integer
 */
export function medianMs(run: () => unknown, repeats = 5, warmup = 1): number {
  if (!Number.isInteger(repeats) || repeats < 1)
    throw new RangeError(`medianMs: repeats must be a positive integer, got ${repeats}`);
  if (!Number.isInteger(warmup) || warmup < 0)
    throw new RangeError(`medianMs: warmup must be a non-negative integer, got ${warmup}`);
  for (let i = 0; i < warmup; i++) run();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}
