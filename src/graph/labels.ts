/**
 * The words a drawing or a text listing shows for each node: its name, its formula in terms of its
 * operands' names ("u = b·c"), its value and its gradient ("dJ/du = 3"). Shared by the SVG drawing and
 * the plain-text fallback so both always say the same thing.
 */
import { formatSignificant } from "../core";
import { Value } from "./value";

/** One node as a reader sees it. */
export interface NodeLabel {
  node: Value;
  /** The name shown for the node: its own, or t1, t2, ... for unnamed results and x1, x2, ... for unnamed inputs. */
  name: string;
  /** "a = 5" for an input, "u = b·c = 6" for a result. */
  definition: string;
  /** "dJ/du = 3" once `backward()` reached the node, otherwise null. */
  gradient: string | null;
  kind: "input" | "operation" | "output";
}

/** Rounds for reading, as the lecture prints numbers (the graph drawings' name for the core formatter). */
export const formatGraphNumber = formatSignificant;

/**
 * Names for every node of a graph given in topological order. Constants are shown as their number, so
 * `v.mul(3)` reads "v·3" instead of pointing at a separate box.
 */
export function displayNames(order: readonly Value[], significantDigits = 5): Map<Value, string> {
  const names = new Map<Value, string>();
  let unnamedResults = 0;
  let unnamedInputs = 0;
  for (const node of order) {
    if (node.name !== undefined && node.name !== "") names.set(node, node.name);
    else if (node.isConstant) {
      const text = formatGraphNumber(node.data, significantDigits);
      names.set(node, node.data < 0 ? `(${text})` : text);
    } else if (node.op === null) names.set(node, `x${++unnamedInputs}`);
    else names.set(node, `t${++unnamedResults}`);
  }
  return names;
}

/** The right-hand side of a result's definition in terms of its operands' names: "b·c", "σ(z)". */
export function formula(node: Value, names: Map<Value, string>): string {
  const [x, y] = node.parents.map((p) => names.get(p) ?? "?");
  switch (node.op) {
    case "+":
      return `${x} + ${y}`;
    case "-":
      return `${x} − ${y}`;
    case "*":
      // Constant factors first, as written in math: v.mul(3) reads "3·v".
      return node.parents[1].isConstant && !node.parents[0].isConstant ? `${y}·${x}` : `${x}·${y}`;
    case "/":
      return `${x} / ${y}`;
    case "pow":
      return `${x}^${y}`;
    case "neg":
      return `−${x}`;
    case "exp":
      return `exp(${x})`;
    case "log":
      return `log(${x})`;
    case "sigmoid":
      return `σ(${x})`;
    default:
      return names.get(node) ?? "?";
  }
}

/**
 * Labels for the nodes to draw (constants are folded into their users' formulas and left out).
 * @param order the graph in topological order, output last
 */
export function nodeLabels(order: readonly Value[], significantDigits = 5): NodeLabel[] {
  const names = displayNames(order, significantDigits);
  const output = order[order.length - 1];
  const labels: NodeLabel[] = [];
  for (const node of order) {
    if (node.isConstant && node !== output) continue;
    const name = names.get(node) ?? "?";
    const value = formatGraphNumber(node.data, significantDigits);
    const definition =
      node.isConstant && name === value
        ? value // a lone constant: "3", not "3 = 3"
        : node.op === null
          ? `${name} = ${value}`
          : `${name} = ${formula(node, names)} = ${value}`;
    let gradient: string | null = null;
    if (node.gradOf !== null) {
      // d(output)/d(node); the output named as the graph knows it, or as its own name if it is another graph's.
      const of = names.get(node.gradOf) ?? node.gradOf.name ?? "out";
      gradient = `d${of}/d${name} = ${formatGraphNumber(node.grad, significantDigits)}`;
    }
    const kind = node === output ? "output" : node.op === null ? "input" : "operation";
    labels.push({ node, name, definition, gradient, kind });
  }
  return labels;
}
