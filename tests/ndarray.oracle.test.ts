/**
 * numpy oracle for the ndarray library: several hundred random cases (seeded, so the same every run)
 * of broadcasting arithmetic, reductions, matmul, reshape/transpose/slices, joining and image
 * unrolling, with operands that are often non-contiguous views (transposed, sliced with steps,
 * permuted). One Python process (the project environment's) computes every case with numpy; results must have the
 * same shape and agree to 1e-12 relative.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { numpyPython } from "./fixtures/jupyter";
import { execFileSync } from "node:child_process";
import * as nd from "../src";
import type { NDArray, Random } from "../src";

type Num = number | string; // non-finite numbers travel as "nan" / "inf" / "-inf"
type Step = ["T"] | ["perm", number[]] | ["slice", number, number, number | null, number];
interface Operand {
  shape: number[];
  data: Num[];
  steps: Step[];
}
interface Case {
  id: number;
  op: string;
  args: (Operand | number)[];
  params: Record<string, unknown>;
}
interface Result {
  shape: number[] | null;
  data: Num[];
}

const encode = (v: number): Num => (Number.isNaN(v) ? "nan" : v === Infinity ? "inf" : v === -Infinity ? "-inf" : v);
const decode = (v: Num): number => (typeof v === "number" ? v : v === "nan" ? NaN : v === "inf" ? Infinity : -Infinity);

// ---------- random case generation ----------

const rng: Random = nd.seededRandom(20240611);
const pick = <T>(xs: readonly T[]): T => xs[rng.integers(0, xs.length)];

type ValueKind = "signed" | "positive" | "ties" | "wide";
function values(n: number, kind: ValueKind): number[] {
  return Array.from({ length: n }, () => {
    if (kind === "positive") return 0.1 + 3 * rng.next();
    if (kind === "ties") return rng.integers(-2, 3); // small integers: equal values, argmax ties
    if (kind === "wide") return (rng.next() - 0.5) * 10 ** rng.integers(-3, 4);
    return 2 * rng.next() - 1;
  });
}

/** An operand of shape `target`, often built as a non-contiguous view of a bigger or permuted base. */
function operand(target: number[], kind: ValueKind, depth = 0): Operand {
  const choice = depth >= 2 ? "contiguous" : pick(["contiguous", "T", "slice", "slice", "perm"]);
  if (choice === "T" && target.length >= 2) {
    const inner = operand([...target].reverse(), kind, depth + 1);
    return { ...inner, steps: [...inner.steps, ["T"]] };
  }
  if (choice === "perm" && target.length >= 3) {
    const perm = rng.permutation(target.length);
    // view.shape[i] = base.shape[perm[i]], so base.shape[perm[i]] = target[i]
    const baseShape = new Array<number>(target.length);
    perm.forEach((p, i) => (baseShape[p] = target[i]));
    const inner = operand(baseShape, kind, depth + 1);
    return { ...inner, steps: [...inner.steps, ["perm", perm]] };
  }
  if (choice === "slice" && target.length >= 1) {
    const axis = rng.integers(0, target.length);
    const len = target[axis];
    const step = pick([1, 2, 3, -1, -2]);
    const extra = rng.integers(0, 3);
    const size = Math.max(len - 1, 0) * Math.abs(step) + 1 + extra;
    const baseShape = target.slice();
    baseShape[axis] = size;
    let start: number, stop: number | null;
    if (step > 0) {
      start = rng.integers(0, extra + 1);
      stop = start + (len - 1) * step + 1;
    } else {
      start = size - 1 - rng.integers(0, extra + 1);
      const end = start - (len - 1) * -step - 1;
      stop = end < 0 ? null : end; // a negative stop would count from the end
    }
    if (rng.next() < 0.3 && start > 0) start -= size; // negative start counts from the end
    const inner = operand(baseShape, kind, depth + 1);
    return { ...inner, steps: [...inner.steps, ["slice", axis, start, stop, step]] };
  }
  const size = target.reduce((p, d) => p * d, 1);
  return { shape: target, data: values(size, kind), steps: [] };
}

