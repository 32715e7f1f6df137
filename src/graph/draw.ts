/**
 * Drawings of a computation graph, read like the lecture's diagrams: inputs on the left, the output on
 * the right, one box per node with its definition and value ("u = b·c = 6") and, after `backward()`,
 * its gradient in red ("dJ/du = 3"); black arrows for the forward pass and, optionally, red dashed
 * arrows running right to left for the backward pass.
 *
 * The result is one self-contained SVG string (no fonts, CSS, scripts or ids), so it shows the same in
 * JupyterLab, VS Code, the classic Notebook and an exported HTML page.
 */
import { ValueError, escapeMarkup, utf8Base64 } from "../core";
import { platform } from "../platform";
import { Value, countGraphNodes, topologicalOrder } from "./value";
import { NodeLabel, nodeLabels } from "./labels";
import { BoxToPlace, EdgeToRoute, LayoutSpacing, Point, layoutLeftToRight } from "./layout";

/** How to draw a graph. */
export interface DrawGraphOptions extends LayoutSpacing {
  /** Show each node's gradient once `backward()` has run (default true). */
  showGradients?: boolean;
  /** Draw the backward pass as red dashed arrows from right to left (default: when gradients are shown). */
  backwardPass?: boolean;
  /** A one-line key under the drawing explaining the colours (default true). */
  legend?: boolean;
  /** Significant digits of values and gradients (default 5: 33.003000000000004 prints as 33.003). */
  significantDigits?: number;
  /** Refuse graphs with more boxes than this (default {@link DRAW_GRAPH_MAX_NODES}): a bigger drawing is unreadable. */
  maxNodes?: number;
  /** Accessible title of the SVG (default "computation graph of <output name>"). */
  title?: string;
}

/** Something that can show an SVG string, such as `tslab.display`. */
export interface SvgDisplay {
  svg(svg: string): void;
}

/** Most boxes {@link drawGraph} draws unless told otherwise (`maxNodes`): a bigger drawing is unreadable. */
export const DRAW_GRAPH_MAX_NODES = 300;
/** Most lines {@link graphToText} lists unless told otherwise (`maxNodes`): about 0.5 MB of text. */
export const GRAPH_TEXT_MAX_NODES = 10_000;

const FONT = "Helvetica, Arial, 'DejaVu Sans', 'Liberation Sans', sans-serif";
const DEFINITION_SIZE = 14;
const GRADIENT_SIZE = 13;
// Average advance of a sans-serif glyph is about 0.55 em; 0.6 leaves room for bold and symbols.
const CHAR_WIDTH = 0.6;
const PADDING_X = 12;
const LINE_HEIGHT = 18;
const ARROW_LENGTH = 9;
const LEGEND_HEIGHT = 26;
const COLORS = {
  text: "#1b1b1b",
  gradient: "#c62828",
  forward: "#455a64",
  backward: "#d32f2f",
  background: "#ffffff",
  input: { fill: "#e8f1fb", stroke: "#4a6f99", width: 1.2 },
  operation: { fill: "#ffffff", stroke: "#546e7a", width: 1.2 },
  output: { fill: "#fff4e0", stroke: "#b26a00", width: 2 },
};

/**
 * Draws the graph that computes `root` as a static SVG string, laid out left to right by dagre.
 *
 * ```ts
 * J.backward();
 * const svg = drawGraph(J);                 // a, b, c -> u -> v -> J, with dJ/da = 3 etc. in red
 * const plain = drawGraph(J, { showGradients: false });
 * ```
 * @throws ValueError if the graph has more than `maxNodes` boxes
 */
