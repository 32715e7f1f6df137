/** Waiting policy shared by both threads of the kernels. */

/**
 * How long an idle thread keeps polling before it sleeps on Atomics.wait (ms). Short on purpose: polling
 * longer burns a core that another process (a browser, a second kernel) may need, and since every job is cut
 * into many small blocks that either thread can claim, a worker that wakes up late only leaves more blocks
 * to the main thread. The gap between two passes of a training loop (the sigmoid and cost over m values,
 * some microseconds) still falls within it.
 */
export const SPIN_MS = 0.1;

/** How long the main thread waits for a worker job before giving up (a stuck worker must not hang a notebook). */
export const WORKER_TIMEOUT_MS = 30_000;
