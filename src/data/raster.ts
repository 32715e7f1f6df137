/**
 * A tiny software rasteriser for the procedural image data set: anti-aliased ellipses, convex
 * polygons and thick lines blended onto an RGB canvas.
 *
 * Why our own: the data must come out bit-identical on every machine, so only IEEE-exact
 * operations are used here (+ - * / and sqrt, no sin/cos/exp, whose last bit may differ between
 * JavaScript engines). Rotations are given as a (cos, sin) pair computed exactly by {@link rotation}.
 */

/** An RGB colour with channels in 0..255 (fractions allowed; rounded when the image is stored). */
export type Rgb = readonly [number, number, number];

/** A point in pixel coordinates: x to the right, y downwards, pixel centres at +0.5. */
export type Point = readonly [number, number];

/** Sub-samples per pixel along each axis for edge anti-aliasing (3 x 3 = 9 samples). */
const SUBSAMPLES = 3;

/**
 * A (cos, sin) pair for a rotation, from t = tan(angle / 2) without trigonometry:
 * cos = (1 - t^2) / (1 + t^2), sin = 2t / (1 + t^2). Small |t| is a small angle (t = 0.1 is about 11.4 degrees).
 */
export function rotation(t: number): Point {
  const d = 1 + t * t;
  return [(1 - t * t) / d, (2 * t) / d];
}

/** Turns `p` around `centre` by the rotation `rot` (from {@link rotation}). */
export function rotateAround(p: Point, centre: Point, rot: Point): Point {
  const dx = p[0] - centre[0];
  const dy = p[1] - centre[1];
  return [centre[0] + dx * rot[0] - dy * rot[1], centre[1] + dx * rot[1] + dy * rot[0]];
}

/** A width x height RGB canvas holding float channels, drawn on by painter's algorithm. */
export class Canvas {
  /** Row-major RGB values, 3 per pixel, in 0..255 (not yet rounded). */
  readonly pixels: Float64Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.pixels = new Float64Array(width * height * 3);
  }

  /** Sets every pixel from `colourAt(x, y)` (pixel centres), e.g. for gradients and textures. */
  paint(colourAt: (x: number, y: number) => Rgb): void {
    for (let y = 0; y < this.height; y++) {
      for (let x = 0; x < this.width; x++) {
        const c = colourAt(x + 0.5, y + 0.5);
        const k = (y * this.width + x) * 3;
        this.pixels[k] = c[0];
        this.pixels[k + 1] = c[1];
        this.pixels[k + 2] = c[2];
      }
    }
  }

  /**
   * Blends `colour` wherever `inside(x, y)` holds, within the bounding box [x0,x1] x [y0,y1];
   * edge pixels get the fraction of their sub-samples that are inside (anti-aliasing).
   */
  fillShape(
    bounds: [number, number, number, number],
    colour: Rgb,
    inside: (x: number, y: number) => boolean,
    opacity = 1,
  ): void {
    const xs = Math.max(0, Math.floor(bounds[0]));
    const xe = Math.min(this.width - 1, Math.floor(bounds[1]));
    const ys = Math.max(0, Math.floor(bounds[2]));
    const ye = Math.min(this.height - 1, Math.floor(bounds[3]));
    const step = 1 / SUBSAMPLES;
    for (let py = ys; py <= ye; py++) {
      for (let px = xs; px <= xe; px++) {
        let hits = 0;
        for (let sy = 0; sy < SUBSAMPLES; sy++) {
          for (let sx = 0; sx < SUBSAMPLES; sx++) {
            if (inside(px + (sx + 0.5) * step, py + (sy + 0.5) * step)) hits++;
          }
        }
        if (hits === 0) continue;
        const alpha = (opacity * hits) / (SUBSAMPLES * SUBSAMPLES);
        const k = (py * this.width + px) * 3;
        for (let ch = 0; ch < 3; ch++) this.pixels[k + ch] += alpha * (colour[ch] - this.pixels[k + ch]);
      }
    }
  }

  /** An ellipse with centre, radii and an optional rotation (from {@link rotation}). */
  ellipse(centre: Point, rx: number, ry: number, colour: Rgb, rot: Point = [1, 0], opacity = 1): void {
    const [cx, cy] = centre;
    const r = Math.max(rx, ry);
    this.fillShape(
      [cx - r, cx + r, cy - r, cy + r],
      colour,
      (x, y) => {
        const dx = x - cx;
        const dy = y - cy;
        const u = (dx * rot[0] + dy * rot[1]) / rx; // into the ellipse's own axes
        const v = (-dx * rot[1] + dy * rot[0]) / ry;
        return u * u + v * v <= 1;
      },
      opacity,
    );
  }

  /** A convex polygon (vertices in either winding order). */
  polygon(points: readonly Point[], colour: Rgb, opacity = 1): void {
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    const n = points.length;
    this.fillShape(
      [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)],
      colour,
      (x, y) => {
        let sign = 0;
        for (let i = 0; i < n; i++) {
          const [ax, ay] = points[i];
          const [bx, by] = points[(i + 1) % n];
          const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
          if (cross === 0) continue;
          const s = cross > 0 ? 1 : -1;
          if (sign === 0) sign = s;
          else if (s !== sign) return false;
        }
        return true;
      },
      opacity,
    );
  }

  /** A line segment of the given width with round ends. */
  line(a: Point, b: Point, width: number, colour: Rgb, opacity = 1): void {
    const h = width / 2;
    const [ax, ay] = a;
    const dx = b[0] - ax;
    const dy = b[1] - ay;
    const len2 = dx * dx + dy * dy || 1;
    this.fillShape(
      [Math.min(ax, b[0]) - h, Math.max(ax, b[0]) + h, Math.min(ay, b[1]) - h, Math.max(ay, b[1]) + h],
      colour,
      (x, y) => {
        const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2));
        const ex = x - ax - t * dx;
        const ey = y - ay - t * dy;
        return ex * ex + ey * ey <= h * h;
      },
      opacity,
    );
  }

  /** An axis-aligned rectangle [x0, x1] x [y0, y1]. */
  rect(x0: number, y0: number, x1: number, y1: number, colour: Rgb, opacity = 1): void {
    this.fillShape([x0, x1, y0, y1], colour, (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1, opacity);
  }

  /** Maps every channel through `tone`, adds `noise()` (one draw per channel value), then rounds and clamps into `out` as bytes. */
  storeAsBytes(out: Uint8Array, offset: number, noise: () => number, tone: (v: number) => number = (v) => v): void {
    for (let i = 0; i < this.pixels.length; i++) {
      const v = Math.round(tone(this.pixels[i]) + noise());
      out[offset + i] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
}
