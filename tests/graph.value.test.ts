// The scalar autodiff Value: forward values, local derivatives, shared nodes, backward/zeroGrad semantics,
// deep graphs and the errors that replace silent NaN.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Value, ValueError, topologicalOrder } from "../src";

const close = (actual: number, expected: number, tol = 1e-12) =>
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${actual} != ${expected}`);

test("each operation's value and derivatives at a point", () => {
  const cases: [string, (x: Value, y: Value) => Value, number, number, number, number][] = [
    // name, f, x, y, expected f, [df/dx, df/dy] follow
    ["add", (x, y) => x.add(y), 2, 5, 7, 1],
    ["sub", (x, y) => x.sub(y), 2, 5, -3, 1],
    ["mul", (x, y) => x.mul(y), 2, 5, 10, 5],
    ["div", (x, y) => x.div(y), 2, 5, 0.4, 0.2],
    ["pow", (x, y) => x.pow(y), 2, 5, 32, 80],
  ];
  const dy: Record<string, number> = { add: 1, sub: -1, mul: 2, div: -2 / 25, pow: 32 * Math.log(2) };
  for (const [name, f, xv, yv, value, dxExpected] of cases) {
    const x = new Value(xv, "x"),
      y = new Value(yv, "y");
    const out = f(x, y);
    out.backward();
    close(out.data, value);
    close(x.grad, dxExpected);
    close(y.grad, dy[name]);
    assert.equal(
      out.op,
      name === "add" ? "+" : name === "sub" ? "-" : name === "mul" ? "*" : name === "div" ? "/" : "pow",
    );
  }
});

test("unary operations: neg, exp, log, sigmoid and pow with a number exponent", () => {
  const x = new Value(0.5, "x");
  const checks: [Value, number, number][] = [
    [x.neg(), -0.5, -1],
    [x.exp(), Math.exp(0.5), Math.exp(0.5)],
    [x.log(), Math.log(0.5), 2],
    [x.sigmoid(), 1 / (1 + Math.exp(-0.5)), Math.exp(-0.5) / (1 + Math.exp(-0.5)) ** 2],
    [x.pow(3), 0.125, 0.75],
    [x.pow(-1), 2, -4],
    [x.pow(0.5), Math.sqrt(0.5), 0.5 / Math.sqrt(0.5)],
  ];
  for (const [out, value, derivative] of checks) {
    out.backward();
    close(out.data, value);
    close(x.grad, derivative);
  }
});

test("sigmoid is stable for large |z| and matches the course's sigmoid([1,2,3])", () => {
  assert.equal(new Value(1000).sigmoid().data, 1);
  assert.equal(new Value(-1000).sigmoid().data, 0);
  const z = new Value(-1000);
  const s = z.sigmoid();
  s.backward();
  assert.equal(z.grad, 0);
  const expected = [0.73105858, 0.88079708, 0.95257413];
  const derivative = [0.19661193, 0.10499359, 0.04517666];
  [1, 2, 3].forEach((v, i) => {
    const zi = new Value(v);
    const si = zi.sigmoid();
    si.backward();
    close(si.data, expected[i], 1e-8);
    close(zi.grad, derivative[i], 1e-7);
  });
});

test("numbers are accepted wherever a Value is expected and become constants", () => {
  const x = new Value(4, "x");
  const y = x.mul(3).add(1).sub(2).div(2).pow(2); // ((3x + 1 - 2) / 2)^2 = 5.5^2
  y.backward();
  close(y.data, 30.25);
  close(x.grad, 2 * 5.5 * 1.5); // chain rule: 2 * 5.5 * 3/2
  const constants = topologicalOrder(y)
    .filter((n) => n.isConstant)
    .map((n) => n.data);
  assert.deepEqual(constants, [3, 1, 2, 2, 2]);
  assert.equal(Value.from(x), x);
  const one = Value.from(1);
  assert.ok(one.isConstant && one.op === null && one.data === 1);
  const oneMinusX = Value.from(1).sub(x);
  assert.equal(oneMinusX.data, -3);
});

test("names: passed to an operation, set with named(), optional", () => {
  const a = new Value(5, "a");
  const u = a.mul(2, "u");
  assert.equal(u.name, "u");
  const v = a.add(1).named("v");
  assert.equal(v.name, "v");
  assert.equal(a.neg().name, undefined);
  assert.equal(String(u), "Value(u = 10)");
  u.backward();
  assert.equal(String(a), "Value(a = 5, grad 2)");
});

test("a node used more than once collects the gradient of every use", () => {
  const x = new Value(3, "x");
  const square = x.mul(x);
  square.backward();
  assert.equal(x.grad, 6);
  const twice = x.add(x);
  twice.backward();
  assert.equal(x.grad, 2);
  // Diamond: y = x^2, z = y*x + y  ->  dz/dx = 3x^2 + 2x = 33 at x = 3, dz/dy = x + 1 = 4
  const y = x.pow(2, "y");
  const z = y.mul(x).add(y, "z");
  z.backward();
  assert.equal(z.data, 36);
  assert.equal(x.grad, 33);
  assert.equal(y.grad, 4);
  assert.equal(topologicalOrder(z).filter((n) => n === y).length, 1);
});

test("topologicalOrder lists every node once, operands before results, root last", () => {
  const a = new Value(1),
    b = new Value(2);
  const c = a.mul(b);
  const d = c.add(a).mul(c);
  const order = topologicalOrder(d);
  assert.equal(new Set(order).size, order.length);
  assert.equal(order[order.length - 1], d);
  for (const node of order) for (const p of node.parents) assert.ok(order.indexOf(p) < order.indexOf(node));
  assert.deepEqual(new Set(order), new Set([a, b, c, c.parents[0], d.parents[0], d]));
});

test("backward() twice gives the same gradients (it resets first); zeroGrad() clears them", () => {
  const a = new Value(5, "a"),
    b = new Value(3, "b");
  const J = a.mul(b).add(a, "J");
  J.backward();
  assert.deepEqual([a.grad, b.grad, J.grad], [4, 5, 1]);
  J.backward();
  assert.deepEqual([a.grad, b.grad, J.grad], [4, 5, 1], "not doubled like PyTorch's accumulation");
  assert.equal(a.gradOf, J);
  J.zeroGrad();
  assert.deepEqual([a.grad, b.grad, J.grad], [0, 0, 0]);
  assert.equal(a.gradOf, null);
  assert.equal(J.gradOf, null);
});

test("a node shared by two outputs holds the gradient of the latest backward()", () => {
  const x = new Value(2, "x");
  const f = x.mul(10, "f");
  const g = x.pow(3, "g");
  f.backward();
  assert.equal(x.grad, 10);
  g.backward();
  assert.equal(x.grad, 12);
  assert.equal(x.gradOf, g);
  assert.equal(f.grad, 1, "f is not in g's graph, so g.backward() leaves it alone");
  assert.equal(f.gradOf, f);
});

test("a 100,000-node chain: built, sorted and backpropagated without recursion", () => {
  const x = new Value(1, "x");
  let y = x;
  for (let i = 0; i < 100_000; i++) y = y.mul(1.00001);
  assert.equal(topologicalOrder(y).length, 200_001); // 100,000 products + 100,000 constants + x
  y.backward();
  close(x.grad, Math.pow(1.00001, 100_000), 1e-9); // about e
  close(x.grad, Math.E, 1e-4);
  y.zeroGrad();
  assert.equal(x.grad, 0);
});

test("undefined results throw a ValueError naming the operation (never a silent NaN)", () => {
  const cases: [() => unknown, RegExp][] = [
    [() => new Value(NaN), /Value: data must be a finite number, got NaN/],
    [() => new Value(Infinity, "a"), /got Infinity for a/],
    [() => new Value(0).log(), /Value\.log: log\(0\) is undefined/],
    [() => new Value(-1).log(), /Value\.log: log\(-1\)/],
    [() => new Value(1).div(0), /Value\.div: division by zero \(1 \/ 0\)/],
    [() => new Value(-8).pow(1 / 3), /Value\.pow: -8 \*\* 0\.333\d+ is not a finite real number/],
    [() => new Value(0).pow(-1), /Value\.pow: 0 \*\* -1/],
    [() => new Value(0).pow(0.5), /Value\.pow: the derivative of x \*\* 0\.5 at x = 0 is not finite/],
    [() => new Value(-2).pow(new Value(2)), /Value\.pow: base -2 must be > 0 when the exponent is a Value/],
    [() => new Value(1000).exp(), /Value\.exp: exp\(1000\) overflows/],
    [() => new Value(1e200).mul(1e200), /Value\.\*: result of \*\(1e\+200, 1e\+200\) is Infinity/],
    [() => new Value(1).div(1e-200), /Value\.\/: the derivative of \/\(1, 1e-200\) is not a finite number/],
  ];
  for (const [run, message] of cases)
    assert.throws(run, (e: unknown) => e instanceof ValueError && message.test(e.message));
  // A negative base with an integer number exponent is fine.
  const x = new Value(-2);
  const cube = x.pow(3);
  cube.backward();
  assert.deepEqual([cube.data, x.grad], [-8, 12]);
});