function randomShape(minRank = 0, maxRank = 3, maxDim = 5): number[] {
  return Array.from({ length: rng.integers(minRank, maxRank + 1) }, () => rng.integers(1, maxDim + 1));
}

/**
 * Two shapes that broadcast: rank mismatch and 1-dims on either side. Most pairs really stretch a
 * dimension (a 1 against a bigger size), which is where broadcasting bugs would show.
 */
function broadcastPair(): [number[], number[]] {
  const course: [number[], number[]][] = [
    [
      [4, 1],
      [1, 5],
    ],
    [
      [3, 5],
      [3, 1],
    ],
    [[3, 5], [5]],
    [
      [1, 6],
      [6, 1],
    ],
    [
      [2, 3, 4],
      [3, 1],
    ],
  ];
  if (rng.next() < 0.15) return pick(course);
  const wantStretch = rng.next() < 0.8;
  for (;;) {
    const out = Array.from({ length: rng.integers(1, 5) }, () => (rng.next() < 0.15 ? 1 : rng.integers(2, 5)));
    const derive = () => {
      const drop = rng.next() < 0.4 ? rng.integers(0, out.length + 1) : 0;
      return out.slice(drop).map((d) => (rng.next() < 0.35 ? 1 : d));
    };
    const pair: [number[], number[]] = [derive(), derive()];
    if (!wantStretch || stretchesShapes(...pair)) return pair;
  }
}

/** True when one shape has a size-1 dimension where the other has a bigger one (aligned on the right). */
function stretchesShapes(a: readonly number[], b: readonly number[]): boolean {
  const n = Math.max(a.length, b.length);
  const dim = (s: readonly number[], k: number) => s[s.length - n + k] ?? 1;
  for (let k = 0; k < n; k++) {
    const [da, db] = [dim(a, k), dim(b, k)];
    if ((k >= n - a.length && da === 1 && db > 1) || (k >= n - b.length && db === 1 && da > 1)) return true;
  }
  return false;
}

const cases: Case[] = [];
const add = (op: string, args: (Operand | number)[], params: Record<string, unknown> = {}) =>
  cases.push({ id: cases.length, op, args, params });

const binaryOps = ["add", "sub", "mul", "div", "pow", "lt", "le", "gt", "ge", "eq", "ne"];
for (let i = 0; i < 150; i++) {
  const op = binaryOps[i % binaryOps.length];
  const [sa, sb] = broadcastPair();
  const kind: ValueKind =
    op === "pow" ? "positive" : ["lt", "le", "gt", "ge", "eq", "ne"].includes(op) ? "ties" : "signed";
  const a = operand(sa, kind);
  const b = op === "div" ? operand(sb, "positive") : operand(sb, kind);
  const scalar = op === "pow" ? 0.5 + rng.next() : pick([2, -1.5, 0.25, 0]);
  const form = rng.integers(0, 5); // 0-2: array op array; 3: array op number; 4: number op array (function form)
  if (form <= 2) add(op, [a, b]);
  else if (form === 3) add(op, [a, op === "div" && scalar === 0 ? 3 : scalar]);
  else add(op, [op === "pow" ? 1.7 : scalar, b]);
}
for (let i = 0; i < 35; i++) {
  const op = ["exp", "log", "sqrt", "abs", "neg", "clip", "sigmoid"][i % 7];
  const a = operand(randomShape(), op === "log" || op === "sqrt" ? "positive" : "wide");
  add(op, [a], op === "clip" ? { lo: -0.5, hi: 0.25 } : {});
}
const reductions = ["sum", "mean", "max", "min", "argmax", "argmin"];
for (let i = 0; i < 100; i++) {
  const op = reductions[i % reductions.length];
  const shape = randomShape(1, 4, 5);
  const a = operand(shape, rng.next() < 0.4 ? "ties" : "wide");
  if (i % 4 === 0) add(op, [a]);
  else add(op, [a], { axis: rng.integers(-shape.length, shape.length), keepdims: rng.next() < 0.5 });
}
for (let i = 0; i < 45; i++) {
  const [m, k, n] = [rng.integers(1, 9), rng.integers(1, 30), rng.integers(1, 9)];
  add("matmul", [operand([m, k], "signed"), operand([k, n], "signed")]);
}
for (let i = 0; i < 6; i++)
  add("outer", [operand([rng.integers(1, 6)], "signed"), operand([rng.integers(1, 6)], "signed")]);
