/**
 * Self-checks of notebooks 04-06 (and the exercise-cell convention of 04-07): a right answer prints "✔ pass", typical wrong answers print the specific
 * hint (and never throw), misuse of a check throws a TypeError naming the check.
 */
import { test } from "node:test";
import { readFileSync } from "node:fs";
import path from "node:path";
import assert from "node:assert/strict";
import { Value, array, column, row, propagate, sigmoid, sub, optimize } from "../src";
import type { Column, Matrix, Row } from "../src";
import {
  checkUpdateRule,
  checkGradientDescent1D,
  checkLearningRate,
  checkLectureGraph,
  checkChainRule,
  checkNudgeDerivative,
  checkOneExampleGradients,
  checkPropagate,
  lesson04Data,
  LESSON04_MIN_COST,
  LESSON04_DESCENT_CALL,
  todo,
} from "../src/exercises";
import { assertHint, assertPass, printed } from "./fixtures/selfcheck";
import { notebooksDir } from "./fixtures/jupyter";

/** The check printed the student edition's "not attempted yet" line with a hint matching `expected`. */
function assertNotAttempted(f: () => void, expected: RegExp): void {
  const line = printed(f);
  assert.match(line, /^… not attempted yet — /, line);
  assert.match(line, expected);
}

// ---- lesson 04 -------------------------------------------------------------------------------------

test("lesson04 data: the stated minimum is the minimum of its cost", () => {
  const X = array([[...lesson04Data.x]]),
    Y = row([...lesson04Data.y]);
  const r = optimize(column([0]), 0, X, Y, { numIterations: 3000, learningRate: 1, recordEvery: 1000 });
  assert.ok(Math.abs(propagate(r.params.w, r.params.b, X, Y).cost - LESSON04_MIN_COST) < 1e-12);
});

test("lesson04 checkUpdateRule", () => {
  assertPass(() => checkUpdateRule((w, dw, a) => w - a * dw));
  assertHint(() => checkUpdateRule((w, dw, a) => w + a * dw), /UP the slope/);
  assertHint(() => checkUpdateRule((w, dw) => w - dw), /learning rate α is missing/);
  assertHint(() => checkUpdateRule((w, dw, a) => w - dw / a), /divided by α/);
  assertHint(() => checkUpdateRule((_w, dw, a) => -a * dw), /only the step/);
  assertHint(() => checkUpdateRule(() => undefined), /forget to return/);
  assertHint(
    () =>
      checkUpdateRule(() => {
        throw new Error("boom");
      }),
    /threw Error: boom/,
  );
  assert.throws(() => checkUpdateRule(3 as never), /checkUpdateRule: expected your function/);
});

