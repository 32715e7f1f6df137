/** Waiting policy shared by both threads of the kernels. */

/**
 * How long an idle thread keeps polling before it sleeps (ms). In-heap X dZ^T timings were bimodal (0.3 or
 * 0.7 ms) with a short poll: a worker woken late from Atomics.wait leaves its blocks to the main thread.
 * Back-to-back products and training passes come well within this.
 */
export const SPIN_MS = 2;

/** How long the main thread waits for a worker job before giving up (a stuck worker must not hang a notebook). */
export const WORKER_TIMEOUT_MS = 30_000;
