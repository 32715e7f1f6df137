/**
 * Function forms of the arithmetic, for formulas where a number comes first, as in the course:
 * `sub(1, A)` is numpy's `1 - A`, `div(1, add(1, exp(Z.neg())))` is the sigmoid.
 */
import { NDArray, Operand } from "./ndarray";
import { Broadcast, Shape } from "./shape";
import * as ew from "./elementwise";

/** Shape type of `a op b` when either side may be a number (a number acts like a 0-d array). */
export type BinaryShape<A, B> =
  A extends NDArray<infer SA>
    ? B extends NDArray<infer SB>
      ? Broadcast<SA, SB>
      : SA
    : B extends NDArray<infer SB>
      ? SB
      : [];

/** `a + b` with numpy broadcasting; either side may be a number. */
export function add<A extends Operand, B extends Operand>(a: A, b: B): NDArray<BinaryShape<A, B>> {
  return ew.binary("add", a, b) as NDArray<BinaryShape<A, B>>;
}
/** `a - b` with numpy broadcasting; either side may be a number, e.g. `sub(1, A)` for `1 - A`. */
export function sub<A extends Operand, B extends Operand>(a: A, b: B): NDArray<BinaryShape<A, B>> {
  return ew.binary("sub", a, b) as NDArray<BinaryShape<A, B>>;
}
/** `a * b` element-wise (not a matrix product) with numpy broadcasting; either side may be a number. */
export function mul<A extends Operand, B extends Operand>(a: A, b: B): NDArray<BinaryShape<A, B>> {
  return ew.binary("mul", a, b) as NDArray<BinaryShape<A, B>>;
}
/** `a / b` element-wise with numpy broadcasting; either side may be a number, e.g. `div(1, A)`. */
export function div<A extends Operand, B extends Operand>(a: A, b: B): NDArray<BinaryShape<A, B>> {
  return ew.binary("div", a, b) as NDArray<BinaryShape<A, B>>;
}
/** `a ** b` element-wise with numpy broadcasting; either side may be a number, e.g. `pow(2, A)`. */
export function pow<A extends Operand, B extends Operand>(a: A, b: B): NDArray<BinaryShape<A, B>> {
  return ew.binary("pow", a, b) as NDArray<BinaryShape<A, B>>;
}

/** e^x element-wise (numpy's `np.exp`). */
export function exp<S extends Shape>(a: NDArray<S>): NDArray<S> {
  requireArray("exp", a);
  return ew.unary("exp", a);
}
/** Natural logarithm element-wise (numpy's `np.log`: log(0) = -Infinity, log of a negative number = NaN). */
export function log<S extends Shape>(a: NDArray<S>): NDArray<S> {
  requireArray("log", a);
  return ew.unary("log", a);
}
/** Square root element-wise (numpy's `np.sqrt`). */
export function sqrt<S extends Shape>(a: NDArray<S>): NDArray<S> {
  requireArray("sqrt", a);
  return ew.unary("sqrt", a);
}
/** Absolute value element-wise (numpy's `np.abs`). */
export function abs<S extends Shape>(a: NDArray<S>): NDArray<S> {
  requireArray("abs", a);
  return ew.unary("abs", a);
}

function requireArray(op: string, a: unknown): void {
  if (a instanceof NDArray) return;
  const hint =
    typeof a === "number"
      ? ` (for a single number use Math.${op})`
      : Array.isArray(a)
        ? " (wrap a plain array with array(...))"
        : "";
  throw new TypeError(`${op}: expected an NDArray, got ${a === null ? "null" : typeof a}${hint}`);
}
