// Property: on random expression graphs (random operations, shared subexpressions, safe domains),
// reverse-mode gradients equal central differences computed by an independent plain-number evaluator.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Value, seededRandom } from "../src";

type Op =
  | "add"
  | "sub"
  | "mul"
  | "div"
  | "powNumber"
  | "powValue"
  | "neg"
  | "exp"
  | "log"
  | "sigmoid"
  | "addNumber"
  | "mulNumber";
/** One step of a random program: node index = inputs + step index; `args` index earlier nodes. */
interface Step {
  op: Op;
  args: number[];
  k: number;
}
interface Program {
  inputs: number;
  steps: Step[];
}

const OPS: Op[] = [
  "add",
  "sub",
  "mul",
  "div",
  "powNumber",
  "powValue",
  "neg",
  "exp",
  "log",
  "sigmoid",
  "addNumber",
  "mulNumber",
];
const EXPONENTS = [2, 3, -1, 0.5, 1.5, -0.5];
const H = 1e-5;
/** |autodiff - central difference| <= TOLERANCE * max(1, |autodiff|). */
const TOLERANCE = 1e-6;

/** The plain-number meaning of each step: the oracle, independent of Value. */
function apply(step: Step, v: number[]): number {
  const [x, y] = step.args.map((i) => v[i]);
  switch (step.op) {
    case "add":
      return x + y;
    case "sub":
      return x - y;
    case "mul":
      return x * y;
    case "div":
      return x / y;
    case "powNumber":
      return Math.pow(x, step.k);
    case "powValue":
      return Math.pow(x, y);
    case "neg":
      return -x;
    case "exp":
      return Math.exp(x);
    case "log":
      return Math.log(x);
    case "sigmoid":
      return 1 / (1 + Math.exp(-x));
    case "addNumber":
      return x + step.k;
    case "mulNumber":
      return x * step.k;
  }
}

function evaluate(program: Program, inputs: number[]): number[] {
  const values = [...inputs];
  for (const step of program.steps) values.push(apply(step, values));
  return values;
}

function build(program: Program, inputs: Value[]): Value[] {
  const nodes = [...inputs];
  for (const step of program.steps) {
    const [x, y] = step.args.map((i) => nodes[i]);
    const node = {
      add: () => x.add(y),
      sub: () => x.sub(y),
      mul: () => x.mul(y),
      div: () => x.div(y),
      powNumber: () => x.pow(step.k),
      powValue: () => x.pow(y),
      neg: () => x.neg(),
      exp: () => x.exp(),
      log: () => x.log(),
      sigmoid: () => x.sigmoid(),
      addNumber: () => x.add(step.k),
      mulNumber: () => x.mul(step.k),
    }[step.op]();
    nodes.push(node);
  }
  return nodes;
}

/** Is `step` safely inside its domain at these values, with a margin so that x +- H stays inside too? */
function safe(step: Step, v: number[]): boolean {
  const [x, y] = step.args.map((i) => v[i]);
  switch (step.op) {
    case "div":
      return Math.abs(y) > 0.5;
    case "log":
      return x > 0.2;
    case "exp":
      return Math.abs(x) < 3;
    case "powNumber":
      return Number.isInteger(step.k) ? step.k > 0 || Math.abs(x) > 0.5 : x > 0.2;
    case "powValue":
      return x > 0.2 && Math.abs(y) < 3;
    default:
      return true;
  }
}

function randomProgram(rng: ReturnType<typeof seededRandom>): { program: Program; point: number[] } {
  const inputs = 1 + rng.integers(0, 4);
  const point = Array.from({ length: inputs }, () => -2 + 4 * rng.next());
  const program: Program = { inputs, steps: [] };
  let values = [...point];
  const length = 3 + rng.integers(0, 14);
  while (program.steps.length < length) {
    const op = OPS[rng.integers(0, OPS.length)];
    const arity = op === "add" || op === "sub" || op === "mul" || op === "div" || op === "powValue" ? 2 : 1;
    // Operands drawn from every earlier node: reuse (shared subexpressions, x*x) happens naturally.
    const args = Array.from({ length: arity }, () => rng.integers(0, values.length));
    const k = op === "powNumber" ? EXPONENTS[rng.integers(0, EXPONENTS.length)] : -2 + 4 * rng.next();
    const step = { op, args, k };
    if (!safe(step, values)) continue;
    const result = apply(step, values);
    if (!(Math.abs(result) < 20)) continue; // keep magnitudes moderate so central differences stay accurate
    program.steps.push(step);
    values = [...values, result];
  }
  // The output adds up every result nothing else uses, so every step influences it.
  const used = new Set(program.steps.flatMap((s) => s.args));
  const unused = program.steps.map((_, i) => inputs + i).filter((i) => !used.has(i));
  let total = unused[0];
  for (const i of unused.slice(1)) {
    program.steps.push({ op: "add", args: [total, i], k: 0 });
    total = inputs + program.steps.length - 1;
  }
  return { program, point };
}

test("autodiff matches central differences on 600 random expression graphs", (t) => {
  const rng = seededRandom(2024);
  let graphsWithSharing = 0;
  let worst = 0;
  const opsSeen = new Set<Op>();
  for (let g = 0; g < 600; g++) {
    const { program, point } = randomProgram(rng);
    program.steps.forEach((s) => opsSeen.add(s.op));
    const uses = new Map<number, number>();
    for (const s of program.steps) for (const a of s.args) uses.set(a, (uses.get(a) ?? 0) + 1);
    if ([...uses.values()].some((n) => n > 1)) graphsWithSharing++;

    const inputs = point.map((x, i) => new Value(x, `x${i + 1}`));
    const nodes = build(program, inputs);
    const output = nodes[nodes.length - 1];
    const plain = evaluate(program, point);
    assert.ok(
      Math.abs(output.data - plain[plain.length - 1]) <= 1e-12 * Math.max(1, Math.abs(output.data)),
      `graph ${g}: forward value`,
    );
    output.backward();
    for (let i = 0; i < point.length; i++) {
      const up = [...point],
        down = [...point];
      up[i] += H;
      down[i] -= H;
      const last = nodes.length - 1;
      const fUp = evaluate(program, up)[last],
        fDown = evaluate(program, down)[last];
      const numeric = (fUp - fDown) / (2 * H);
      const error = Math.abs(inputs[i].grad - numeric) / Math.max(1, Math.abs(inputs[i].grad));
      worst = Math.max(worst, error);
      assert.ok(
        error <= TOLERANCE,
        `graph ${g}, input x${i + 1}: autodiff ${inputs[i].grad} vs central difference ${numeric} (${JSON.stringify(program)} at ${point})`,
      );
    }
  }
  t.diagnostic(
    `worst relative error ${worst.toExponential(2)} (tolerance ${TOLERANCE}); ${graphsWithSharing}/600 graphs share a node`,
  );
  // The generator really produces what the property claims to cover.
  assert.ok(graphsWithSharing >= 400, `only ${graphsWithSharing} of 600 graphs reuse a node`);
  assert.deepEqual([...opsSeen].sort(), [...OPS].sort());
  assert.ok(worst > 0, "central differences are never exact: a zero error means nothing was compared");
});
