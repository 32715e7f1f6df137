/**
 * Self-checks for notebook 05 (the computation graph J = 3(a + bc): building it, the chain rule by
 * hand, derivatives by nudging). Each check prints "✔ pass" or a hint (see feedback.ts for the contract).
 */
import { Value, topologicalOrder } from "../graph/value";
import { Verdict, attempt, describe, fmt, hint, notAttempted, pass, report, requireFunction } from "./feedback";

// ---------------------------------------------------------------------------------------------------
// Exercise 1: build the lecture's graph and run backward

function judgeLectureGraph(J: Value): Verdict {
  const nodes = topologicalOrder(J);
  const inputs = nodes.filter((n) => n.parents.length === 0 && n.name !== undefined && n.name !== "");
  const byName = new Map(inputs.map((n) => [n.name as string, n]));
  const missing = ["a", "b", "c"].filter((name) => !byName.has(name));
  if (missing.length > 0) {
    return hint(
      `no input named ${missing.join(", ")} in your graph: create them with new Value(5, "a"), new Value(3, "b"), new Value(2, "c")`,
    );
  }
  const [a, b, c] = ["a", "b", "c"].map((name) => byName.get(name) as Value);
  if (a.data !== 5 || b.data !== 3 || c.data !== 2) {
    return hint(
      `the lecture's inputs are a = 5, b = 3, c = 2; yours are a = ${fmt(a.data)}, b = ${fmt(b.data)}, c = ${fmt(c.data)}`,
    );
  }
  if (Math.abs(J.data - 33) > 1e-12) {
    const guesses: [number, string][] = [
      [3 * (5 + 3) * 2, "you computed 3(a + b)c: multiply b by c FIRST (u = bc), then add a"],
      [5 + 3 * 2, "J is 3 times v: multiply v = a + u by 3"],
      [3 * 5 + 3 * 2, "only a is multiplied by 3: J = 3·v with v = a + bc"],
    ];
    const known = guesses.find(([value]) => Math.abs(J.data - value) < 1e-12);
    return hint(`J = ${fmt(J.data)}, expected 33${known ? `: ${known[1]}` : ""}`);
  }
  if (J.gradOf !== J || J.grad !== 1)
    return hint("J = 33 is right; now call J.backward() so every node gets its gradient dJ/d(node)");
  const grads = { a: a.grad, b: b.grad, c: c.grad };
  if (grads.a !== 3 || grads.b !== 6 || grads.c !== 9) {
    return hint(
      `dJ/da = ${fmt(grads.a)}, dJ/db = ${fmt(grads.b)}, dJ/dc = ${fmt(grads.c)}; expected 3, 6, 9. Did a later backward() from another output overwrite them? Call J.backward() last`,
    );
  }
  // Count what the drawing shows as boxes: constants such as the 3 of J = 3v are written inside their user's box.
  const boxes = nodes.filter((n) => !n.isConstant).map((n) => n.name || "?");
  return pass(`right value and gradients, from ${boxes.length} nodes (${boxes.join(", ")}) as drawn`);
}

function judgeBuiltGraph(build: () => unknown): Verdict {
  const r = attempt(build);
  if (!r.ok && r.notAttempted) {
    return notAttempted(
      `create the inputs with new Value(5, "a") and so on, combine them with .mul and .add in the lecture's order (u = bc first), call J.backward() and return J`,
    );
  }
  if (!r.ok) return hint(`your function threw ${r.error}`);
  if (!(r.value instanceof Value)) return hint(`return the output node J (a Value), got ${describe(r.value)}`);
  return judgeLectureGraph(r.value);
}

/**
 * Exercise 1 of notebook 05: checks your graph of J = 3(a + bc) at a = 5, b = 3, c = 2 (inputs named
 * "a", "b", "c") after `J.backward()`, given as the output node J or as your function that builds it and returns J.
 * Prints "✔ pass", a hint (missing names, wrong order of operations, backward not called) or "not attempted yet".
 * @throws TypeError if `J` is neither a Value nor a function.
 */
export function checkLectureGraph(J: Value | (() => Value)): void {
  if (typeof J === "function") {
    report("the lecture's graph", judgeBuiltGraph(J));
    return;
  }
  if (!(J instanceof Value))
    throw new TypeError(
      `checkLectureGraph: expected your output node J (a Value) or a function returning it, got ${describe(J)}`,
    );
  report("the lecture's graph", judgeLectureGraph(J));
}

// ---------------------------------------------------------------------------------------------------
// Exercise 2: the chain rule by hand on u = ab, v = u + c, J = v^2 at a = 2, b = 3, c = 1

/** Your hand-computed derivatives for exercise 2 of notebook 05. */
export interface ChainRuleAnswers {
  dJdv: number;
  dJdu: number;
  dJda: number;
  dJdb: number;
  dJdc: number;
}

/** The graph of exercise 2: u = a·b, v = u + c, J = v² at a = 2, b = 3, c = 1 (so u = 6, v = 7, J = 49). */
export const LESSON05_EXERCISE_GRAPH = "u = a·b, v = u + c, J = v² at a = 2, b = 3, c = 1";