for (let i = 0; i < 30; i++) {
  const shape = randomShape(1, 4, 4);
  const size = shape.reduce((p, d) => p * d, 1);
  const target = pick([[size], [-1], [1, size], [size, 1], [-1, 1], [1, -1]]);
  add(i % 3 === 0 ? "flatten" : "reshape", [operand(shape, "signed")], { shape: target });
}
for (let i = 0; i < 20; i++) {
  const shape = randomShape(2, 4, 4);
  const axes = i % 2 === 0 ? null : rng.permutation(shape.length);
  add("transpose", [operand(shape, "signed")], { axes });
}
for (let i = 0; i < 25; i++) {
  const shape = randomShape(1, 3, 6);
  const axis = rng.integers(0, shape.length);
  const n = shape[axis];
  const step = pick([1, 1, 2, 3, -1, -2]);
  const start = rng.integers(-n - 1, n + 2);
  const stop = rng.next() < 0.3 ? null : rng.integers(-n - 1, n + 2);
  add("slice", [operand(shape, "signed")], { axis, start, stop, step });
}
for (let i = 0; i < 16; i++) {
  const shape = randomShape(1, 3, 4);
  const axis = rng.integers(0, shape.length);
  const count = rng.integers(1, 4);
  const parts = Array.from({ length: count }, () => {
    const s = shape.slice();
    s[axis] = rng.integers(0, 4);
    return operand(s, "signed");
  });
  add("concatenate", parts, { axis });
}
for (let i = 0; i < 10; i++) {
  const shape = randomShape(0, 3, 4);
  const parts = Array.from({ length: rng.integers(1, 4) }, () => operand(shape, "signed"));
  add("stack", parts, { axis: rng.integers(0, shape.length + 1) });
}
for (let i = 0; i < 16; i++) {
  const images = operand([rng.integers(1, 5), rng.integers(1, 5), rng.integers(1, 5), pick([1, 3])], "signed");
  add("unrollImages", [images]);
}
// NaN propagation through broadcasting and reductions.
for (let i = 0; i < 8; i++) {
  const a = operand([3, 4], "signed");
  (a.data as Num[])[rng.integers(0, a.data.length)] = "nan";
  add(pick(["max", "min", "argmax", "argmin", "sum"]), [a], i % 2 ? { axis: rng.integers(0, 2), keepdims: false } : {});
  add("mul", [a, operand([4], "signed")]);
}

// ---------- running the cases with the library ----------

function build(o: Operand): NDArray {
  let a: NDArray = nd.array(o.data.map(decode)).reshape(o.shape) as NDArray;
  for (const s of o.steps) {
    if (s[0] === "T") a = a.T as NDArray;
    else if (s[0] === "perm") a = a.transpose(s[1]);
    else a = a.slice(s[1], s[2], s[3] ?? undefined, s[4]) as NDArray;
  }
  return a;
}

