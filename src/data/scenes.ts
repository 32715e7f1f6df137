/**
 * Procedural scenes for the "cat face or not" data set: backgrounds, the cat face, look-alike
 * animal faces and other objects, and small distractors that appear in both classes.
 *
 * Every random choice goes through {@link Dice}, so a seed fixes every picture.
 */
import { Canvas, Point, Rgb, rotateAround, rotation } from "./raster";

/** Random choices on top of a uniform [0, 1) source. */
export class Dice {
  constructor(private readonly next: () => number) {}
  /** Uniform in [low, high). */
  between(low: number, high: number): number {
    return low + (high - low) * this.next();
  }
  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** One element of a non-empty list, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** An index chosen with the given relative weights. */
  weighted(weights: readonly number[]): number {
    let r = this.next() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return weights.length - 1;
  }
  /** A colour near `base`: each channel moved by up to +-spread (same shift in all three keeps the hue). */
  near(base: Rgb, spread: number): Rgb {
    const shade = this.between(-spread, spread);
    return [0, 1, 2].map((i) => clamp(base[i] + shade + this.between(-spread / 3, spread / 3))) as unknown as Rgb;
  }
  /** Any colour, darker ones more likely (mean channel about 100, like photographs rather than posters). */
  anyColour(): Rgb {
    const channel = (): number => {
      const u = this.next();
      return 255 * u * (0.35 + 0.65 * u);
    };
    return [channel(), channel(), channel()];
  }
  /** Uniform noise with mean 0 and this standard deviation (one draw per value: it is called for every pixel). */
  noise(std: number): number {
    return (this.next() - 0.5) * 3.4641016151377544 * std; // sqrt(12) * std: the width of a uniform with this std
  }
}

const clamp = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : v);
const mix = (a: Rgb, b: Rgb, t: number): Rgb => [
  a[0] + (b[0] - a[0]) * t,
  a[1] + (b[1] - a[1]) * t,
  a[2] + (b[2] - a[2]) * t,
];

/** Fur colours shared by cats and the look-alike animals, so colour alone does not give the answer away. */
const FUR: readonly Rgb[] = [
  [226, 137, 52], // ginger
  [130, 130, 136], // grey
  [40, 38, 42], // black
  [236, 232, 222], // white
  [139, 94, 58], // brown
  [222, 196, 150], // cream
  [176, 150, 120], // tabby beige
];
const IRIS: readonly Rgb[] = [
  [120, 190, 60],
  [230, 200, 50],
  [90, 160, 220],
  [210, 140, 40],
];
const PINK: Rgb = [236, 150, 160];

// ---------------------------------------------------------------- backgrounds

/** Fills the whole canvas with one of several indoor/outdoor backgrounds. */
export function drawBackground(c: Canvas, d: Dice): void {
  const kind = d.weighted([3, 3, 2, 2, 2]);
  const a = d.anyColour();
  const b = d.anyColour();
  if (kind === 0) {
    // vertical gradient (a wall, the sky)
    c.paint((_x, y) => mix(a, b, y / c.height));
  } else if (kind === 1) {
    // horizon: sky above, ground below
    const horizon = d.between(18, 50);
    const sky = d.near(
      d.pick<Rgb>([
        [120, 180, 235],
        [200, 220, 240],
        [250, 190, 140],
      ]),
      30,
    );
    const ground = d.near(
      d.pick<Rgb>([
        [90, 150, 70],
        [170, 140, 100],
        [120, 120, 120],
      ]),
      30,
    );
    c.paint((_x, y) => (y < horizon ? mix(sky, a, 0.25 * (y / horizon)) : ground));
  } else if (kind === 2) {
    // wallpaper stripes
    const period = d.between(5, 14);
    const vertical = d.chance(0.5);
    c.paint((x, y) => (Math.floor((vertical ? x : y) / period) % 2 === 0 ? a : mix(a, b, 0.5)));
  } else if (kind === 3) {
    // floor tiles
    const size = d.between(6, 16);
    c.paint((x, y) => ((Math.floor(x / size) + Math.floor(y / size)) % 2 === 0 ? a : b));
  } else {
    // a plain colour with big soft blobs
    c.paint(() => a);
    for (let i = 0; i < 4; i++)
      c.ellipse([d.between(0, 64), d.between(0, 64)], d.between(8, 24), d.between(8, 24), d.anyColour(), [1, 0], 0.5);
  }
}