function judgeChainRule(answers: Partial<ChainRuleAnswers>): Verdict {
  const keys: (keyof ChainRuleAnswers)[] = ["dJdv", "dJdu", "dJda", "dJdb", "dJdc"];
  const absent = keys.filter((k) => typeof answers[k] !== "number");
  if (absent.length > 0) return hint(`give a number for each of ${absent.join(", ")}`);
  const a = 2,
    b = 3,
    v = 7;
  const want: ChainRuleAnswers = { dJdv: 2 * v, dJdu: 2 * v, dJda: 2 * v * b, dJdb: 2 * v * a, dJdc: 2 * v };
  const got = answers as ChainRuleAnswers;
  const wrong = keys.filter((k) => Math.abs(got[k] - want[k]) > 1e-9);
  if (wrong.length === 0) return pass("all five derivatives are right");
  const k = wrong[0];
  const say = (extra: string) => hint(`${k} = ${fmt(got[k])} is not right: ${extra}`);
  if (k === "dJdv")
    return say(
      v * v === got.dJdv ? "that is J itself; the derivative of v² is 2v" : "J = v², so dJ/dv = 2v with v = u + c = 7",
    );
  if (k === "dJdu" || k === "dJdc")
    return say(
      got[k] === 1
        ? "1 is only the local derivative dv/du = dv/dc; multiply by dJ/dv (chain rule)"
        : "dJ/du = dJ/dv · dv/du, and dv/du = dv/dc = 1",
    );
  const local = k === "dJda" ? "b" : "a";
  const localValue = k === "dJda" ? b : a;
  if (got[k] === localValue)
    return say(`${localValue} is only the local derivative du/d${k.slice(-1)} = ${local}; multiply by dJ/du = 14`);
  if (got[k] === 2 * v) return say(`you stopped at dJ/du; multiply by du/d${k.slice(-1)} = ${local} = ${localValue}`);
  if (got[k] === 2 * v * (k === "dJda" ? a : b)) return say(`u = a·b, so du/da = b and du/db = a (the OTHER factor)`);
  return say(`dJ/d${k.slice(-1)} = dJ/du · du/d${k.slice(-1)} = 14 · ${local}`);
}

/**
 * Exercise 2 of notebook 05: checks the derivatives you computed by hand with the chain rule for
 * u = a·b, v = u + c, J = v² at a = 2, b = 3, c = 1, given as an object { dJdv, dJdu, dJda, dJdb, dJdc } or as
 * your function returning it. Prints "✔ pass", a hint naming the first wrong one, or "not attempted yet".
 * @throws TypeError if `answers` is neither an object nor a function.
 */
export function checkChainRule(answers: ChainRuleAnswers | (() => ChainRuleAnswers)): void {
  if (typeof answers === "function") {
    const r = attempt(answers);
    if (!r.ok && r.notAttempted) {
      report(
        "chain rule by hand",
        notAttempted(
          "start at the right with dJ/dv for J = v², then multiply by one local derivative per step back (chain rule)",
        ),
      );
    } else if (!r.ok) {
      report("chain rule by hand", hint(`your function threw ${r.error}`));
    } else if (typeof r.value !== "object" || r.value === null) {
      report("chain rule by hand", hint(`return an object { dJdv, dJdu, dJda, dJdb, dJdc }, got ${describe(r.value)}`));
    } else {
      report("chain rule by hand", judgeChainRule(r.value));
    }
    return;
  }
  if (typeof answers !== "object" || answers === null) {
    throw new TypeError(
      `checkChainRule: expected an object { dJdv, dJdu, dJda, dJdb, dJdc } or a function returning it, got ${describe(answers)}`,
    );
  }
  report("chain rule by hand", judgeChainRule(answers));
}

// ---------------------------------------------------------------------------------------------------
// Exercise 3: the derivative by nudging

function judgeNudge(estimate: (f: (x: number) => number, x: number, h: number) => unknown): Verdict {
  const J = (a: number) => 3 * (a + 3 * 2);
  const cube = (x: number) => x * x * x;
  const cases: [(x: number) => number, number, number, number, string][] = [
    [J, 5, 0.001, 3, "J(a) = 3(a + 6) at a = 5"],
    [cube, 2, 1e-6, 12, "x³ at x = 2"],
  ];
  for (const [f, x, h, want, what] of cases) {
    const r = attempt(() => estimate(f, x, h));
    if (!r.ok && r.notAttempted) return notAttempted("evaluate f at x and at x + h, and divide the change by h");
    if (!r.ok) return hint(`estimate on ${what} threw ${r.error}`);
    if (typeof r.value !== "number") return hint(`estimate should return a number, got ${describe(r.value)}`);
    const got = r.value;
    if (Math.abs(got - want) <= 1e-4 * Math.max(1, Math.abs(want))) continue;
    const show = `estimate(f, ${x}, ${h}) = ${fmt(got)} for ${what}`;
    if (Math.abs(got - want * h) <= 1e-4 * Math.abs(want * h))
      return hint(`${show}: that is the change of f, f(x + h) − f(x); divide it by h`);
    if (Math.abs(got + want) <= 1e-4 * Math.abs(want))
      return hint(`${show}: the sign is flipped; compute (f(x + h) − f(x)) / h`);
    if (Math.abs(got - want / 2) <= 1e-4 * Math.abs(want))
      return hint(`${show}: you divided by 2h for a one-sided nudge; divide by h`);
    if (Math.abs(got - f(x)) < 1e-9)
      return hint(`${show}: that is f(x) itself; the derivative is how much f changes per unit of x`);
    return hint(show);
  }
  return pass("right on the lecture's J and on a curved function");
}

/**
 * Exercise 3 of notebook 05: checks your `estimate(f, x, h)` = (f(x + h) − f(x)) / h, the lecture's
 * "nudge" derivative. Prints "✔ pass" or a hint (not divided by h, sign, 2h).
 * @throws TypeError if `estimate` is not a function.
 */
export function checkNudgeDerivative(estimate: (f: (x: number) => number, x: number, h: number) => unknown): void {
  requireFunction("checkNudgeDerivative", estimate, "estimate(f, x, h) => number");
  report("derivative by nudging", judgeNudge(estimate));
}
