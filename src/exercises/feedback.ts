/**
 * Shared plumbing for the exercise self-checks of every lesson.
 *
 * The contract every check follows (so students can trust it):
 * - a right answer prints one line starting with "✔ pass" that says WHAT was tried, never the answer's
 *   values: the course notes show this line under a folded solution, and it must not give the answer away;
 * - a wrong answer prints one line starting with "✘ hint" that says WHAT is wrong (shape, sign, a factor
 *   of m...) and the student's own value, not the expected one, and never throws, even when the student's
 *   own function throws or returns garbage;
 * - every line is short enough (about 100 characters) not to wrap in a notebook or on a narrow page;
 * - misuse of the check itself (passing nothing, a number where a function is expected) throws a
 *   TypeError naming the check and what it expected, because that is a mistake in calling the check,
 *   not in the exercise.
 * Everything goes to stdout (console.log): notebook runners treat stderr as a failure.
 */
import { describe } from "../core";

/** The verdict of a check: passed or not, and the sentence shown to the student. */
export interface Verdict {
  passed: boolean;
  message: string;
  /** Set when the student's function is still a {@link todo} stub. */
  notAttempted?: boolean;
}

/** A passing verdict with a short confirmation of what was checked. */
export function pass(message: string): Verdict {
  return { passed: true, message };
}

/** A failing verdict whose message is the hint. */
export function hint(message: string): Verdict {
  return { passed: false, message };
}

/** A verdict for an exercise the student has not written yet (the student edition's stubs). */
export function notAttempted(message: string): Verdict {
  return { passed: false, message, notAttempted: true };
}

/** Prints a verdict as one line: "✔ pass — <exercise>: ...", "✘ hint — <exercise>: ..." or "… not attempted yet — <exercise>: ...". */
export function report(exercise: string, verdict: Verdict): void {
  const mark = verdict.notAttempted ? "… not attempted yet" : verdict.passed ? "✔ pass" : "✘ hint";
  console.log(`${mark} — ${exercise}: ${verdict.message}`);
}

/**
 * Thrown by {@link todo}: the exercise's function is still the student edition's stub. Checks turn it into a
 * "not attempted yet" line with a hint instead of an error.
 */
export class NotAttempted extends Error {
  constructor(what: string) {
    super(`${what} is not written yet: replace the \`todo(...)\` line with your code`);
    this.name = "NotAttempted";
  }
}

/**
 * The placeholder body of an exercise in the student edition: `return todo("sigmoid");` type-checks for any
 * return type (it returns `never`) and throws {@link NotAttempted} when the function is called, which every
 * self-check reports as "not attempted yet" with a hint. Call it only inside the function you are asked to write.
 */
export function todo(what: string): never {
  throw new NotAttempted(what);
}

/** Throws a TypeError when a check that needs a function got something else. */
export function requireFunction(
  check: string,
  value: unknown,
  expected: string,
): asserts value is (...args: never[]) => unknown {
  if (typeof value !== "function") {
    throw new TypeError(`${check}: expected your function ${expected}, got ${describe(value)}`);
  }
}

/** Short description of any value for messages (the library's one `describe`, shared with its error messages). */
export { describe };

/** The outcome of calling student code: its value, or the message of what it threw (`notAttempted` for a stub). */
export type Attempt<T> = { ok: true; value: T } | { ok: false; error: string; notAttempted?: boolean };

/** Calls student code, turning a throw into data so a check can give a hint instead of crashing. */
export function attempt<T>(run: () => T): Attempt<T> {
  try {
    return { ok: true, value: run() };
  } catch (e) {
    if (e instanceof NotAttempted) return { ok: false, error: e.message, notAttempted: true };
    return { ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

/** True when every pair of numbers agrees to `tol` (absolute plus relative); NaN never agrees. */
export function allClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-9): boolean {
  if (actual.length !== expected.length) return false;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (!(Math.abs(a - e) <= tol * (1 + Math.abs(e)))) return false;
  }
  return true;
}

/** Formats numbers the way the lesson prints them (up to 8 significant digits). */
export function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(8)));
}

/** "[a, b, c]" with {@link fmt}. */
export function fmtList(xs: ArrayLike<number>): string {
  return `[${Array.from(xs, fmt).join(", ")}]`;
}
