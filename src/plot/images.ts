/** A grid of RGB (or grey) images with their labels, e.g. samples of the data set or misclassified examples. */
import { ValueError, ShapeError } from "../core";
import { formatShape } from "../ndarray/shape";
import { Figure, NumericArray, Trace } from "./figure";
import { pngDataUri } from "./png";

/** Options of {@link imageGrid}. */
export interface ImageGridOptions {
  /** Images per row (default: up to 5). */
  columns?: number;
  /** The images are the columns of a (h·w·c, m) matrix, as the course flattens them: give `[h, w, c]`. */
  fromColumns?: [number, number, number];
  /**
   * The value of full brightness: 255 for bytes, 1 for images divided by 255. `"auto"` (default) takes 255
   * when any value is above 1, else 1.
   */
  maxValue?: 255 | 1 | "auto";
  /** Displayed size of one image in pixels (default 128; small pictures are scaled up without smoothing). */
  cellSize?: number;
  title?: string;
}

/** Most images one grid may hold: each costs a few kB of PNG in the saved notebook. */
export const MAX_GRID_IMAGES = 100;

interface Picture {
  height: number;
  width: number;
  channels: number;
  /** row-major (h, w, c) values */
  values: Float64Array;
}

function splitImages(op: string, images: NumericArray | readonly NumericArray[], options: ImageGridOptions): Picture[] {
  if (Array.isArray(images)) {
    return (images as readonly NumericArray[]).map((img, i) => {
      const s = img.shape;
      if (s.length === 2) return { height: s[0], width: s[1], channels: 1, values: img.toFloat64Array() };
      if (s.length === 3 && (s[2] === 3 || s[2] === 1))
        return { height: s[0], width: s[1], channels: s[2], values: img.toFloat64Array() };
      throw new ShapeError(`${op}: images[${i}] has shape ${formatShape(s)}; expected (h, w, 3), (h, w, 1) or (h, w)`);
    });
  }
  const all = images as NumericArray;
  const s = all.shape;
  const flat = all.toFloat64Array();
  if (options.fromColumns) {
    const [h, w, c] = options.fromColumns;
    if (s.length !== 2 || s[0] !== h * w * c) {
      throw new ShapeError(
        `${op}: fromColumns [${h}, ${w}, ${c}] needs a (${h * w * c}, m) matrix, got shape ${formatShape(s)}`,
      );
    }
    const m = s[1];
    return Array.from({ length: m }, (_, j) => {
      const values = new Float64Array(h * w * c);
      for (let k = 0; k < values.length; k++) values[k] = flat[k * m + j];
      return { height: h, width: w, channels: c, values };
    });
  }
  if (s.length === 4 && (s[3] === 3 || s[3] === 1)) {
    const size = s[1] * s[2] * s[3];
    return Array.from({ length: s[0] }, (_, i) => ({
      height: s[1],
      width: s[2],
      channels: s[3],
      values: flat.subarray(i * size, (i + 1) * size),
    }));
  }
  if (s.length === 3) {
    const size = s[1] * s[2];
    return Array.from({ length: s[0] }, (_, i) => ({
      height: s[1],
      width: s[2],
      channels: 1,
      values: flat.subarray(i * size, (i + 1) * size),
    }));
  }
  throw new ShapeError(
    `${op}: expected (m, h, w, 3), (m, h, w), a list of (h, w, 3) images, or a (h·w·c, m) matrix with fromColumns; got shape ${formatShape(s)}`,
  );
}

function toRgbBytes(op: string, pic: Picture, index: number, maxValue: number): Uint8Array {
  const n = pic.height * pic.width;
  const out = new Uint8Array(n * 3);
  for (let p = 0; p < n; p++) {
    for (let ch = 0; ch < 3; ch++) {
      const v = pic.values[p * pic.channels + (pic.channels === 1 ? 0 : ch)];
      if (!(v >= 0 && v <= maxValue)) {
        throw new ValueError(`${op}: image ${index} has value ${v} at pixel ${p}; values must lie in [0, ${maxValue}]`);
      }
      out[p * 3 + ch] = Math.round((v / maxValue) * 255);
    }
  }
  return out;
}

/**
 * A grid of images with a label above each. Pixels are embedded as PNG data URIs (a few kB per 64×64 picture).
 * @param images - an (m, h, w, 3) array, a list of (h, w, 3) arrays, or a (h·w·3, m) matrix with `fromColumns`.
 *   Grey images ((h, w) or channel 1) are drawn grey.
 * @param labels - one caption per image, e.g. `"cat"` or `"y = 1, predicted 0"`.
 * @example show(imageGrid(trainX.slice(0, 10), labels.slice(0, 10), { columns: 5 }))
 */
export function imageGrid(
  images: NumericArray | readonly NumericArray[],
  labels: readonly string[],
  options: ImageGridOptions = {},
): Figure {
  const op = "imageGrid";
  const pictures = splitImages(op, images, options);
  if (pictures.length === 0) throw new ValueError(`${op}: no images given`);
  if (pictures.length > MAX_GRID_IMAGES)
    throw new ValueError(
      `${op}: ${pictures.length} images; at most ${MAX_GRID_IMAGES} per grid (keeps the notebook small)`,
    );
  if (labels.length !== pictures.length)
    throw new ValueError(`${op}: ${pictures.length} images but ${labels.length} labels`);
  let maxValue = options.maxValue ?? "auto";
  if (maxValue === "auto") maxValue = pictures.some((p) => p.values.some((v) => v > 1)) ? 255 : 1;
  const columns = Math.min(options.columns ?? 5, pictures.length);
  if (!(Number.isInteger(columns) && columns > 0))
    throw new ValueError(`${op}: columns must be a positive integer, got ${options.columns}`);
  const rows = Math.ceil(pictures.length / columns);
  const cell = options.cellSize ?? 128;
  const data: Trace[] = [];
  const layout: Figure["layout"] = {
    title: { text: options.title ?? `${pictures.length} image${pictures.length === 1 ? "" : "s"}` },
    grid: { rows, columns, pattern: "independent", xgap: 0.08, ygap: 0.25 },
    height: rows * (cell + 40) + 70,
    width: Math.max(columns * (cell + 20) + 40, 320),
    margin: { l: 20, r: 20, t: 60, b: 10 },
    showlegend: false,
    annotations: [],
  };
  const annotations = layout.annotations as unknown[];
  pictures.forEach((pic, i) => {
    const k = i === 0 ? "" : String(i + 1);
    const source = pngDataUri(toRgbBytes(op, pic, i, maxValue as number), pic.width, pic.height);
    data.push({
      type: "image",
      name: labels[i],
      source,
      xaxis: `x${k}`,
      yaxis: `y${k}`,
      hovertemplate: `${labels[i]}<br>(%{x}, %{y})<extra></extra>`,
    });
    layout[`xaxis${k}`] = { visible: false, scaleanchor: `y${k}` };
    layout[`yaxis${k}`] = { visible: false };
    annotations.push({
      text: labels[i],
      xref: `x${k} domain`,
      yref: `y${k} domain`,
      x: 0.5,
      y: 1.02,
      xanchor: "center",
      yanchor: "bottom",
      showarrow: false,
    });
  });
  return { data, layout };
}