/** A few small shapes that may appear in any picture (toys, leaves, balls), so they carry no label. */
export function drawDistractors(c: Canvas, d: Dice, count: number): void {
  for (let i = 0; i < count; i++) {
    const p: Point = [d.between(0, 64), d.between(0, 64)];
    const s = d.between(2, 7);
    const colour = d.anyColour();
    const kind = d.weighted([3, 2, 2, 1]);
    if (kind === 0) c.ellipse(p, s, s * d.between(0.6, 1), colour, rotation(d.between(-1, 1)));
    else if (kind === 1) c.rect(p[0] - s, p[1] - s, p[0] + s, p[1] + s, colour);
    else if (kind === 2) c.line(p, [p[0] + d.between(-12, 12), p[1] + d.between(-12, 12)], d.between(1, 2.5), colour);
    else
      c.polygon(
        [
          [p[0], p[1] - s],
          [p[0] - s, p[1] + s],
          [p[0] + s, p[1] + s],
        ],
        colour,
      );
  }
}

// ---------------------------------------------------------------- faces

/** Where and how big a face is: centre, head radius, rotation. */
interface Pose {
  centre: Point;
  r: number;
  rot: Point;
}

/**
 * Faces (cats and look-alikes) sit within FACE_SHIFT pixels of the middle, with a head radius in
 * FACE_RADIUS. These two numbers set how hard the task is for a linear model on raw pixels: with
 * faces anywhere in the picture its test accuracy drops to chance; nearly fixed faces make it too easy.
 */
const FACE_RADIUS = [13, 22] as const;
const FACE_SHIFT = 3;
/** Relative weight of dog/bear faces among the non-cat pictures (the other kinds have weights 1 to 2). */
const LOOK_ALIKE_WEIGHT = 3;

function randomPose(d: Dice): Pose {
  // Like the subject of a photograph: near the middle, fairly big.
  const r = d.between(FACE_RADIUS[0], FACE_RADIUS[1]);
  return {
    centre: [32 + d.between(-FACE_SHIFT, FACE_SHIFT), 34 + d.between(-FACE_SHIFT, FACE_SHIFT)],
    r,
    rot: rotation(d.between(-0.2, 0.2)),
  };
}

/** A point given in head units (x right, y down, head radius 1), placed in the picture. */
function at(pose: Pose, u: number, v: number): Point {
  const { centre, r, rot } = pose;
  return rotateAround([centre[0] + u * r, centre[1] + v * r], centre, rot);
}

/** A pointed ear: a triangle on top of the head, with a pink inner triangle. */
function pointedEar(c: Canvas, pose: Pose, side: -1 | 1, fur: Rgb, d: Dice): void {
  const spread = d.between(0.45, 0.75);
  const height = d.between(0.55, 0.95);
  const base1 = at(pose, side * (spread - 0.4), -0.75);
  const base2 = at(pose, side * (spread + 0.35), -0.45);
  const tip = at(pose, side * (spread + 0.25), -0.75 - height);
  c.polygon([base1, base2, tip], fur);
  const mid = at(pose, side * (spread + 0.02), -0.62);
  const inner = (p: Point): Point => [mid[0] + (p[0] - mid[0]) * 0.55, mid[1] + (p[1] - mid[1]) * 0.55];
  c.polygon([inner(base1), inner(base2), inner(tip)], d.chance(0.7) ? PINK : d.near(fur, 30));
}

