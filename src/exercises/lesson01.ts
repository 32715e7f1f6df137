/**
 * Self-checks for notebook 01 (binary classification: images as feature vectors, the shapes of X and Y).
 * Each check prints "✔ pass" or a hint (see feedback.ts for the contract).
 */
import { NDArray } from "../ndarray/ndarray";
import { array } from "../ndarray/create";
import { formatShape } from "../ndarray/shape";
import {
  Verdict,
  allClose,
  attempt,
  describe,
  fmt,
  hint,
  notAttempted,
  pass,
  report,
  requireFunction,
} from "./feedback";

type Images = NDArray<[number, number, number, number]>;

/** A tiny, non-square image batch (m=3, h=4, w=5, 3 channels) whose pixels are all different. */
function sampleImages(): Images {
  const [m, h, w, c] = [3, 4, 5, 3];
  const values: number[][][][] = [];
  let k = 0;
  for (let i = 0; i < m; i++) {
    const img: number[][][] = [];
    for (let r = 0; r < h; r++) {
      const rowPixels: number[][] = [];
      for (let q = 0; q < w; q++) rowPixels.push(Array.from({ length: c }, () => k++));
      img.push(rowPixels);
    }
    values.push(img);
  }
  return array(values) as Images;
}

function sameArray(got: NDArray, want: NDArray): boolean {
  return (
    formatShape(got.shape) === formatShape(want.shape) && allClose(got.toFloat64Array(), want.toFloat64Array(), 1e-12)
  );
}

/** The verdict for an `unroll` function; exported for the tests through {@link checkUnroll}. */
function judgeUnroll(unroll: (images: Images) => unknown): Verdict {
  const images = sampleImages();
  const [m, h, w, c] = images.shape;
  const nx = h * w * c;
  const want = images.reshape([m, -1]).T;
  const got = attempt(() => unroll(images.copy()));
  if (!got.ok && got.notAttempted) {
    return notAttempted(
      "first one row per picture (reshape to (m, -1)), then one column per picture (transpose); keep the pixel order",
    );
  }
  if (!got.ok) return hint(`your function threw ${got.error}`);
  const X = got.value;
  if (!(X instanceof NDArray)) return hint(`expected an NDArray of shape (${nx},${m}), got ${describe(X)}`);
  const shape = formatShape(X.shape);
  if (X.ndim === 1) {
    return hint(
      `shape ${shape}: you flattened all images into one long vector; keep one column per image, shape (n_x, m) = (${nx},${m})`,
    );
  }
  if (shape === `(${m},${nx})`) {
    return sameArray(X, want.T)
      ? hint(
          `shape ${shape} has one ROW per image; the course stacks examples as COLUMNS, (n_x, m) = (${nx},${m}): transpose with .T`,
        )
      : hint(
          `shape ${shape} has one row per image, and the pixel order is off too; aim for images.reshape([m, -1]).T, shape (${nx},${m})`,
        );
  }
  if (shape !== `(${nx},${m})`) {
    return hint(`expected shape (n_x, m) = (${nx},${m}) for ${m} images of ${h}x${w}x${c}, got ${shape}`);
  }
  if (sameArray(X, want))
    return pass(`shape (${nx},${m}), column j holds image j's pixels in numpy order (row, column, channel)`);
  if (sameArray(X, want.div(255)))
    return hint(
      "right shape and order, but the values are divided by 255: this exercise only unrolls (scaling comes next)",
    );
  if (sameArray(X, images.reshape([nx, m]))) {
    return hint(
      `right shape but each column mixes pixels of different images: reshape([${nx}, ${m}]) directly cuts across images. Reshape to (m, -1) first (one row per image), then transpose`,
    );
  }
  if (sameArray(X, images.transpose([0, 3, 1, 2]).reshape([m, -1]).T)) {
    return hint(
      "each column holds the right image but channel by channel (all red, then green, then blue); keep numpy's order (row, column, channel): reshape([m, -1]) without moving the channel axis",
    );
  }
  if (sameArray(X, images.transpose([0, 2, 1, 3]).reshape([m, -1]).T)) {
    return hint(
      "each column holds the right image but with rows and columns of the picture swapped; reshape the images as they are, without transposing them first",
    );
  }
  const wantData = want.toFloat64Array();
  const gotData = X.toFloat64Array();
  const i = gotData.findIndex((v, k) => v !== wantData[k]);
  const [row, col] = [Math.floor(i / m), i % m];
  return hint(
    `right shape, but X[${row}][${col}] is ${fmt(gotData[i])} where the pixel should be ${fmt(wantData[i])}; column j must be image j read in (row, column, channel) order`,
  );
}

/**
 * Exercise 1 of notebook 01: checks your `unroll(images)` that turns a batch of images of shape
 * (m, h, w, 3) into the matrix X of shape (n_x, m), one column per image, in numpy's order
 * (the same as `images.reshape(m, -1).T` in numpy). Prints "✔ pass" or a hint.
 * @throws TypeError if `unroll` is not a function (a misuse of the check).
 */
export function checkUnroll(unroll: (images: Images) => unknown): void {
  requireFunction("checkUnroll", unroll, "unroll(images) => X");
  report("unroll", judgeUnroll(unroll));
}

