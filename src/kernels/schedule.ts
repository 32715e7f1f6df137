/**
 * Whether to share a job with the helper worker: decided by measuring, per kind of job, how long it took on
 * both threads and on this thread alone, lately.
 *
 * Sharing pays on an idle machine. When another process keeps a core busy (a browser, a second kernel, CI), the
 * helper thread can be descheduled while it holds a block, and the main thread then waits for it: the same job
 * runs slower on two threads than on one. No fixed rule tells the two cases apart from inside the process, so
 * each kind of job (kernel and size) keeps an average of its recent times in both modes, runs in the faster one,
 * and now and then runs once in the other to notice when the machine changes. The numbers never depend on the
 * choice: blocks are added in a fixed order whichever thread ran them.
 */

/** The first jobs of a kind alternate between the modes, to measure both. */
const WARM_UP_JOBS = 6;
/** After that, every so many jobs run once in the slower mode, to see whether it became the faster one. */
const EXPLORE_EVERY = 32;
/** Weight of the newest time in each mode's moving average. */
const NEWEST_WEIGHT = 0.4;

interface Times {
  /** Moving averages of the job's time in ms (NaN until measured). */
  solo: number;
  shared: number;
  jobs: number;
}

/** The per-kind record of job times and the choice made from it. */
export class ThreadChoice {
  private readonly kinds = new Map<string, Times>();

  /** True when the next job of this kind should be shared with the helper worker. */
  shareNext(kind: string): boolean {
    let times = this.kinds.get(kind);
    if (!times) this.kinds.set(kind, (times = { solo: Number.NaN, shared: Number.NaN, jobs: 0 }));
    const job = times.jobs++;
    if (job < WARM_UP_JOBS || Number.isNaN(times.solo) || Number.isNaN(times.shared)) {
      return Number.isNaN(times.shared) || (!Number.isNaN(times.solo) && job % 2 === 0);
    }
    const faster = times.shared <= times.solo;
    return job % EXPLORE_EVERY === 0 ? !faster : faster;
  }

  /** Records how long a job of this kind took (ms), shared or alone. */
  record(kind: string, shared: boolean, ms: number): void {
    const times = this.kinds.get(kind);
    if (!times) return;
    const key = shared ? "shared" : "solo";
    times[key] = Number.isNaN(times[key]) ? ms : times[key] + NEWEST_WEIGHT * (ms - times[key]);
  }

  /** The averages so far (for tests and diagnostics). */
  times(kind: string): { solo: number; shared: number; jobs: number } | undefined {
    const times = this.kinds.get(kind);
    return times && { ...times };
  }
}