/** A cat's face: pointed ears, slit-pupil eyes, a pink triangular nose and whiskers. */
export function drawCat(c: Canvas, d: Dice): void {
  const pose = randomPose(d);
  const fur = d.near(d.pick(FUR), 25);
  const squash = d.between(0.8, 0.95);
  pointedEar(c, pose, -1, fur, d);
  pointedEar(c, pose, 1, fur, d);
  c.ellipse(pose.centre, pose.r, pose.r * squash, fur, pose.rot);
  if (d.chance(0.4)) {
    // tabby stripes on the forehead
    const dark = mix(fur, [30, 25, 20], 0.5);
    for (const u of [-0.25, 0, 0.25]) c.line(at(pose, u, -0.75), at(pose, u * 1.2, -0.4), pose.r * 0.08, dark);
  }
  if (d.chance(0.35)) c.ellipse(at(pose, 0, 0.35), pose.r * 0.45, pose.r * 0.3, d.near([235, 230, 220], 15), pose.rot); // white muzzle
  const iris = d.near(d.pick(IRIS), 20);
  const open = d.between(0.6, 1);
  for (const side of [-1, 1]) {
    const eye = at(pose, side * 0.38, -0.12);
    c.ellipse(eye, pose.r * 0.17, pose.r * 0.15 * open, iris, pose.rot);
    c.ellipse(eye, pose.r * 0.045, pose.r * 0.14 * open, [15, 15, 15], pose.rot);
  }
  const nose = at(pose, 0, 0.22);
  c.polygon([at(pose, -0.1, 0.15), at(pose, 0.1, 0.15), nose], PINK);
  c.line(nose, at(pose, -0.12, 0.36), pose.r * 0.05, [60, 40, 40]);
  c.line(nose, at(pose, 0.12, 0.36), pose.r * 0.05, [60, 40, 40]);
  const whisker: Rgb = d.chance(0.5) ? [245, 245, 245] : [40, 40, 40];
  for (const side of [-1, 1]) {
    for (const v of [-0.08, 0.04, 0.16]) {
      c.line(at(pose, side * 0.3, 0.25), at(pose, side * 1.25, 0.25 + v * 2.5), Math.max(0.6, pose.r * 0.04), whisker);
    }
  }
}

/** A dog's or bear's face: same fur colours and layout as a cat, but round or floppy ears, round eyes, a big dark nose. */
export function drawLookAlike(c: Canvas, d: Dice): void {
  const pose = randomPose(d);
  const fur = d.near(d.pick(FUR), 25);
  const earColour = d.chance(0.5) ? fur : mix(fur, [30, 20, 10], 0.4);
  const bear = d.chance(0.5);
  for (const side of [-1, 1]) {
    if (bear) c.ellipse(at(pose, side * 0.7, -0.7), pose.r * 0.33, pose.r * 0.33, earColour, pose.rot);
    else c.ellipse(at(pose, side * 0.95, 0.05), pose.r * 0.28, pose.r * 0.65, earColour, rotation(-side * 0.25));
  }
  c.ellipse(pose.centre, pose.r, pose.r * d.between(0.8, 1), fur, pose.rot);
  c.ellipse(at(pose, 0, 0.35), pose.r * 0.45, pose.r * 0.32, d.near(fur, 40), pose.rot); // snout
  for (const side of [-1, 1]) {
    const eye = at(pose, side * 0.38, -0.15);
    if (d.chance(0.5)) c.ellipse(eye, pose.r * 0.14, pose.r * 0.14, [245, 245, 240], pose.rot);
    c.ellipse(eye, pose.r * 0.09, pose.r * 0.09, [20, 15, 10], pose.rot);
  }
  c.ellipse(at(pose, 0, 0.2), pose.r * 0.16, pose.r * 0.11, [25, 20, 20], pose.rot); // nose
  if (d.chance(0.4)) c.ellipse(at(pose, 0, 0.6), pose.r * 0.12, pose.r * 0.16, PINK, pose.rot); // tongue
}

// ---------------------------------------------------------------- other non-cat objects

