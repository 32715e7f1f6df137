/**
 * A scalar that remembers how it was computed: the node type of a computation graph with reverse-mode
 * automatic differentiation (backpropagation), in the spirit of the lecture's J(a, b, c) = 3(a + bc).
 *
 * Every operation creates a new node whose `parents` are its operands. The local derivatives
 * d(node)/d(parent) are computed right away in the forward pass (they are plain numbers), so
 * `backward()` is only the chain rule: walk the graph from the output to the inputs and add up
 * `localGradient * grad` along every edge.
 */
import { ValueError, sigmoidScalar } from "../core";

/** A graph node or a plain number; numbers become constant nodes when used as operands. */
export type ValueLike = Value | number;

/** The operation that produced a node (`null` for inputs and constants). */
export type ValueOp = "+" | "-" | "*" | "/" | "pow" | "neg" | "exp" | "log" | "sigmoid";

/** Ids give every node a stable creation order (used for drawing and deterministic ordering). */
let nextId = 0;

/** Fields that only the operations of this module may set on a freshly created node. */
type NodeInternals = {
  op: ValueOp | null;
  parents: readonly Value[];
  localGradients: readonly number[];
  isConstant: boolean;
};

/**
 * A scalar node of a computation graph.
 *
 * ```ts
 * const a = new Value(5, "a"), b = new Value(3, "b"), c = new Value(2, "c");
 * const u = b.mul(c, "u");      // 6
 * const v = a.add(u, "v");      // 11
 * const J = v.mul(3, "J");      // 33
 * J.backward();                 // a.grad = 3, b.grad = 6, c.grad = 9, u.grad = 3, v.grad = 3
 * ```
 *
 * Gradient semantics (chosen for teaching, unlike PyTorch's accumulation):
 * - `out.backward()` first sets `grad = 0` on every node of `out`'s graph, then fills
 *   `grad = d(out)/d(node)`. Calling it twice therefore gives the same gradients, never doubled ones.
 * - A node that belongs to several graphs holds the gradient of the most recent `backward()` that
 *   reached it; `gradOf` names that output.
 * - `out.zeroGrad()` sets `grad = 0` and `gradOf = null` on every node of `out`'s graph.
 */
export class Value {
  /** The number this node holds (computed in the forward pass). */
  readonly data: number;
  /** The operation that produced this node, or `null` for an input or a constant. */
  readonly op: ValueOp | null = null;
  /** The operands of `op` (empty for inputs and constants); the same node may appear twice (x * x). */
  readonly parents: readonly Value[] = [];
  /** d(this)/d(parents[i]) evaluated at the forward values, one per parent. */
  readonly localGradients: readonly number[] = [];
  /** True for a node made from a plain number operand (drawn inline, not as a box). */
  readonly isConstant: boolean = false;
  /** Creation order; unique within a process. */
  readonly id: number;
  /** Optional short name shown in drawings and messages (a, b, u, v, J, ...). */
  name: string | undefined;
  private currentGrad = 0;
  private currentGradOf: Value | null = null;

  /**
   * A new input node.
   * @param data a finite number
   * @param name optional short name (a, w1, x1, ...)
   * @throws ValueError if `data` is NaN or infinite
   */
  constructor(data: number, name?: string) {
    if (typeof data !== "number" || !Number.isFinite(data)) {
      throw new ValueError(`Value: data must be a finite number, got ${String(data)}${name ? ` for ${name}` : ""}`);
    }
    this.data = data;
    this.name = name;
    this.id = nextId++;
  }

  /** d(output)/d(this) from the most recent `backward()` that reached this node (0 before any). */
  get grad(): number {
    return this.currentGrad;
  }

  /** The output whose `backward()` filled `grad`, or `null` if none did (or after `zeroGrad()`). */
  get gradOf(): Value | null {
    return this.currentGradOf;
  }