/** The label lists the label-row check tries: the exercise's five labels, then others so no length is hard-coded. */
const LABEL_LISTS: readonly (readonly number[])[] = [
  [1, 0, 0, 1, 1],
  [0, 1, 1],
  [1, 1, 0, 0, 1, 0, 1],
];

function judgeLabels(Y: unknown, labels: readonly number[]): Verdict | null {
  const m = labels.length;
  const given = `labelRow([${labels.join(", ")}])`;
  if (Array.isArray(Y))
    return hint(
      `${given} is a plain JavaScript array; make an NDArray of shape (1,${m}), e.g. array([labels]) or row(labels)`,
    );
  if (!(Y instanceof NDArray)) return hint(`${given}: expected an NDArray of shape (1,${m}), got ${describe(Y)}`);
  const shape = formatShape(Y.shape);
  if (shape === `(${m},)`) {
    return hint(
      `${given} has shape (${m},), a rank-1 array, the classic mistake: it is neither a row nor a column and broadcasts in surprising ways. Make it (1,${m}): array([labels]) or .reshape([1, -1])`,
    );
  }
  if (shape === `(${m},1)`)
    return hint(
      `${given} has shape (${m},1), a column; Y has one column per example, so it is a row (1,${m}): transpose with .T`,
    );
  if (shape !== `(1,${m})`) return hint(`${given}: expected shape (1,${m}) for ${m} labels, got ${shape}`);
  const values = Y.toFloat64Array();
  const i = Array.from(values).findIndex((v, k) => v !== labels[k]);
  if (i >= 0)
    return hint(
      `${given}: shape (1,${m}) is right, but Y[0][${i}] is ${fmt(values[i])} while label ${i} is ${labels[i]}`,
    );
  return null;
}

function judgeLabelRow(labelRow: (labels: number[]) => unknown): Verdict {
  for (const labels of LABEL_LISTS) {
    const got = attempt(() => labelRow([...labels]));
    if (!got.ok && got.notAttempted)
      return notAttempted(
        "Y needs two axes, shape (1, m); array(labels) alone makes the rank-1 (m,) of section 5, which also shows how to build a row",
      );
    if (!got.ok) return hint(`labelRow([${labels.join(", ")}]) threw ${got.error}`);
    const wrong = judgeLabels(got.value, labels);
    if (wrong) return wrong;
  }
  return pass(
    `Y has shape (1, m): one label per example, in a row (tried m = ${LABEL_LISTS.map((l) => l.length).join(", ")})`,
  );
}

/**
 * Exercise 2 of notebook 01: checks your `labelRow(labels)` that turns a plain list of 0/1 labels into the label
 * matrix Y of shape (1, m), same values in the same order. Prints "✔ pass" or a hint (rank-1 (m,), column (m,1),
 * plain array, values).
 * @throws TypeError if `labelRow` is not a function (a misuse of the check).
 */
export function checkLabelRow(labelRow: (labels: number[]) => unknown): void {
  requireFunction("checkLabelRow", labelRow, "labelRow(labels) => Y");
  report("label row Y", judgeLabelRow(labelRow));
}

function judgeFeatureCount(featureCount: (height: number, width: number) => unknown): Verdict {
  const sizes: [number, number][] = [
    [64, 64],
    [100, 80],
    [3, 5],
  ];
  for (const [h, w] of sizes) {
    const got = attempt(() => featureCount(h, w));
    if (!got.ok && got.notAttempted)
      return notAttempted("every pixel has 3 numbers (red, green, blue), and there are height x width pixels");
    if (!got.ok) return hint(`featureCount(${h}, ${w}) threw ${got.error}`);
    const n = got.value;
    if (typeof n !== "number") return hint(`featureCount(${h}, ${w}) should return a number, got ${describe(n)}`);
    const want = h * w * 3;
    if (n === want) continue;
    const at = `featureCount(${h}, ${w}) = ${fmt(n)}`;
    if (n === 12288) return hint(`${at}: 12288 is only right for 64x64 images; compute it from height and width`);
    if (n === h * w) return hint(`${at}: an RGB image has 3 numbers per pixel (red, green, blue)`);
    if (n === h * h * 3 || n === w * w * 3)
      return hint(`${at}: use both the height and the width (${h} x ${w} pixels)`);
    if (n === (h + w) * 3 || n === h + w + 3) return hint(`${at}: the counts multiply (h * w * 3), they don't add`);
    return hint(`${at} is not right: count the numbers of one picture (pixels times colours)`);
  }
  return pass("right for every size tried, square and not square");
}

/**
 * Exercise 3 of notebook 01: checks your `featureCount(height, width)` that returns n_x, the length
 * of the feature vector of one RGB image of that size. Prints "✔ pass" or a hint.
 * @throws TypeError if `featureCount` is not a function.
 */
export function checkFeatureCount(featureCount: (height: number, width: number) => unknown): void {
  requireFunction("checkFeatureCount", featureCount, "featureCount(height, width) => n_x");
  report("feature count n_x", judgeFeatureCount(featureCount));
}