test("lesson04 checkGradientDescent1D", () => {
  const X = array([[...lesson04Data.x]]),
    Y = row([...lesson04Data.y]);
  const slope = (w: number) => propagate(column([w]), 0, X, Y).grads.dw.item();
  const make =
    (opts: { sign?: number; pushFirst?: boolean; pushLast?: boolean; fixedSlope?: boolean } = {}) =>
    (w0: number, alpha: number, steps: number) => {
      const { sign = -1, pushFirst = true, pushLast = true, fixedSlope = false } = opts;
      let w = w0;
      const d0 = slope(w0);
      const path = pushFirst ? [w] : [];
      for (let i = 0; i < steps; i++) {
        if (!pushLast) path.push(w);
        w = w + sign * alpha * (fixedSlope ? d0 : slope(w));
        if (pushLast) path.push(w);
      }
      return pushFirst || !pushLast ? (pushFirst && !pushLast ? path.slice(0, steps + 1) : path) : path;
    };
  assertPass(() => checkGradientDescent1D(make()));
  // The check runs the call of section 2's table and says which: its end agrees with the table's last row.
  const line = printed(() => checkGradientDescent1D(make()));
  assert.deepEqual(LESSON04_DESCENT_CALL, { w0: -3, alpha: 0.6, steps: 12 });
  assert.match(line, /every w of your path matches the run of section 2's table/);
  assertHint(() => checkGradientDescent1D(make({ sign: 1 })), /uphill/);
  assertHint(() => checkGradientDescent1D(make({ pushFirst: false })), /starting point w0 first/);
  assertHint(() => checkGradientDescent1D(make({ pushFirst: false, pushLast: false })), /AFTER each update/);
  assertHint(() => checkGradientDescent1D(make({ fixedSlope: true })), /compute dJ\/dw again/);
  assertHint(() => checkGradientDescent1D((w0, _a, steps) => Array(steps + 1).fill(w0)), /never changes/);
  assertHint(() => checkGradientDescent1D(() => 3), /list of weights/);
  assert.throws(() => checkGradientDescent1D(undefined as never), /checkGradientDescent1D/);
});

test("lesson04 checkLearningRate: right, too small, too large, nonsense", () => {
  assertPass(() => checkLearningRate(1));
  assertPass(() => checkLearningRate(() => 1));
  assertHint(() => checkLearningRate(() => "1" as never), /return the learning rate as a number/);
  assertHint(() => checkLearningRate(0.01), /too small/);
  assertHint(() => checkLearningRate(30), /too large/);
  assertHint(() => checkLearningRate(-1), /must be a finite number > 0/);
  assertHint(() => checkLearningRate(NaN), /must be a finite number > 0/);
  assert.throws(() => checkLearningRate("1" as never), /checkLearningRate: expected a learning rate/);
});

test("lesson04 checks: a student-edition stub prints 'not attempted yet' with a hint, never throws", () => {
  assertNotAttempted(() => checkUpdateRule(() => todo("update")), /update rule: one step goes against the slope/);
  assertNotAttempted(
    () => checkGradientDescent1D(() => todo("descend")),
    /gradient descent in 1-D: .*descend\(-3, 0\.6, 12\)/,
  );
  assertNotAttempted(() => checkLearningRate(() => todo("chooseLearningRate")), /learning rate: try a few rates/);
});

// ---- lesson 05 -------------------------------------------------------------------------------------

function lectureGraph(build: (a: Value, b: Value, c: Value) => Value, values = [5, 3, 2], runBackward = true): Value {
  const a = new Value(values[0], "a"),
    b = new Value(values[1], "b"),
    c = new Value(values[2], "c");
  const J = build(a, b, c);
  if (runBackward) J.backward();
  return J;
}

test("lesson05 checkLectureGraph", () => {
  const right = (a: Value, b: Value, c: Value) => a.add(b.mul(c, "u"), "v").mul(3, "J");
  assertPass(() => checkLectureGraph(lectureGraph(right)));
  // The node count is the drawing's boxes: the constant 3 of J = 3v is drawn inside J's box.
  assert.match(
    printed(() => checkLectureGraph(lectureGraph(right))),
    /from 6 nodes \(a, b, c, u, v, J\) as drawn/,
  );
  assertPass(() => checkLectureGraph(() => lectureGraph(right)));
  assertHint(() => checkLectureGraph(() => 33 as never), /return the output node J/);
  assertHint(() => checkLectureGraph(lectureGraph(right, [5, 3, 2], false)), /call J.backward\(\)/);
  assertHint(() => checkLectureGraph(lectureGraph((a, b, c) => a.add(b).mul(c).mul(3))), /multiply b by c FIRST/);
  assertHint(() => checkLectureGraph(lectureGraph((a, b, c) => a.add(b.mul(c)))), /multiply v = a \+ u by 3/);
  assertHint(() => checkLectureGraph(lectureGraph(right, [1, 3, 2])), /a = 5, b = 3, c = 2/);
  const unnamed = new Value(5).add(new Value(3).mul(new Value(2))).mul(3);
  assertHint(() => checkLectureGraph(unnamed), /no input named a, b, c/);
  // A later backward from another output overwrites the inputs' gradients.
  const J = lectureGraph(right);
  const a = [...J.parents[0].parents].find((n) => n.name === "a") as Value;
  a.mul(10).backward();
  assertHint(() => checkLectureGraph(J), /call J.backward\(\)|overwrite/);
  assert.throws(() => checkLectureGraph(33 as never), /checkLectureGraph: expected your output node/);
});

test("lesson05 checkChainRule", () => {
  const right = { dJdv: 14, dJdu: 14, dJda: 42, dJdb: 28, dJdc: 14 };
  assertPass(() => checkChainRule(right));
  assertPass(() => checkChainRule(() => right));
  assertHint(() => checkChainRule(() => ({ ...right, dJdv: 49 })), /that is J itself/);
  assertHint(() => checkChainRule({ ...right, dJdv: 49 }), /that is J itself/);
  assertHint(() => checkChainRule({ ...right, dJdu: 1 }), /local derivative dv\/du/);
  assertHint(() => checkChainRule({ ...right, dJda: 3 }), /only the local derivative du\/da = b/);
  assertHint(() => checkChainRule({ ...right, dJda: 14 }), /stopped at dJ\/du/);
  assertHint(() => checkChainRule({ ...right, dJda: 28, dJdb: 42 }), /the OTHER factor/);
  assertHint(() => checkChainRule({ dJdv: 14 } as never), /give a number for each of dJdu, dJda, dJdb, dJdc/);
  assert.throws(() => checkChainRule(null as never), /checkChainRule: expected an object/);
});

test("lesson05 checkNudgeDerivative", () => {
  assertPass(() => checkNudgeDerivative((f, x, h) => (f(x + h) - f(x)) / h));
  assertPass(() => checkNudgeDerivative((f, x, h) => (f(x + h) - f(x - h)) / (2 * h)));
  assertHint(() => checkNudgeDerivative((f, x, h) => f(x + h) - f(x)), /divide it by h/);
  assertHint(() => checkNudgeDerivative((f, x, h) => (f(x) - f(x + h)) / h), /sign is flipped/);
  assertHint(() => checkNudgeDerivative((f, x, h) => (f(x + h) - f(x)) / (2 * h)), /divided by 2h/);
  assertHint(() => checkNudgeDerivative((f, x) => f(x)), /f\(x\) itself/);
  assert.throws(() => checkNudgeDerivative({} as never), /checkNudgeDerivative/);
});

test("lesson05 checks: a student-edition stub prints 'not attempted yet' with a hint, never throws", () => {
  assertNotAttempted(
    () => checkLectureGraph(() => todo("buildLectureGraph")),
    /the lecture's graph: create the inputs/,
  );
  assertNotAttempted(() => checkChainRule(() => todo("chainRuleByHand")), /chain rule by hand: start at the right/);
  assertNotAttempted(
    () => checkNudgeDerivative(() => todo("estimate")),
    /derivative by nudging: evaluate f at x and at x \+ h/,
  );
});

// ---- lesson 06 -------------------------------------------------------------------------------------

const sig = (z: number) => 1 / (1 + Math.exp(-z));

test("lesson06 checkOneExampleGradients", () => {
  const right = (x1: number, x2: number, w1: number, w2: number, b: number, y: number) => {
    const dz = sig(w1 * x1 + w2 * x2 + b) - y;
    return { dz, dw1: x1 * dz, dw2: x2 * dz, db: dz };
  };
  assertPass(() => checkOneExampleGradients(right));
  // Through the graph, as the notebook does it.
  assertPass(() =>
    checkOneExampleGradients((x1, x2, w1, w2, b, y) => {
      const [W1, W2, B] = [new Value(w1), new Value(w2), new Value(b)];
      const z = W1.mul(x1).add(W2.mul(x2)).add(B);
      const a = z.sigmoid();
      const L = Value.from(y)
        .mul(a.log())
        .add(Value.from(1 - y).mul(Value.from(1).sub(a).log()))
        .neg();
      L.backward();
      return { dz: z.grad, dw1: W1.grad, dw2: W2.grad, db: B.grad };
    }),
  );
  const variant =
    (f: (r: ReturnType<typeof right>, args: number[]) => object) =>
    (...args: number[]) =>
      f(right(...(args as [number, number, number, number, number, number])), args);
  assertHint(() => checkOneExampleGradients(variant((r) => ({ ...r, dz: -r.dz }))), /sign is flipped/);
  assertHint(
    () =>
      checkOneExampleGradients(
        variant((r, [x1, x2, w1, w2, b]) => {
          const a = sig(w1 * x1 + w2 * x2 + b);
          return { ...r, dz: a * (1 - a) };
        }),
      ),
    /only da\/dz/,
  );
  assertHint(
    () => checkOneExampleGradients(variant((r) => ({ ...r, dw1: r.dz, dw2: r.dz }))),
    /multiply by the feature/,
  );
  assertHint(() => checkOneExampleGradients(variant((r) => ({ ...r, dw1: r.dw2, dw2: r.dw1 }))), /swapped/);
  assertHint(() => checkOneExampleGradients(variant((r) => ({ dz: r.dz, dw1: r.dw1 }))), /no number for dw2, db/);
  assert.throws(() => checkOneExampleGradients("f" as never), /checkOneExampleGradients/);
});

test("lesson06 checkPropagate", () => {
  const right = (w: Column, b: number, X: Matrix, Y: Row) => {
    const m = X.shape[1];
    const A = sigmoid(w.T.matmul(X).add(b));
    const cost =
      -Y.mul(A.log())
        .add(sub(1, Y).mul(sub(1, A).log()))
        .sum() / m;
    const dZ = A.sub(Y);
    return { dw: X.matmul(dZ.T).div(m), db: dZ.sum() / m, cost };
  };
  assertPass(() => checkPropagate(right));
  assertPass(() =>
    checkPropagate((w, b, X, Y) => {
      const r = propagate(w, b, X, Y);
      return { dw: r.grads.dw, db: r.grads.db, cost: r.cost };
    }),
  );
  const tweak = (f: (r: ReturnType<typeof right>, m: number) => object) => (w: Column, b: number, X: Matrix, Y: Row) =>
    f(right(w, b, X, Y), X.shape[1]);
  assertHint(() => checkPropagate(tweak((r) => ({ ...r, dw: r.dw.T }))), /dw has shape \(1,2\).*X·dZᵀ/);
  assertHint(() => checkPropagate(tweak((r, m) => ({ ...r, dw: r.dw.mul(m) }))), /dw is m = 2 times too large/);
  assertHint(() => checkPropagate(tweak((r) => ({ ...r, dw: r.dw.mul(-1) }))), /dw has the wrong sign/);
  assertHint(() => checkPropagate(tweak((r, m) => ({ ...r, db: r.db * m }))), /db = .* m = 2 times too large/);
  assertHint(() => checkPropagate(tweak((r) => ({ ...r, cost: -r.cost }))), /cost = .* wrong sign/);
  assertHint(() => checkPropagate(tweak((r, m) => ({ ...r, cost: r.cost * m }))), /SUM of the losses/);
  assertHint(() => checkPropagate(tweak((r) => ({ ...r, dw: [1, 2] }))), /dw should be an NDArray/);
  assert.throws(() => checkPropagate(null as never), /checkPropagate/);
});

test("lesson06 checks: a student-edition stub prints 'not attempted yet' with a hint, never throws", () => {
  assertNotAttempted(
    () => checkOneExampleGradients(() => todo("oneExample")),
    /gradients of one example: compute z and a/,
  );
  assertNotAttempted(
    () => checkPropagate(() => todo("myPropagate")),
    /vectorized propagate: follow the formulas of section 3/,
  );
});

// ---- the notebooks' exercise cells follow the student edition's convention ----------------------------

interface NotebookCell {
  cell_type: string;
  source: string | string[];
  metadata: { tags?: string[] };
}

// Lesson 06 was split in two: its last exercise (predict) now belongs to 07, training on the pictures.
const notebookFiles: [file: string, exercises: number][] = [
  ["04-gradient-descent.ipynb", 3],
  ["05-computation-graph.ipynb", 3],
  ["06-logistic-regression-graph.ipynb", 2],
  ["07-training-on-images.ipynb", 2],
];

for (const [file, exercises] of notebookFiles) {
  test(`notebooks/${file}: each solution cell's functions go to the check in the next cell, and nothing else calls them`, () => {
    const cells: NotebookCell[] = JSON.parse(readFileSync(path.join(notebooksDir, file), "utf8")).cells;
    const text = (c: NotebookCell) => (Array.isArray(c.source) ? c.source.join("") : c.source);
    const code = cells
      .filter((c) => c.cell_type === "code")
      .map(text)
      .join("\n");
    assert.match(
      code,
      /import \{[^}]*\btodo\b[^}]*\} from "dlnotes\/exercises";/,
      "the stubs' todo comes from dlnotes/exercises",
    );
    const libraryImport = code.match(/import \{[^}]*\} from "dlnotes";/)?.[0] ?? "";
    assert.doesNotMatch(
      libraryImport,
      /\bcheck[A-Z]/,
      "self-checks are imported from dlnotes/exercises, not the library",
    );
    const solutions = cells.map((c, i) => [c, i] as const).filter(([c]) => c.metadata.tags?.includes("solution"));
    assert.equal(solutions.length, exercises, `${exercises} exercises, each with one solution cell`);
    for (const [cell, i] of solutions) {
      const names = [...text(cell).matchAll(/^function (\w+)\(/gm)].map((m) => m[1]);
      assert.ok(names.length > 0, `solution cell ${i} declares a function`);
      const next = text(cells[i + 1]);
      for (const name of names) {
        assert.match(next, new RegExp(`^check\\w+\\(${name}\\);$`), `cell ${i + 1} checks ${name}`);
        const callers = cells.filter(
          (c, k) => k !== i && new RegExp(`\\b${name}\\(`).test(text(c)) && c.cell_type === "code",
        );
        assert.deepEqual(callers.map(text), [], `only the check may call ${name} (the student edition's stub throws)`);
      }
    }
  });
}
