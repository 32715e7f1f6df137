/**
 * The whole pipeline of the course's `model`: initialize, train with gradient descent, predict on
 * the train and test sets, report accuracies. Returns the course's dictionary `d` in camelCase.
 */
import { formatShape, ShapeError } from "../ndarray";
import type { Column, Matrix, Row } from "../ndarray";
import { initializeWithZeros, predictUnchecked, accuracy } from "./logistic";
import { optimize, OptimizeOptions } from "./optimize";
import { Divergence } from "./divergence";
import { requireBinaryLabels, requireFiniteArray, requireShapes } from "./validate";
import { Float32Matrix } from "./float32matrix";

/** Settings of {@link model}; besides these, every {@link OptimizeOptions} setting may be given. */
export interface ModelOptions extends Partial<OptimizeOptions> {
  /** Gradient-descent steps (default 2000, as the course). */
  numIterations?: number;
  /** Learning rate (default 0.5, the course's default argument; its notebook trains with 0.005). */
  learningRate?: number;
  /** Also print the train and test accuracy at the end, as the course does (default: follows printCost). */
  printAccuracy?: boolean;
}

/** What {@link model} returns: the course's dictionary `d`, plus accuracies and the divergence flag. */
export interface ModelResult {
  /** Costs recorded every `recordEvery` iterations (iteration 0 included). */
  costs: number[];
  /** Predicted labels (1, m_test) on the test set. */
  YPredictionTest: Row;
  /** Predicted labels (1, m_train) on the training set. */
  YPredictionTrain: Row;
  /** Trained weights (n, 1). */
  w: Column;
  /** Trained bias. */
  b: number;
  /** The learning rate used. */
  learningRate: number;
  /** The number of iterations asked for. */
  numIterations: number;
  /** Accuracy on the training set, in percent. */
  trainAccuracy: number;
  /** Accuracy on the test set, in percent. */
  testAccuracy: number;
  /** null, or where and why training was stopped (see `optimize`). */
  diverged: Divergence | null;
}

/**
 * Trains logistic regression on (XTrain, YTrain) from zero parameters and evaluates it:
 *   w, b = initializeWithZeros(n); optimize(...); predict on train and test; accuracy (percent).
 * XTrain is (n, m_train), YTrain (1, m_train), XTest (n, m_test), YTest (1, m_test). Either X may be a
 * {@link Float32Matrix} (`asFloat32(X)`, or `preprocessImages(images, { dtype: "float32" })`) for faster
 * float32 products.
 * @throws ShapeError when the sets do not fit together (all shapes named); ValueError as in optimize.
 */
export function model(
  XTrain: Matrix | Float32Matrix,
  YTrain: Row,
  XTest: Matrix | Float32Matrix,
  YTest: Row,
  options: ModelOptions = {},
): ModelResult {
  const op = "model";
  const { numIterations = 2000, learningRate = 0.5, printCost = false, printAccuracy = printCost } = options;
  const { n } = requireShapes(op, { X: XTrain, Y: YTrain });
  requireShapes(op, { X: XTest, Y: YTest });
  if (XTest.shape[0] !== n) {
    throw new ShapeError(
      `${op}: XTrain ${formatShape(XTrain.shape)} and XTest ${formatShape(XTest.shape)} must have the same number of features (rows): ${n} != ${XTest.shape[0]}`,
    );
  }
  if (!(XTest instanceof Float32Matrix)) requireFiniteArray(op, "XTest", XTest); // a Float32Matrix was checked when made
  requireFiniteArray(op, "YTest", YTest);
  requireBinaryLabels(op, "YTest", YTest);

  const init = initializeWithZeros(n);
  const run = optimize(init.w, init.b, XTrain, YTrain, { ...options, numIterations, learningRate, printCost });
  const { w, b } = run.params;
  const YPredictionTrain = predictUnchecked(w, b, XTrain);
  const YPredictionTest = predictUnchecked(w, b, XTest);
  const trainAccuracy = accuracy(YPredictionTrain, YTrain);
  const testAccuracy = accuracy(YPredictionTest, YTest);
  if (printAccuracy) {
    console.log(`train accuracy: ${trainAccuracy} %`);
    console.log(`test accuracy: ${testAccuracy} %`);
  }
  return {
    costs: run.costs,
    YPredictionTest,
    YPredictionTrain,
    w,
    b,
    learningRate,
    numIterations,
    trainAccuracy,
    testAccuracy,
    diverged: run.diverged,
  };
}