export function drawGraph(root: Value, options: DrawGraphOptions = {}): string {
  const digits = options.significantDigits ?? 5;
  const maxNodes = options.maxNodes ?? DRAW_GRAPH_MAX_NODES;
  // counted before anything is built: a huge graph is refused at once, not after laying out a million boxes
  const boxCount = countGraphNodes(root, { boxesOnly: true });
  if (boxCount > maxNodes) {
    throw new ValueError(
      `drawGraph: the graph has ${boxCount} nodes, more than maxNodes = ${maxNodes} (pass a larger maxNodes to draw it anyway)`,
    );
  }
  const order = topologicalOrder(root);
  const labels = nodeLabels(order, digits);
  const showGradients = options.showGradients ?? true;
  const hasGradients = showGradients && labels.some((l) => l.gradient !== null);
  const backwardPass = (options.backwardPass ?? true) && hasGradients;

  const keyOf = (node: Value) => `n${node.id}`;
  const drawn = new Set(labels.map((l) => l.node));
  const boxes: (BoxToPlace & { label: NodeLabel; lines: string[] })[] = labels.map((label) => {
    const lines = [label.definition];
    if (hasGradients && label.gradient !== null) lines.push(label.gradient);
    const longest = Math.max(label.definition.length * DEFINITION_SIZE, (lines[1]?.length ?? 0) * GRADIENT_SIZE);
    return {
      key: keyOf(label.node),
      width: Math.ceil(longest * CHAR_WIDTH + 2 * PADDING_X),
      height: 12 + lines.length * LINE_HEIGHT,
      isInput: label.kind === "input",
      label,
      lines,
    };
  });
  const edges: EdgeToRoute[] = [];
  for (const label of labels) {
    label.node.parents.forEach((parent, k) => {
      if (drawn.has(parent))
        edges.push({ key: `${keyOf(parent)}>${keyOf(label.node)}#${k}`, from: keyOf(parent), to: keyOf(label.node) });
    });
  }
  const layout = layoutLeftToRight(boxes, edges, options);
  const legend = options.legend ?? true;
  const outputName = labels.find((l) => l.kind === "output")?.name ?? "output";
  const legendText = !hasGradients
    ? `black → forward pass: each box shows name = formula = value`
    : backwardPass
      ? `black → forward pass: values  ·  red ← backward pass: d${outputName}/d(node)`
      : `black → forward pass: values  ·  red: gradients d${outputName}/d(node)`;
  const legendWidth = legend ? legendText.length * 12 * CHAR_WIDTH + 32 : 0;
  const width = Math.ceil(Math.max(layout.width, legendWidth));
  const height = Math.ceil(layout.height + (legend ? LEGEND_HEIGHT : 0));
  const title = options.title ?? `computation graph of ${outputName}`;

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
      `role="img" aria-label="${escapeMarkup(title)}" font-family="${escapeMarkup(FONT)}">`,
  );
  parts.push(`<title>${escapeMarkup(title)}</title>`);
  // An opaque background keeps dark text readable in dark-themed front ends.
  parts.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="${COLORS.background}"/>`);

  // Forward edges sit a little above the centre line and backward ones below, so both stay visible.
  const forwardShift = backwardPass ? -4 : 0;
  parts.push(`<g fill="none" stroke="${COLORS.forward}" stroke-width="1.5">`);
  for (const edge of edges)
    parts.push(arrow(shift(layout.edges.get(edge.key) ?? [], forwardShift), COLORS.forward, false));
  parts.push(`</g>`);
  if (backwardPass) {
    parts.push(`<g fill="none" stroke="${COLORS.backward}" stroke-width="1.5">`);
    for (const edge of edges)
      parts.push(arrow(shift(layout.edges.get(edge.key) ?? [], 4).reverse(), COLORS.backward, true));
    parts.push(`</g>`);
  }

  for (const box of boxes) {
    const centre = layout.boxes.get(box.key) as Point;
    const style = COLORS[box.label.kind];
    const left = centre.x - box.width / 2,
      top = centre.y - box.height / 2;
    parts.push(
      `<g><rect x="${num(left)}" y="${num(top)}" width="${box.width}" height="${box.height}" rx="6" ry="6" ` +
        `fill="${style.fill}" stroke="${style.stroke}" stroke-width="${style.width}"/>`,
    );
    box.lines.forEach((line, i) => {
      const isGradient = i === 1;
      const y = top + 6 + LINE_HEIGHT * (i + 1) - 5;
      parts.push(
        `<text x="${num(centre.x)}" y="${num(y)}" text-anchor="middle" font-size="${isGradient ? GRADIENT_SIZE : DEFINITION_SIZE}" ` +
          `fill="${isGradient ? COLORS.gradient : COLORS.text}"${isGradient ? "" : ` font-weight="bold"`}>${escapeMarkup(line)}</text>`,
      );
    });
    parts.push(`</g>`);
  }

  if (legend) {
    const y = layout.height + LEGEND_HEIGHT / 2;
    parts.push(`<text x="16" y="${num(y)}" font-size="12" fill="${COLORS.forward}">${escapeMarkup(legendText)}</text>`);
  }
  parts.push(`</svg>`);
  return parts.join("\n");
}

/**
 * Lists the graph in topological order as plain text, one node a line: `u = b·c = 6    dJ/du = 3`.
 * The fallback of `showGraph` outside a notebook, and handy in tests and logs.
 * @throws ValueError if the graph has more than `maxNodes` (default {@link GRAPH_TEXT_MAX_NODES}) nodes
 */
export function graphToText(
  root: Value,
  options: Pick<DrawGraphOptions, "significantDigits" | "showGradients" | "maxNodes"> = {},
): string {
  const maxNodes = options.maxNodes ?? GRAPH_TEXT_MAX_NODES;
  const lineCount = countGraphNodes(root, { boxesOnly: true });
  if (lineCount > maxNodes) {
    throw new ValueError(
      `graphToText: the graph has ${lineCount} nodes, more than maxNodes = ${maxNodes} (pass a larger maxNodes to list it anyway)`,
    );
  }
  const labels = nodeLabels(topologicalOrder(root), options.significantDigits ?? 5);
  // a loop, not Math.max(...lengths): spreading a huge array overflows the call stack
  let width = 0;
  for (const l of labels) width = Math.max(width, l.definition.length);
  const showGradients = options.showGradients ?? true;
  return labels
    .map((l) =>
      showGradients && l.gradient !== null ? `${l.definition.padEnd(width)}    ${l.gradient}` : l.definition,
    )
    .join("\n");
}

/**
 * What {@link showGraph} sends to a notebook: the SVG, the same picture as an `<img>` in HTML, and
 * {@link graphToText}. JupyterLab renders `image/svg+xml` only in TRUSTED outputs (a reopened notebook, or one
 * from git, shows nothing for it), while sanitized HTML keeps an `<img>` with a data: URI, so the HTML copy is
 * what an untrusted notebook shows. Exports that prefer SVG (the course notes) still use the SVG.
 */
export function graphMimeBundle(root: Value, options: DrawGraphOptions = {}): { [mime: string]: string } {
  const svg = drawGraph(root, options);
  // the SVG's own accessible name (already XML-escaped, which is also valid in an HTML attribute)
  const label = /aria-label="([^"]*)"/.exec(svg)?.[1] ?? "computation graph";
  const uri = `data:image/svg+xml;base64,${utf8Base64(svg)}`;
  return {
    "image/svg+xml": svg,
    "text/html": `<img src="${uri}" alt="${label}">`,
    "text/plain": graphToText(root, options),
  };
}

/**
 * Shows the drawing in a notebook cell (tslab: {@link graphMimeBundle}), or prints `graphToText` when not
 * running in a kernel.
 * @param display where to show the SVG instead (anything with `svg(svg)`, such as `tslab.display`)
 */
export function showGraph(root: Value, options: DrawGraphOptions & { display?: SvgDisplay } = {}): void {
  const { display, ...drawOptions } = options;
  if (display !== undefined) {
    try {
      display.svg(drawGraph(root, drawOptions));
    } catch {
      // tslab's own display throws "Not ready" outside a running cell: text is the honest fallback there
      console.log(graphToText(root, drawOptions));
    }
    return;
  }
  // Outside a notebook front end (plain Node, tests) text is the honest fallback.
  if (!platform.display(graphMimeBundle(root, drawOptions))) console.log(graphToText(root, drawOptions));
}

/** A smooth path through the routed points, ending in a filled arrowhead. */
function arrow(points: Point[], color: string, dashed: boolean): string {
  if (points.length < 2) return "";
  const tip = points[points.length - 1];
  const before = points[points.length - 2];
  const length = Math.hypot(tip.x - before.x, tip.y - before.y) || 1;
  const ux = (tip.x - before.x) / length,
    uy = (tip.y - before.y) / length;
  // Stop the line at the arrowhead's base so it does not poke through the tip.
  const base = { x: tip.x - ux * ARROW_LENGTH, y: tip.y - uy * ARROW_LENGTH };
  const line = [...points.slice(0, -1), base];
  let d = `M${num(line[0].x)},${num(line[0].y)}`;
  if (line.length === 2) d += ` L${num(base.x)},${num(base.y)}`;
  else {
    // Quadratic curves through the midpoints of dagre's polyline: a smooth curve with the same bends.
    const mid = (p: Point, q: Point) => ({ x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 });
    const first = mid(line[0], line[1]);
    d += ` L${num(first.x)},${num(first.y)}`;
    for (let i = 1; i < line.length - 1; i++) {
      const m = mid(line[i], line[i + 1]);
      d += ` Q${num(line[i].x)},${num(line[i].y)} ${num(m.x)},${num(m.y)}`;
    }
    d += ` L${num(base.x)},${num(base.y)}`;
  }
  const half = ARROW_LENGTH / 2;
  const head = [
    tip,
    { x: base.x - uy * half, y: base.y + ux * half },
    { x: base.x + uy * half, y: base.y - ux * half },
  ];
  const dash = dashed ? ` stroke-dasharray="5 3"` : "";
  return (
    `<path d="${d}"${dash}/>` +
    `<polygon points="${head.map((p) => `${num(p.x)},${num(p.y)}`).join(" ")}" fill="${color}" stroke="none"/>`
  );
}

function shift(points: Point[], dy: number): Point[] {
  return points.map((p) => ({ x: p.x, y: p.y + dy }));
}

/** Coordinates with at most 2 decimals keep the SVG short and deterministic. */
function num(x: number): string {
  return String(Math.round(x * 100) / 100);
}