  /**
   * `x` itself if it is a Value, otherwise a new constant node holding `x`.
   * Use it to put a number on the left: `Value.from(1).sub(y)`.
   */
  static from(x: ValueLike): Value {
    if (x instanceof Value) return x;
    const node = new Value(x);
    (node as unknown as NodeInternals).isConstant = true;
    return node;
  }

  /** Sets the name and returns this node (for chaining). */
  named(name: string): this {
    this.name = name;
    return this;
  }

  /** this + other. */
  add(other: ValueLike, name?: string): Value {
    const o = Value.from(other);
    return Value.result(this.data + o.data, "+", [this, o], [1, 1], name);
  }

  /** this - other. */
  sub(other: ValueLike, name?: string): Value {
    const o = Value.from(other);
    return Value.result(this.data - o.data, "-", [this, o], [1, -1], name);
  }

  /** this * other. */
  mul(other: ValueLike, name?: string): Value {
    const o = Value.from(other);
    return Value.result(this.data * o.data, "*", [this, o], [o.data, this.data], name);
  }

  /**
   * this / other.
   * @throws ValueError when dividing by zero
   */
  div(other: ValueLike, name?: string): Value {
    const o = Value.from(other);
    if (o.data === 0) throw new ValueError(`Value.div: division by zero (${this.data} / 0)`);
    return Value.result(this.data / o.data, "/", [this, o], [1 / o.data, -this.data / (o.data * o.data)], name);
  }

  /**
   * this ** exponent, with a number or a Value as exponent.
   * @throws ValueError when the result or a derivative is not a finite real number, e.g. a negative base
   *   with a fractional exponent, 0 ** -1, or a non-positive base with a Value exponent (d/d(exponent)
   *   needs log(base))
   */
  pow(exponent: ValueLike, name?: string): Value {
    const e = Value.from(exponent);
    const base = this.data;
    const result = Math.pow(base, e.data);
    if (!Number.isFinite(result)) {
      throw new ValueError(`Value.pow: ${base} ** ${e.data} is not a finite real number`);
    }
    const dBase = e.data === 0 ? 0 : e.data * Math.pow(base, e.data - 1);
    if (!Number.isFinite(dBase)) {
      throw new ValueError(`Value.pow: the derivative of x ** ${e.data} at x = ${base} is not finite`);
    }
    // A constant exponent needs no derivative; a variable one needs log(base), defined for base > 0 only.
    let dExponent = 0;
    if (!e.isConstant) {
      if (base <= 0) {
        throw new ValueError(
          `Value.pow: base ${base} must be > 0 when the exponent is a Value (d/d(exponent) = base ** exponent * log(base))`,
        );
      }
      dExponent = result * Math.log(base);
    }
    return Value.result(result, "pow", [this, e], [dBase, dExponent], name);
  }

  /** -this. */
  neg(name?: string): Value {
    return Value.result(-this.data, "neg", [this], [-1], name);
  }

  /**
   * e ** this.
   * @throws ValueError when the result overflows to Infinity
   */
  exp(name?: string): Value {
    const result = Math.exp(this.data);
    if (!Number.isFinite(result)) throw new ValueError(`Value.exp: exp(${this.data}) overflows to Infinity`);
    return Value.result(result, "exp", [this], [result], name);
  }

  /**
   * Natural logarithm.
   * @throws ValueError when this <= 0 (log is undefined there)
   */
  log(name?: string): Value {
    if (!(this.data > 0)) {
      throw new ValueError(`Value.log: log(${this.data}) is undefined (the argument must be > 0)`);
    }
    return Value.result(Math.log(this.data), "log", [this], [1 / this.data], name);
  }

  /** 1 / (1 + e ** -this), computed without overflow for large |this|; derivative s (1 - s). */
  sigmoid(name?: string): Value {
    const z = this.data;
    const s = sigmoidScalar(z);
    return Value.result(s, "sigmoid", [this], [s * (1 - s)], name);
  }