function runCase(c: Case): Result {
  const args = c.args.map((x) => (typeof x === "number" ? x : build(x)));
  const [a, b] = args as [NDArray, NDArray];
  const p = c.params as {
    axis?: number;
    keepdims?: boolean;
    lo: number;
    hi: number;
    shape: number[];
    axes: number[] | null;
    start: number;
    stop: number | null;
    step: number;
  };
  let out: NDArray | number;
  switch (c.op) {
    case "add":
    case "sub":
    case "mul":
    case "div":
    case "pow":
      out = (nd as unknown as Record<string, (x: unknown, y: unknown) => NDArray>)[c.op](args[0], args[1]);
      break;
    case "lt":
    case "le":
    case "gt":
    case "ge":
    case "eq":
    case "ne":
      out =
        typeof args[0] === "number"
          ? (b as unknown as Record<string, (x: number) => NDArray>)[
              { lt: "gt", le: "ge", gt: "lt", ge: "le", eq: "eq", ne: "ne" }[c.op]!
            ](args[0])
          : (a as unknown as Record<string, (x: unknown) => NDArray>)[c.op](args[1]);
      break;
    case "exp":
    case "log":
    case "sqrt":
    case "abs":
    case "neg":
      out = (a as unknown as Record<string, () => NDArray>)[c.op]();
      break;
    case "clip":
      out = a.clip(p.lo, p.hi);
      break;
    case "sigmoid":
      out = nd.div(1, nd.add(1, nd.exp(a.neg())));
      break;
    case "sum":
    case "mean":
    case "max":
    case "min":
    case "argmax":
    case "argmin": {
      const r = a as unknown as Record<string, (axis?: number, keepdims?: boolean) => NDArray | number>;
      out = p.axis === undefined ? r[c.op]() : r[c.op](p.axis, p.keepdims);
      break;
    }
    case "matmul":
      out = c.id % 2 ? nd.matmul(a as nd.Matrix, b as nd.Matrix) : (a as nd.Matrix).matmul(b as nd.Matrix);
      break;
    case "outer":
      out = nd.outer(a as nd.Vector, b as nd.Vector);
      break;
    case "reshape":
      out = a.reshape(p.shape);
      break;
    case "flatten":
      out = a.flatten();
      break;
    case "transpose":
      out = p.axes ? a.transpose(p.axes) : (a.T as NDArray);
      break;
    case "slice":
      out = a.slice(p.axis!, p.start, p.stop ?? undefined, p.step) as NDArray;
      break;
    case "concatenate":
      out = nd.concatenate(args as NDArray[], p.axis) as NDArray;
      break;
    case "stack":
      out = nd.stack(args as NDArray[], p.axis) as NDArray;
      break;
    case "unrollImages":
      out = nd.unrollImages(a as NDArray<[number, number, number, number]>);
      break;
    default:
      throw new Error(`unknown op ${c.op}`);
  }
  if (typeof out === "number") return { shape: null, data: [encode(out)] };
  return { shape: [...out.shape], data: Array.from(out.toFloat64Array(), encode) };
}

// ---------- the numpy side ----------

const NUMPY = String.raw`
import json, sys
import numpy as np

def dec(v):
    return float(v) if not isinstance(v, str) else {"nan": np.nan, "inf": np.inf, "-inf": -np.inf}[v]

def enc(v):
    v = float(v)
    return "nan" if np.isnan(v) else "inf" if v == np.inf else "-inf" if v == -np.inf else v

def build(o):
    a = np.array([dec(v) for v in o["data"]], dtype=np.float64).reshape(o["shape"])
    for s in o["steps"]:
        if s[0] == "T":
            a = a.T
        elif s[0] == "perm":
            a = a.transpose(s[1])
        else:
            _, axis, start, stop, step = s
            index = [slice(None)] * a.ndim
            index[axis] = slice(start, stop, step)
            a = a[tuple(index)]
    return a

def run(c):
    args = [x if isinstance(x, (int, float)) else build(x) for x in c["args"]]
    p = c["params"]
    op = c["op"]
    a = args[0]
    b = args[1] if len(args) > 1 else None
    binary = {"add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.divide, "pow": np.power,
              "lt": np.less, "le": np.less_equal, "gt": np.greater, "ge": np.greater_equal,
              "eq": np.equal, "ne": np.not_equal}
    if op in binary:
        out = binary[op](np.float64(a) if isinstance(a, (int, float)) else a, b).astype(np.float64)
    elif op in ("exp", "log", "sqrt", "abs"):
        out = getattr(np, op)(a)
    elif op == "neg":
        out = -a
    elif op == "clip":
        out = np.clip(a, p["lo"], p["hi"])
    elif op == "sigmoid":
        out = 1 / (1 + np.exp(-a))
    elif op in ("sum", "mean", "max", "min", "argmax", "argmin"):
        f = getattr(np, op)
        if "axis" not in p:
            out = f(a)
        elif op in ("argmax", "argmin"):
            out = f(a, axis=p["axis"])
            if p["keepdims"]:
                out = np.expand_dims(out, p["axis"])
        else:
            out = f(a, axis=p["axis"], keepdims=p["keepdims"])
        if np.ndim(out) == 0 and "axis" not in p:
            return {"shape": None, "data": [enc(out)]}
    elif op == "matmul":
        out = a @ b
    elif op == "outer":
        out = np.outer(a, b)
    elif op == "reshape":
        out = a.reshape(p["shape"])
    elif op == "flatten":
        out = a.flatten()
    elif op == "transpose":
        out = a.transpose(p["axes"]) if p["axes"] is not None else a.T
    elif op == "slice":
        index = [slice(None)] * a.ndim
        index[p["axis"]] = slice(p["start"], p["stop"], p["step"])
        out = a[tuple(index)]
    elif op == "concatenate":
        out = np.concatenate(args, axis=p["axis"])
    elif op == "stack":
        out = np.stack(args, axis=p["axis"])
    elif op == "unrollImages":
        out = a.reshape(a.shape[0], -1).T
    else:
        raise ValueError(op)
    out = np.asarray(out, dtype=np.float64)
    return {"shape": list(out.shape), "data": [enc(v) for v in out.ravel()]}

cases = json.load(sys.stdin)
json.dump([run(c) for c in cases], sys.stdout)
`;

