/**
 * plot: Plotly figures for the course (cost curves, decision boundaries, cost surfaces, image grids,
 * animations, live training curves) and `show`, which displays a figure inline in every front end.
 * Each helper returns a plain {@link Figure} (JSON); nothing is drawn until `show(fig)`.
 */
export { Figure, Trace, Layout, Frame, Axis, Numbers, NumericArray } from "./figure";
export {
  costCurve,
  CostCurveOptions,
  lineChart,
  Series,
  ChartOptions,
  compareCosts,
  CostRun,
  functionPlot,
  NamedFunction,
  decisionBoundary,
  BoundaryOptions,
} from "./charts";
export { costSurface, descentAnimation, SurfaceOptions, ParamPoint } from "./surface";
export { curveDescentAnimation, CurveAnimationOptions, AnimationOptions } from "./animation";
export { imageGrid, ImageGridOptions, MAX_GRID_IMAGES } from "./images";
export { encodePng, pngDataUri } from "./png";
export { describeFigure } from "./describe";
export {
  show,
  toMimeBundle,
  previewBundle,
  present,
  PresentOptions,
  inKernel,
  MimeBundle,
  PLOTLY_MIME,
} from "./display";
export { MAX_FIGURE_POINTS, FIGURE_BUDGET_BYTES, figurePoints, fitPointBudget } from "./budget";
export { sketchFigure, MAX_SKETCH_POINTS } from "./sketch";
export { TSLAB_VERSION } from "../platform";
export { liveCostCurve, LiveCostCurve, LiveCostOptions } from "./live";
