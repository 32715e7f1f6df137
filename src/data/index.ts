/**
 * data: the course's data sets, shipped with the project (synthetic, MIT licensed, no download).
 *
 * - {@link loadImageDataset}: 64x64 RGB pictures, cat face or not (drawn procedurally), 209 / 50 split
 * - {@link preprocessImages}: unroll to (h*w*3, m) and scale to [0, 1], as the course does
 * - {@link load2DDataset}: two overlapping 2-D clouds for decision-boundary pictures
 */
export {
  loadImageDataset,
  preprocessImages,
  ImageDataset,
  ImageDatasetOptions,
  Images,
  IMAGE_SIZE,
  TRAIN_SIZE,
  TEST_SIZE,
} from "./images";
export { load2DDataset, PointDataset, PointDatasetOptions } from "./points";
