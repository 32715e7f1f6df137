/**
 * numpy-style printing of arrays: the same text as numpy's `repr` (numpy 1.24 rules: line width 75,
 * precision 8, arrays of more than 1000 elements summarised with "..." and 3 items at each edge),
 * followed by the shape, as numpy 2.2 does for summarised arrays:
 *
 *     array([[1. , 2.5],
 *            [3. , 4. ]], shape=(2, 2))
 */
import type { NDArray } from "./ndarray";
import { floatFormatter } from "./floatformat";

const LINE_WIDTH = 75;
const THRESHOLD = 1000;
const EDGE_ITEMS = 3;
const SEPARATOR = ", ";
const PREFIX = "array(";

/** Options of {@link formatArray}. */
export interface FormatOptions {
  /** Append `shape=(...)` (default true). With false the text is exactly numpy 1.24's `repr`. */
  shape?: boolean;
}

/** The shape as Python prints a tuple: `(3, 1)`, `(3,)`, `()`. */
export function pythonShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
}

/** Indices shown along an axis of length n: all, or the first and last 3 with a gap (-1) between. */
function shownIndices(n: number, summarise: boolean): number[] {
  if (!summarise || n <= 2 * EDGE_ITEMS) return [...Array(n).keys()];
  const tail = [...Array(EDGE_ITEMS).keys()].map((i) => n - EDGE_ITEMS + i);
  return [...Array(EDGE_ITEMS).keys(), -1, ...tail];
}

/**
 * numpy-like text of an array: aligned columns, "..." for more than 1000 elements, shape shown.
 * This is what tslab, `console.log` and `String(a)` show.
 */
export function formatArray(a: NDArray, options: FormatOptions = {}): string {
  const showShape = options.shape ?? true;
  const shape = a.shape as readonly number[];
  const extra = showShape ? `shape=${pythonShape(shape)})` : "dtype=float64)";
  if (a.size === 0) {
    const shapeNote = shape.length === 1 || showShape ? "" : `, shape=${pythonShape(shape)}`;
    return `${PREFIX}[]${shapeNote}, ${extra}`;
  }
  const summarise = a.size > THRESHOLD;
  const storage = a.storage;

  // The formatter sees only the values that will be printed, as in numpy.
  const shown: number[] = [];
  const collect = (axis: number, index: number[]): void => {
    if (axis === shape.length) {
      shown.push(storage.get(...index));
      return;
    }
    for (const i of shownIndices(shape[axis], summarise)) if (i >= 0) collect(axis + 1, [...index, i]);
  };
  collect(0, []);
  const formatValue = floatFormatter(shown);

  const body = layout(shape, (index) => formatValue(storage.get(...index)), summarise);
  if (!showShape) return `${PREFIX}${body})`;
  const text = `${PREFIX}${body},`;
  const lastLine = text.length - (text.lastIndexOf("\n") + 1);
  const spacer = lastLine + extra.length + 1 > LINE_WIDTH ? "\n" + " ".repeat(PREFIX.length) : " ";
  return text + spacer + extra;
}

/** numpy's `_formatArray`: nested brackets, rows wrapped at the line width, blank lines between blocks. */
function layout(shape: readonly number[], word: (index: number[]) => string, summarise: boolean): string {
  const ndim = shape.length;
  const recurse = (index: number[], indent: string, width: number): string => {
    const axis = index.length;
    if (axis === ndim) return word(index);
    const axesLeft = ndim - axis;
    const items = shownIndices(shape[axis], summarise);
    const nextIndent = indent + " ";
    const nextWidth = width - 1; // room for the closing "]"
    let s = "";
    if (axesLeft === 1) {
      const elemWidth = width - Math.max(SEPARATOR.trimEnd().length, 1);
      let line = indent;
      items.forEach((i, k) => {
        const text = i < 0 ? "..." : recurse([...index, i], nextIndent, nextWidth);
        // Wrap when the word would not fit, unless the line holds nothing yet.
        if (line.length + text.length > elemWidth && line.length > indent.length) {
          s += line.trimEnd() + "\n";
          line = indent;
        }
        line += text;
        if (k < items.length - 1) line += SEPARATOR;
      });
      s += line;
    } else {
      const lineSep = SEPARATOR.trimEnd() + "\n".repeat(axesLeft - 1);
      items.forEach((i, k) => {
        s += indent + (i < 0 ? "..." : recurse([...index, i], nextIndent, nextWidth));
        if (k < items.length - 1) s += lineSep;
      });
    }
    return "[" + s.slice(indent.length) + "]";
  };
  // The first line starts after "array(" and "[": later lines are indented to match.
  return recurse([], " ".repeat(PREFIX.length + 1), LINE_WIDTH - 1);
}
