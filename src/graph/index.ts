/**
 * graph: a scalar reverse-mode autodiff value (`Value`) and drawings of the computation graphs it builds,
 * as in the lecture's J(a, b, c) = 3(a + bc).
 */
export { Value, ValueLike, ValueOp, topologicalOrder, countGraphNodes } from "./value";
export {
  drawGraph,
  showGraph,
  graphMimeBundle,
  graphToText,
  DrawGraphOptions,
  SvgDisplay,
  DRAW_GRAPH_MAX_NODES,
  GRAPH_TEXT_MAX_NODES,
} from "./draw";
export { formatGraphNumber } from "./labels";
