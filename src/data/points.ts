/**
 * A small 2-D data set for decision-boundary pictures: two overlapping clouds of points, one per
 * class, so a straight line separates them well but not perfectly.
 */
import { NDArray, Row, ValueError, fromFloat64Array, seededRandom } from "../ndarray";

/** What {@link load2DDataset} returns. */
export interface PointDataset {
  /** Features, shape (2, m): row 0 is x1, row 1 is x2; column j is example j. */
  X: NDArray<[number, number]>;
  /** Labels, shape (1, m), 0 or 1. */
  Y: Row;
  /** Where the class centres are and how the points were drawn. */
  description: string;
}

/** Options for {@link load2DDataset}. */
export interface PointDatasetOptions {
  /** Number of points, half of each class (an odd m gives class 1 the extra point). Default 200. */
  m?: number;
  /** Standard deviation of each cloud around its centre; larger means more overlap. Default 1. */
  spread?: number;
  /** Random seed. Default 0. */
  seed?: number;
}

/** Class 0 is centred here, class 1 at the opposite point: the best boundary is the line x1 + x2 = 0.75. */
const CENTRE_0 = [-0.5, -0.75] as const;
const CENTRE_1 = [1.5, 1.25] as const;

/**
 * Two Gaussian clouds in the plane, labelled 0 and 1, in a shuffled order: the same points for the
 * same options on every machine. With the defaults about 8 % of the points lie on the wrong side of
 * the best straight line, so logistic regression's boundary is visibly a compromise.
 * @example
 * const { X, Y } = load2DDataset();        // X (2, 200), Y (1, 200)
 * const small = load2DDataset({ m: 40, spread: 0.5 });
 * @throws ValueError for m < 2, a spread that is not a positive finite number, or a seed that is not an integer.
 */
export function load2DDataset(options: PointDatasetOptions = {}): PointDataset {
  const { m = 200, spread = 1, seed = 0 } = options;
  if (!Number.isSafeInteger(m) || m < 2) throw new ValueError(`load2DDataset: m must be an integer >= 2, got ${m}`);
  if (!Number.isFinite(spread) || spread <= 0)
    throw new ValueError(`load2DDataset: spread must be a positive finite number, got ${spread}`);
  if (!Number.isSafeInteger(seed)) throw new ValueError(`load2DDataset: seed must be an integer, got ${seed}`);
  const rng = seededRandom(seed);
  const order = rng.permutation(m);
  const offsets = rng.normal([2, m], 0, spread).toFloat64Array();
  const x = new Float64Array(2 * m);
  const y = new Float64Array(m);
  const zeros = Math.floor(m / 2);
  for (let j = 0; j < m; j++) {
    const label = order[j] < zeros ? 0 : 1;
    const centre = label === 0 ? CENTRE_0 : CENTRE_1;
    x[j] = centre[0] + offsets[j]; // row 0
    x[m + j] = centre[1] + offsets[m + j]; // row 1
    y[j] = label;
  }
  return {
    X: fromFloat64Array(x, [2, m]),
    Y: fromFloat64Array(y, [1, m]),
    description:
      `Synthetic: ${m} points, ${zeros} of class 0 around (${CENTRE_0.join(", ")}) and ${m - zeros} of class 1 around ` +
      `(${CENTRE_1.join(", ")}), each coordinate normal with standard deviation ${spread} (seed ${seed}).`,
  };
}
