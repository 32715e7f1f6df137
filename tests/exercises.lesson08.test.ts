/**
 * Self-checks of notebook 08: a right answer prints "✔ pass", typical wrong answers print the specific
 * hint (and never throw), a student-edition stub prints "not attempted yet", misuse of a check throws.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { array, broadcastShapes } from "../src";
import { checkBroadcastShape, checkNormalizeRows, todo } from "../src/exercises";
import type { Matrix } from "../src";
import { assertHint, assertPass, printed } from "./fixtures/selfcheck";

/** A correct rule written independently of the library (right-aligned, 1 stretches). */
function broadcastShape(a: readonly number[], b: readonly number[]): number[] | null {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let k = 1; k <= n; k++) {
    const da = a[a.length - k] ?? 1,
      db = b[b.length - k] ?? 1;
    if (da !== db && da !== 1 && db !== 1) return null;
    out.unshift(Math.max(da, db));
  }
  return out;
}

test("lesson08 checkBroadcastShape: right, the library itself, typical mistakes", () => {
  assertPass(() => checkBroadcastShape(broadcastShape));
  assertPass(() =>
    checkBroadcastShape((a, b) => {
      try {
        return broadcastShapes("b", a, b);
      } catch {
        return null;
      }
    }),
  );
  // Aligned on the left: (3,) with (3,1) gives (3,1) instead of (3,3).
  const left = (a: readonly number[], b: readonly number[]) => {
    const n = Math.max(a.length, b.length);
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const da = a[i] ?? 1,
        db = b[i] ?? 1;
      if (da !== db && da !== 1 && db !== 1) return null;
      out.push(Math.max(da, db));
    }
    return out;
  };
  assertHint(() => checkBroadcastShape(left), /align the shapes on the RIGHT/);
  // Only equal shapes accepted: a 1 never stretches.
  assertHint(
    () => checkBroadcastShape((a, b) => (JSON.stringify(a) === JSON.stringify(b) ? [...a] : null)),
    /broadcastShape\(\[3,3\], \[3,1\]\) returned null, expected \(3,3\): a dimension of 1 stretches/,
  );
  // Everything accepted: (4,3) with (3,2) must be null.
  assertHint(
    () => checkBroadcastShape((a, b) => broadcastShape(a, b) ?? [4, 3]),
    /\(4,3\) and \(3,2\) cannot be broadcast/,
  );
  // Takes the smaller dimension.
  assertHint(
    () => checkBroadcastShape((a, b) => broadcastShape(a, b)?.map((d, i, s) => (i === s.length - 1 ? 1 : d)) ?? null),
    /returned \(3,1\), expected \(3,3\): each dimension of the result is the larger/,
  );
  // Different ranks refused.
  assertHint(
    () => checkBroadcastShape((a, b) => (a.length === b.length ? broadcastShape(a, b) : null)),
    /\[3,3\], \[\]\) returned null, expected \(3,3\): a missing leading dimension counts as 1/,
  );
  // Throws instead of returning null.
  assertHint(
    () => checkBroadcastShape((a, b) => broadcastShapes("mine", a, b)),
    /threw ShapeError: mine: .*return null/,
  );
  assertHint(() => checkBroadcastShape(() => "3x3"), /array of numbers \(the shape\) or null, got a string/);
  assertHint(() => checkBroadcastShape(() => undefined), /forget to return/);
  assert.throws(() => checkBroadcastShape(3 as never), /checkBroadcastShape: expected your function/);
});

test("lesson08 checkBroadcastShape: the student edition's stub is 'not attempted yet', not an error", () => {
  const line = printed(() => checkBroadcastShape(() => todo("broadcastShape")));
  assert.match(line, /^… not attempted yet — the broadcasting rule: align the two shapes on the right/);
});

test("lesson08 checkNormalizeRows: right, and the hints for each classic mistake", () => {
  const norms = (x: Matrix, axis: number) => x.mul(x).sum(axis, true).sqrt();
  assertPass(() => checkNormalizeRows((x) => x.div(norms(x, 1))));
  assertPass(() => checkNormalizeRows((x) => x.div(x.mul(x).sum(1, true).sqrt()).copy()));
  // keepdims lost: fails on (2,3) with a broadcast error...
  assertHint(
    () => checkNormalizeRows((x) => x.div(x.mul(x).sum(1).sqrt())),
    /threw ShapeError: .*broadcast.*use sum\(1, true\)/,
  );
  // ...and silently divides columns on the square matrix when the first two cases are skipped.
  assertHint(
    () => checkNormalizeRows((x) => (x.shape[0] === x.shape[1] ? x.div(x.mul(x).sum(1).sqrt()) : x.div(norms(x, 1)))),
    /\(3,3\).*broadcast as a ROW \(1,n\)/,
  );
  assertHint(() => checkNormalizeRows((x) => x.div(norms(x, 0))), /lengths of the COLUMNS/);
  assertHint(() => checkNormalizeRows((x) => x.div(x.mul(x).sum(1, true))), /square root/);
  assertHint(() => checkNormalizeRows((x) => x.div(x.abs().sum(1, true))), /sum of absolute values/);
  assertHint(() => checkNormalizeRows((x) => x), /came back unchanged/);
  assertHint(() => checkNormalizeRows((x) => norms(x, 1)), /returned shape \(2,1\), expected \(2,3\)/);
  assertHint(
    () => checkNormalizeRows((x) => x.toArray()),
    /should return an NDArray of shape \(2,3\), got a plain JavaScript array/,
  );
  assertHint(() => checkNormalizeRows((x) => x.mul(2)), /first row came back as \[0, 6, 8\], whose length is not 1/);
  assertHint(
    () =>
      checkNormalizeRows(() => {
        throw new Error("boom");
      }),
    /threw Error: boom$/,
  );
  assert.throws(() => checkNormalizeRows(array([[1]]) as never), /checkNormalizeRows: expected your function/);
});

test("lesson08 checkNormalizeRows: the student edition's stub is 'not attempted yet', not an error", () => {
  const line = printed(() => checkNormalizeRows(() => todo("normalizeRows")));
  assert.match(line, /^… not attempted yet — normalize rows: square the entries, sum along axis 1 with keepdims/);
});
