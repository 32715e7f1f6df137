/**
 * Whether to share a job with the helper worker: decided by measuring, per kind of job, how long it took on
 * both threads and on this thread alone, lately.
 *
 * Sharing pays on an idle machine. When another process keeps a core busy (a browser, a second kernel, CI), the
 * helper thread can be descheduled while it holds a block, and the main thread then waits for it: the same job
 * runs slower on two threads than on one. No fixed rule tells the two cases apart from inside the process, so
 * each kind of job (kernel and size) keeps its recent times in both modes, runs in the faster one, and now and
 * then runs once in the other to notice when the machine changes. The numbers never depend on the choice:
 * blocks are added in a fixed order whichever thread ran them.
 *
 * Each mode is judged by the MEDIAN of its last few times, not by a moving average: job times on a shared
 * machine have a long tail (a pass that waited for a descheduled thread, a cache emptied by another process),
 * and with an average one slow shared pass of a training used to switch it to one thread for up to
 * EXPLORE_EVERY passes, each ~1.7x slower (measured: 15-30 % of a training's passes ran alone on an idle
 * machine). A median of five ignores one or two such passes and still follows a lasting change within three.
 */

/** The first jobs of a kind alternate between the modes, to measure both. */
const WARM_UP_JOBS = 6;
/** After that, every so many jobs run once in the slower mode, to see whether it became the faster one ... */
const EXPLORE_EVERY = 32;
/**
 * ... and twice as few once such a run confirmed the choice: with a core busy, each run shared is a slow pass
 * (the helper descheduled), so re-measuring costs time; a machine that became idle is still noticed within
 * EXPLORE_MAX jobs (a fraction of a second of training).
 */
const EXPLORE_MAX = 64;
/** ... but only this many when the last such run was faster than the chosen mode's median (check again soon). */
const EXPLORE_SOON = 4;
/** Times kept per mode (the median of these decides). */
const WINDOW = 5;
/**
 * Sharing must be at least this much faster (time shared / time alone) to be chosen. On an idle machine it is
 * 1.5-1.8x faster; with a core busy both modes come out close and noisy, and a coin flip between them costs
 * the slow tail of the shared passes (a helper descheduled for a whole time slice), which a median hides.
 */
const SHARE_MARGIN = 0.9;

/** The recent times of one mode, newest overwriting oldest. */
class Recent {
  private readonly ms: number[] = [];
  private next = 0;

  add(ms: number): void {
    if (this.ms.length < WINDOW) this.ms.push(ms);
    else this.ms[this.next] = ms;
    this.next = (this.next + 1) % WINDOW;
  }

  /** The median of the kept times (NaN before the first). */
  median(): number {
    const n = this.ms.length;
    if (n === 0) return Number.NaN;
    const sorted = this.ms.slice().sort((a, b) => a - b);
    return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}

interface Times {
  solo: Recent;
  shared: Recent;
  jobs: number;
  /** The job number at which the slower mode runs next. */
  exploreAt: number;
  /** Jobs between two runs of the slower mode while it stays slower (EXPLORE_EVERY .. EXPLORE_MAX). */
  interval: number;
  /** True while the job being run is such a run of the slower mode. */
  exploring: boolean;
}

/** The per-kind record of job times and the choice made from it. */
export class ThreadChoice {
  private readonly kinds = new Map<string, Times>();

  /** True when the next job of this kind should be shared with the helper worker. */
  shareNext(kind: string): boolean {
    let times = this.kinds.get(kind);
    if (!times) {
      times = {
        solo: new Recent(),
        shared: new Recent(),
        jobs: 0,
        exploreAt: EXPLORE_EVERY,
        interval: EXPLORE_EVERY,
        exploring: false,
      };
      this.kinds.set(kind, times);
    }
    const job = times.jobs++;
    times.exploring = false;
    if (job < WARM_UP_JOBS) return job % 2 === 0;
    const faster = this.sharedIsFaster(times);
    if (job < times.exploreAt) return faster;
    times.exploring = true;
    return !faster;
  }

  /** Records how long a job of this kind took (ms), shared or alone. */
  record(kind: string, shared: boolean, ms: number): void {
    const times = this.kinds.get(kind);
    if (!times) return;
    if (times.exploring) {
      // The slower mode's run: if it beat the chosen mode, look again soon, else less and less often.
      const chosen = (shared ? times.solo : times.shared).median();
      if (shared ? ms < SHARE_MARGIN * chosen : SHARE_MARGIN * ms < chosen) {
        times.exploreAt = times.jobs + EXPLORE_SOON;
        times.interval = EXPLORE_EVERY;
      } else {
        times.exploreAt = times.jobs + times.interval;
        times.interval = Math.min(EXPLORE_MAX, 2 * times.interval);
      }
    }
    (shared ? times.shared : times.solo).add(ms);
  }

  /** The medians of the recent times so far (for tests and diagnostics). */
  times(kind: string): { solo: number; shared: number; jobs: number } | undefined {
    const times = this.kinds.get(kind);
    return times && { solo: times.solo.median(), shared: times.shared.median(), jobs: times.jobs };
  }

  private sharedIsFaster(times: Times): boolean {
    const shared = times.shared.median(),
      solo = times.solo.median();
    return Number.isNaN(solo) || shared <= SHARE_MARGIN * solo;
  }
}
