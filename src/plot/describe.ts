/**
 * A readable plain-text description of a figure: the `text/plain` part of every plot output, shown where
 * Plotly cannot run (GitHub's static viewer, a PDF export, a terminal, `show` outside a kernel).
 */
import { Figure, Trace, formatNumber } from "./figure";

function span(values: readonly number[]): string {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo === hi ? formatNumber(lo) : `${formatNumber(lo)} … ${formatNumber(hi)}`;
}

function flatZ(z: Trace["z"]): number[] {
  if (!z) return [];
  return (z as (number | number[])[]).flat() as number[];
}

function describeTrace(t: Trace): string {
  const name = t.name ? ` "${t.name}"` : "";
  const x = t.x ?? [];
  const y = t.y ?? [];
  switch (t.type) {
    case "scatter":
    case "scatter3d": {
      const kind =
        t.type === "scatter3d" ? "3-D path" : String(t.mode ?? "lines").includes("lines") ? "line" : "points";
      if (y.length === 0) return `${kind}${name}: empty`;
      let s = `${kind}${name}: ${y.length} point${y.length === 1 ? "" : "s"}, x ${span(x)}, y ${span(y)}`;
      if (t.type === "scatter3d") s += `, z ${span(flatZ(t.z))}`;
      else if (y.length > 1 && kind === "line")
        s += ` (first ${formatNumber(y[0])}, last ${formatNumber(y[y.length - 1])})`;
      return s;
    }
    case "contour":
    case "surface":
    case "heatmap": {
      const z = t.z as number[][] | undefined;
      const rows = z?.length ?? 0;
      const cols = rows ? z![0].length : 0;
      return `${t.type}${name}: ${cols}×${rows} grid, x ${span(x)}, y ${span(y)}, z ${span(flatZ(z))}`;
    }
    case "image":
      return `image${name}`;
    default:
      return `${String(t.type)}${name}`;
  }
}

/**
 * Describes a figure in a few lines: title, axis titles, one line per trace (points, ranges, first and
 * last value of a line), and the number of animation frames.
 * @example
 * describeFigure(costCurve([0.69, 0.5, 0.4], { learningRate: 0.005 }))
 * // Plot: Cost (learning rate = 0.005)
 * // x axis: iteration · y axis: cost
 * // - line "cost": 3 points, x 0 … 200, y 0.4 … 0.69 (first 0.69, last 0.4)
 */
export function describeFigure(fig: Figure): string {
  const lines: string[] = [`Plot: ${fig.layout.title?.text ?? "(untitled)"}`];
  const axes: string[] = [];
  for (const key of ["xaxis", "yaxis"] as const) {
    const title = fig.layout[key]?.title?.text;
    if (title) axes.push(`${key[0]} axis: ${title}`);
  }
  const scene = fig.layout.scene as { [k: string]: { title?: { text?: string } } } | undefined;
  if (scene) {
    for (const key of ["xaxis", "yaxis", "zaxis"]) {
      const title = scene[key]?.title?.text;
      if (title) axes.push(`${key[0]} axis: ${title}`);
    }
  }
  if (axes.length) lines.push(axes.join(" · "));
  const images = fig.data.filter((t) => t.type === "image");
  if (images.length) {
    lines.push(
      `${images.length} image${images.length === 1 ? "" : "s"}: ${images.map((t) => t.name ?? "?").join(", ")}`,
    );
  }
  for (const t of fig.data) if (t.type !== "image") lines.push(`- ${describeTrace(t)}`);
  if (fig.frames?.length)
    lines.push(`animation: ${fig.frames.length} frames (play/pause and a slider in an interactive view)`);
  return lines.join("\n");
}
