/** The typed ndarray: public surface of `src/ndarray`. */
export { NDArray, Vector, Matrix, Column, Row, Operand } from "./ndarray";
export { DlnotesError, ShapeError, ValueError } from "../core";
export {
  Shape,
  ShapeLike,
  Normalize,
  Broadcast,
  WidenAxis,
  Stacked,
  formatShape,
  broadcastShapes,
  MAX_ELEMENTS,
} from "./shape";
export { zeros, ones, full, array, arange, linspace, fromFloat64Array, Nested } from "./create";
export { matmul, dot, outer } from "./linalg";
export { seededRandom, Random } from "./random";
export { concatenate, stack, unrollImages } from "./manipulate";
export { column, row, asColumn, asRow, asVector, asMatrix } from "./narrow";
export { add, sub, mul, div, pow, exp, log, sqrt, abs, BinaryShape } from "./arith";
export { formatArray, FormatOptions } from "./format";
