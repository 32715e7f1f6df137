/**
 * learn: logistic regression from scratch, as the course derives it — sigmoid, losses and cost,
 * propagate, optimize (batch gradient descent), predict, accuracy, model, and gradient checking.
 */
export { sigmoid, sigmoidDerivative } from "./activation";
export { squaredErrorLoss, crossEntropyLoss, crossEntropyLossFromLogits, cost, CROSS_ENTROPY_EPSILON } from "./loss";
export { initializeWithZeros, propagate, predict, accuracy, Params, Grads, PropagateResult } from "./logistic";
export { optimize, printWarning, OptimizeOptions, OptimizeResult, OptimizeKernel } from "./optimize";
export { DivergenceRule, Divergence, DEFAULT_RISING_STEPS, DEFAULT_ABOVE_START_STEPS } from "./divergence";
export { model, ModelOptions, ModelResult } from "./model";
export { asFloat32, Float32Matrix, isFloat32Matrix } from "./float32";
export {
  gradientCheck,
  numericalGradient,
  relativeDifference,
  logisticGradientCheck,
  LogisticGradientCheck,
  paramsToVector,
  vectorToParams,
  GRADIENT_CHECK_EPSILON,
} from "./gradcheck";
