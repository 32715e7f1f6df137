/**
 * graph: a scalar reverse-mode autodiff value (`Value`) and drawings of the computation graphs it builds,
 * as in the lecture's J(a, b, c) = 3(a + bc).
 */
export { Value, ValueLike, ValueOp, topologicalOrder } from "./value";
export { drawGraph, showGraph, graphMimeBundle, graphToText, DrawGraphOptions, SvgDisplay } from "./draw";
export { formatGraphNumber } from "./labels";