function drawSunOrBall(c: Canvas, d: Dice): void {
  const centre: Point = [d.between(14, 50), d.between(14, 50)];
  const r = d.between(8, 18);
  const colour = d.chance(0.5) ? d.near([245, 200, 50], 30) : d.anyColour();
  if (d.chance(0.5)) {
    // four diameters at 0, 45, 90 and 135 degrees: tan of half those angles, exactly
    for (const t of [0, Math.SQRT2 - 1, 1, Math.SQRT2 + 1]) {
      const [dx, dy] = rotation(t);
      c.line(
        [centre[0] - dx * r * 1.6, centre[1] - dy * r * 1.6],
        [centre[0] + dx * r * 1.6, centre[1] + dy * r * 1.6],
        r * 0.15,
        colour,
      );
    }
  }
  c.ellipse(centre, r, r, colour);
  if (d.chance(0.5)) c.line([centre[0] - r, centre[1]], [centre[0] + r, centre[1]], r * 0.25, d.anyColour());
}

function drawHouse(c: Canvas, d: Dice): void {
  const x = d.between(8, 34);
  const w = d.between(18, 28);
  const top = d.between(24, 40);
  const bottom = Math.min(63, top + d.between(14, 24));
  c.rect(x, top, x + w, bottom, d.anyColour());
  c.polygon(
    [
      [x - 3, top],
      [x + w + 3, top],
      [x + w / 2, top - d.between(8, 18)],
    ],
    d.near([170, 60, 50], 40),
  );
  c.rect(x + w * 0.2, top + 4, x + w * 0.45, top + 10, d.near([200, 220, 250], 30));
  c.rect(x + w * 0.6, bottom - 10, x + w * 0.8, bottom, d.near([100, 60, 30], 30));
}

function drawMountainsOrTrees(c: Canvas, d: Dice): void {
  const n = 1 + Math.floor(d.between(0, 3));
  for (let i = 0; i < n; i++) {
    const x = d.between(4, 60);
    const h = d.between(12, 30);
    const w = d.between(8, 20);
    const base = d.between(40, 64);
    c.polygon(
      [
        [x - w, base],
        [x + w, base],
        [x + d.between(-3, 3), base - h],
      ],
      d.chance(0.5) ? d.near([60, 120, 60], 30) : d.near(d.pick(FUR), 30),
    );
  }
}

function drawFlower(c: Canvas, d: Dice): void {
  const centre: Point = [d.between(16, 48), d.between(14, 44)];
  c.line(centre, [centre[0], 64], 2, [60, 130, 50]);
  const r = d.between(4, 8);
  const petal = d.anyColour();
  for (const [u, v] of [
    [1, 0],
    [-1, 0],
    [0, 1],
    [0, -1],
    [0.7, 0.7],
    [-0.7, 0.7],
    [0.7, -0.7],
    [-0.7, -0.7],
  ]) {
    c.ellipse([centre[0] + u * r * 1.3, centre[1] + v * r * 1.3], r * 0.8, r * 0.8, petal);
  }
  c.ellipse(centre, r * 0.8, r * 0.8, d.near([240, 200, 40], 30));
}

function drawFish(c: Canvas, d: Dice): void {
  const centre: Point = [d.between(18, 46), d.between(16, 48)];
  const r = d.between(8, 14);
  const colour = d.near(d.pick(FUR.concat([[240, 120, 40]])), 30);
  const dir = d.chance(0.5) ? 1 : -1;
  c.polygon(
    [
      [centre[0] - dir * r * 0.8, centre[1]],
      [centre[0] - dir * r * 1.7, centre[1] - r * 0.6],
      [centre[0] - dir * r * 1.7, centre[1] + r * 0.6],
    ],
    colour,
  );
  c.ellipse(centre, r, r * 0.55, colour);
  c.ellipse([centre[0] + dir * r * 0.55, centre[1] - r * 0.1], r * 0.12, r * 0.12, [20, 20, 20]);
}

/** Which non-cat picture to draw, with relative weights: look-alike faces first, they make the task hard. */
const NON_CATS: readonly [number, (c: Canvas, d: Dice) => void][] = [
  [LOOK_ALIKE_WEIGHT, drawLookAlike],
  [2, drawSunOrBall],
  [1.5, drawHouse],
  [1.5, drawMountainsOrTrees],
  [1, drawFlower],
  [1, drawFish],
];

/** Draws one non-cat picture's subject. */
export function drawNonCat(c: Canvas, d: Dice): void {
  NON_CATS[d.weighted(NON_CATS.map(([w]) => w))][1](c, d);
}