  /**
   * Backpropagation from this node: sets every node's `grad` to d(this)/d(node).
   *
   * Resets the gradients of this graph first, so calling it twice gives the same result. The
   * graph is walked without recursion, so very deep graphs (100,000-node chains) work.
   */
  backward(): void {
    const order = topologicalOrder(this);
    for (const node of order) {
      node.currentGrad = 0;
      node.currentGradOf = this;
    }
    this.currentGrad = 1;
    // Reverse topological order: a node's grad is complete before it is passed on to its parents.
    for (let i = order.length - 1; i >= 0; i--) {
      const node = order[i];
      const parents = node.parents;
      for (let k = 0; k < parents.length; k++) {
        parents[k].currentGrad += node.localGradients[k] * node.currentGrad;
      }
    }
  }

  /** Sets `grad = 0` and `gradOf = null` on every node of this node's graph. */
  zeroGrad(): void {
    for (const node of topologicalOrder(this)) {
      node.currentGrad = 0;
      node.currentGradOf = null;
    }
  }

  /** For example `Value(u = 6, grad 3)`. */
  toString(): string {
    const label = this.name ?? (this.op === null ? "" : `(${this.op})`);
    const grad = this.currentGradOf === null ? "" : `, grad ${this.currentGrad}`;
    return `Value(${label ? `${label} = ` : ""}${this.data}${grad})`;
  }

  /** What console.log and notebooks show. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  /** Builds an operation node, refusing results that are not finite (never a silent NaN). */
  private static result(data: number, op: ValueOp, parents: Value[], localGradients: number[], name?: string): Value {
    if (!Number.isFinite(data)) {
      const operands = parents.map((p) => p.data).join(", ");
      throw new ValueError(`Value.${op}: result of ${op}(${operands}) is ${data}, not a finite number`);
    }
    if (!localGradients.every(Number.isFinite)) {
      const operands = parents.map((p) => p.data).join(", ");
      throw new ValueError(`Value.${op}: the derivative of ${op}(${operands}) is not a finite number`);
    }
    const node = new Value(data, name);
    const internals = node as unknown as NodeInternals;
    internals.op = op;
    internals.parents = parents;
    internals.localGradients = localGradients;
    return node;
  }
}

/**
 * All nodes of `root`'s graph, each exactly once, inputs before the nodes computed from them
 * (`root` last). Built with an explicit stack, so graph depth is not limited by the call stack.
 */
export function topologicalOrder(root: Value): Value[] {
  const order: Value[] = [];
  const seen = new Set<Value>([root]);
  const stack: Value[] = [root];
  const nextParent: number[] = [0];
  while (stack.length > 0) {
    const top = stack.length - 1;
    const node = stack[top];
    const k = nextParent[top];
    if (k < node.parents.length) {
      nextParent[top] = k + 1;
      const parent = node.parents[k];
      if (!seen.has(parent)) {
        seen.add(parent);
        stack.push(parent);
        nextParent.push(0);
      }
    } else {
      // All parents are already in `order`: this node may follow them.
      stack.pop();
      nextParent.pop();
      order.push(node);
    }
  }
  return order;
}

/**
 * How many nodes `root`'s graph has (each counted once), without building anything else: an explicit stack, so
 * depth is not limited by the call stack. With `boxesOnly`, constants other than `root` are not counted (they are
 * drawn inside their users' formulas, not as boxes). Used to refuse graphs too big to draw or list before any work.
 */
export function countGraphNodes(root: Value, options: { boxesOnly?: boolean } = {}): number {
  const seen = new Set<Value>([root]);
  const stack: Value[] = [root];
  let count = 0;
  while (stack.length > 0) {
    const node = stack.pop() as Value;
    if (!options.boxesOnly || !node.isConstant || node === root) count++;
    for (const parent of node.parents) {
      if (!seen.has(parent)) {
        seen.add(parent);
        stack.push(parent);
      }
    }
  }
  return count;
}
