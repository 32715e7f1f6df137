// Sharing a job with the helper worker or running it alone (src/kernels/schedule.ts): the faster mode of the
// recent past wins, both are measured first, and the slower one is tried again now and then, so a machine that
// becomes busy (or idle again) changes the choice. The kernels' results never depend on it (tests/kernels.*).
import { test } from "node:test";
import assert from "node:assert/strict";
import { ThreadChoice } from "../src/kernels/schedule";

/** Runs `jobs` jobs of one kind whose time depends on the mode; returns the modes chosen, in order. */
function simulate(choice: ThreadChoice, jobs: number, ms: (shared: boolean) => number): boolean[] {
  const modes: boolean[] = [];
  for (let i = 0; i < jobs; i++) {
    const shared = choice.shareNext("fusedRows:12288");
    choice.record("fusedRows:12288", shared, ms(shared));
    modes.push(shared);
  }
  return modes;
}

test("both modes are measured first, then the faster one runs, the other now and then", () => {
  const choice = new ThreadChoice();
  const modes = simulate(choice, 200, (shared) => (shared ? 1 : 1.8)); // an idle machine: sharing pays
  assert.deepEqual(modes.slice(0, 6), [true, false, true, false, true, false]);
  const later = modes.slice(6);
  const alone = later.filter((shared) => !shared).length;
  assert.ok(alone >= 2 && alone <= 6, `one job in 32, then in 64, runs alone to re-measure, got ${alone} of 194`);
});

test("a busy core: sharing became slower, so jobs run alone, and share again once it pays", () => {
  const choice = new ThreadChoice();
  let busy = false;
  const ms = (shared: boolean) => (shared ? (busy ? 4 : 1) : busy ? 2 : 1.8);
  simulate(choice, 50, ms);
  busy = true;
  const whileBusy = simulate(choice, 200, ms).slice(70); // a few re-measurements to notice
  assert.ok(whileBusy.filter((s) => !s).length > 110, "mostly alone while sharing is slower");
  busy = false;
  const idleAgain = simulate(choice, 200, ms).slice(100);
  assert.ok(idleAgain.filter((s) => s).length > 85, "mostly shared again once sharing pays");
});

test("kinds of jobs are timed apart: a small product does not decide for the training pass", () => {
  const choice = new ThreadChoice();
  for (let i = 0; i < 40; i++) {
    const a = choice.shareNext("matcol:64");
    choice.record("matcol:64", a, a ? 0.05 : 0.01);
    const b = choice.shareNext("fusedRows:12288");
    choice.record("fusedRows:12288", b, b ? 1 : 2);
  }
  const small = choice.times("matcol:64")!;
  const big = choice.times("fusedRows:12288")!;
  assert.ok(small.solo < small.shared && big.shared < big.solo);
});

test("one slow shared job among fast ones does not send the next jobs to one thread", () => {
  const choice = new ThreadChoice();
  simulate(choice, 40, (shared) => (shared ? 0.6 : 1)); // an idle machine
  let job = 0;
  // every 10th shared pass waits 3 ms for a descheduled helper (a long tail, as measured on a shared host)
  const modes = simulate(choice, 200, (shared) => (shared ? (++job % 10 === 0 ? 3 : 0.6) : 1));
  const alone = modes.filter((shared) => !shared).length;
  assert.ok(alone <= 10, `only the periodic re-measurements run alone, got ${alone} of 200`);
});

test("a wrong choice is undone within a few jobs once the other mode is measured faster", () => {
  const choice = new ThreadChoice();
  let sharedMs = 3; // a burst of slow shared jobs (another process busy for a moment) ...
  simulate(choice, 40, (shared) => (shared ? sharedMs : 1));
  sharedMs = 0.6; // ... then the machine is idle again
  const modes = simulate(choice, 80, (shared) => (shared ? sharedMs : 1));
  const firstShared = modes.indexOf(true);
  assert.ok(firstShared >= 0 && firstShared <= 32, `the other mode is re-measured within 32 jobs (at ${firstShared})`);
  const after = modes.slice(firstShared + 12);
  const alone = after.filter((shared) => !shared).length;
  assert.ok(alone <= 2, `then shared runs, but for the periodic re-measurement (${alone} of ${after.length} alone)`);
});

test("while sharing stays slower, it is re-measured less and less often (each such run is a slow pass)", () => {
  const choice = new ThreadChoice();
  const modes = simulate(choice, 406, (shared) => (shared ? 4 : 1.8)).slice(6); // a busy core all along
  const shared = modes.filter((s) => s).length;
  assert.ok(shared >= 4 && shared <= 8, `one job in 32, then one in 64, runs shared: got ${shared} of 400`);
});
