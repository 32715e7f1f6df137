/**
 * Self-checks of notebook 07 (training on the pictures): a right answer prints "✔ pass", typical wrong answers
 * print the specific hint (and never throw), misuse of a check throws a TypeError naming the check.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { sigmoid } from "../src";
import type { Column, Matrix, Row } from "../src";
import { checkAccuracy, checkPredict, todo } from "../src/exercises";
import { assertHint, assertPass, printed } from "./fixtures/selfcheck";

test("lesson07 checkPredict", () => {
  const probabilities = (w: Column, b: number, X: Matrix) => sigmoid(w.T.matmul(X).add(b));
  assertPass(() => checkPredict((w, b, X) => probabilities(w, b, X).gt(0.5)));
  assertHint(() => checkPredict(probabilities), /those are probabilities/);
  assertHint(() => checkPredict((w, b, X) => probabilities(w, b, X).le(0.5)), /labels are flipped/);
  assertHint(() => checkPredict((w, b, X) => probabilities(w, b, X).gt(0.5).flatten()), /expected \(1,4\)/);
  assertHint(() => checkPredict((w, b, X) => probabilities(w, b, X).gt(0.5).toArray()), /row NDArray/);
  assertHint(() => checkPredict((w, b, X) => probabilities(w, b, X).gt(0.6)), /label of column .* is off/);
  assert.throws(() => checkPredict(1 as never), /checkPredict/);
});

test("lesson07 checkAccuracy", () => {
  const right = (p: Row, Y: Row) => p.eq(Y).mean() * 100;
  assertPass(() => checkAccuracy(right));
  assertHint(() => checkAccuracy((p, Y) => p.eq(Y).mean()), /fraction/);
  assertHint(() => checkAccuracy((p, Y) => 100 - p.eq(Y).mean() * 100), /MISTAKES/);
  assertHint(() => checkAccuracy((p, Y) => p.eq(Y).sum()), /number of matches/);
  assertHint(() => checkAccuracy((p, Y) => p.eq(Y)), /one number/);
  assertHint(() => checkAccuracy(() => 50), /count the columns/);
  assert.throws(() => checkAccuracy(null as never), /checkAccuracy/);
});

test("lesson07 checks: a student-edition stub prints 'not attempted yet' with a hint, never throws", () => {
  for (const [check, pattern] of [
    [() => checkPredict(() => todo("myPredict")), /predict: compute the probabilities/],
    [() => checkAccuracy(() => todo("myAccuracy")), /accuracy: count the columns/],
  ] as const) {
    const line = printed(check);
    assert.match(line, /^… not attempted yet — /, line);
    assert.match(line, pattern);
  }
});