/** True when a binary case broadcasts a size-1 dimension of an operand against a bigger one. */
function stretches(c: Case): boolean {
  if (!binaryOps.includes(c.op) || c.args.some((x) => typeof x === "number")) return false;
  const [a, b] = c.args.map((x) => build(x as Operand).shape as readonly number[]);
  return stretchesShapes(a, b);
}

function close(x: number, y: number): boolean {
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) && Number.isNaN(y);
  if (x === y) return true;
  return Math.abs(x - y) <= 1e-12 * Math.max(Math.abs(x), Math.abs(y));
}

test(`numpy oracle: ${cases.length} random cases (broadcasting, reductions, matmul, views, unrolling) agree to 1e-12`, () => {
  assert.ok(cases.length >= 300, `only ${cases.length} cases`);
  const viewCases = cases.filter((c) => c.args.some((x) => typeof x !== "number" && x.steps.length > 0)).length;
  assert.ok(viewCases >= 150, `only ${viewCases} cases use non-contiguous views`);
  const stretching = cases.filter(stretches).length;
  assert.ok(stretching >= 80, `only ${stretching} cases stretch a size-1 dimension`);
  const expected: Result[] = JSON.parse(
    execFileSync(numpyPython(), ["-c", NUMPY], { input: JSON.stringify(cases), maxBuffer: 64 << 20 }).toString(),
  );
  assert.equal(expected.length, cases.length);
  const failures: string[] = [];
  cases.forEach((c, i) => {
    let got: Result;
    try {
      got = runCase(c);
    } catch (e) {
      failures.push(`case ${c.id} ${c.op}: threw ${(e as Error).message}`);
      return;
    }
    const want = expected[i];
    const shapes = (s: number[] | null) => (s === null ? "scalar" : `(${s.join(",")})`);
    if (shapes(got.shape) !== shapes(want.shape)) {
      failures.push(`case ${c.id} ${c.op}: shape ${shapes(got.shape)}, numpy ${shapes(want.shape)}`);
      return;
    }
    const bad = got.data.findIndex((v, k) => !close(decode(v), decode(want.data[k])));
    if (bad >= 0) failures.push(`case ${c.id} ${c.op}: element ${bad} is ${got.data[bad]}, numpy ${want.data[bad]}`);
  });
  assert.deepEqual(failures.slice(0, 20), [], `${failures.length} of ${cases.length} cases disagree with numpy`);
});
