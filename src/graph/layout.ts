/**
 * Positions boxes and routes edges left to right with dagre (the layered "Sugiyama" layout used by
 * many diagram tools). This file is the only one that talks to the layout library.
 */
import * as dagre from "@dagrejs/dagre";

/** A box to place: `width`/`height` in SVG pixels. */
export interface BoxToPlace {
  key: string;
  width: number;
  height: number;
  /** Inputs are all pinned to the leftmost column, like a, b, c in the lecture's diagram. */
  isInput: boolean;
}

/** An edge from `from` (an operand) to `to` (the result computed from it). */
export interface EdgeToRoute {
  key: string;
  from: string;
  to: string;
}

/** A point in SVG pixels. */
export interface Point {
  x: number;
  y: number;
}

/** Where everything went. Box coordinates are centres; the drawing spans (0, 0) to (width, height). */
export interface GraphLayout {
  boxes: Map<string, Point>;
  edges: Map<string, Point[]>;
  width: number;
  height: number;
}

/** Spacing of the layout in SVG pixels. */
export interface LayoutSpacing {
  /** Gap between columns (default 70). */
  columnGap?: number;
  /** Gap between boxes in one column (default 26). */
  rowGap?: number;
  /** Empty border around the drawing (default 16). */
  margin?: number;
}

// An invisible node left of every input. Heavy edges from it to each input pull all inputs into one
// column (dagre has no "same rank" constraint); the light input -> result edges stretch instead.
const ANCHOR = "\u0000inputs";

/**
 * Lays out boxes left to right with dagre.
 * @returns centres of the boxes and polylines for the edges, shifted so the drawing starts at the margin
 */
export function layoutLeftToRight(boxes: BoxToPlace[], edges: EdgeToRoute[], spacing: LayoutSpacing = {}): GraphLayout {
  const margin = spacing.margin ?? 16;
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({
    rankdir: "LR",
    ranksep: spacing.columnGap ?? 70,
    nodesep: spacing.rowGap ?? 26,
    ranker: "network-simplex",
  });
  g.setDefaultEdgeLabel(() => ({}));
  for (const box of boxes) g.setNode(box.key, { width: box.width, height: box.height });
  const inputs = boxes.filter((b) => b.isInput);
  if (inputs.length > 1) {
    g.setNode(ANCHOR, { width: 0, height: 0 });
    // Added in reverse so that, other things equal, dagre stacks the inputs top-down in creation order (a, b, c).
    for (const box of [...inputs].reverse())
      g.setEdge(ANCHOR, box.key, { weight: 1000, minlen: 1 }, `${ANCHOR}->${box.key}`);
  }
  for (const edge of edges) g.setEdge(edge.from, edge.to, { weight: 1, minlen: 1 }, edge.key);
  dagre.layout(g);

  // Bounding box of the real boxes and edges only (the anchor takes a column of its own).
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  const include = (x: number, y: number) => {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  };
  for (const box of boxes) {
    const n = g.node(box.key);
    include(n.x - box.width / 2, n.y - box.height / 2);
    include(n.x + box.width / 2, n.y + box.height / 2);
  }
  const routed = new Map<string, Point[]>();
  for (const edge of edges) {
    const points = (g.edge(edge.from, edge.to, edge.key) as { points?: Point[] }).points ?? [];
    for (const p of points) include(p.x, p.y);
    routed.set(edge.key, points);
  }
  if (boxes.length === 0) {
    minX = minY = 0;
    maxX = maxY = 0;
  }
  const dx = margin - minX,
    dy = margin - minY;
  const placed = new Map<string, Point>();
  for (const box of boxes) {
    const n = g.node(box.key);
    placed.set(box.key, { x: n.x + dx, y: n.y + dy });
  }
  for (const [key, points] of routed)
    routed.set(
      key,
      points.map((p) => ({ x: p.x + dx, y: p.y + dy })),
    );
  return { boxes: placed, edges: routed, width: maxX - minX + 2 * margin, height: maxY - minY + 2 * margin };
}
