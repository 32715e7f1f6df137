/**
 * A seeded random number generator that gives the same numbers on every machine.
 *
 * The bits come from xoshiro128** (32-bit integer arithmetic only, so no platform differences),
 * seeded through splitmix32. Doubles in [0, 1) use 53 random bits, like numpy's `random()`.
 * Normals use the Box-Muller transform (JavaScript's Math.log/cos/sin; V8 computes them the same
 * way on every machine).
 */
import ndarray from "ndarray";
import { NDArray } from "./ndarray";
import { ValueError } from "../core";
import { Normalize, ShapeLike, checkShape, checkSize } from "./shape";

/** A seeded source of random numbers (see {@link seededRandom}). */
export interface Random {
  /** The next double, uniformly distributed in [0, 1). */
  next(): number;
  /** An array of the given shape with values uniform in [low, high). */
  uniform<const S extends ShapeLike>(shape: S, low?: number, high?: number): NDArray<Normalize<S>>;
  /** An array of the given shape with normally distributed values (Gaussian with this mean and standard deviation). */
  normal<const S extends ShapeLike>(shape: S, mean?: number, std?: number): NDArray<Normalize<S>>;
  /** One random integer in [low, high). */
  integers(low: number, high: number): number;
  /** An array of random integers in [low, high) (stored as float64, like every NDArray). */
  integers<const S extends ShapeLike>(low: number, high: number, shape: S): NDArray<Normalize<S>>;
  /** A random ordering of 0..n-1 (e.g. to shuffle the examples of a data set). */
  permutation(n: number): number[];
}

const TWO_POW_32 = 4294967296;

/**
 * A random generator seeded with an integer: the same seed gives the same sequence on every machine.
 * @example
 * const rng = seededRandom(1);
 * const w = rng.normal([3, 1], 0, 0.01); // a (3,1) column of small random weights
 * @throws ValueError when the seed is not a safe integer.
 */
export function seededRandom(seed: number): Random {
  if (!Number.isSafeInteger(seed)) throw new ValueError(`seededRandom: seed must be an integer, got ${seed}`);
  return new Xoshiro128(seed);
}

class Xoshiro128 implements Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  /** Box-Muller makes normals in pairs; the second one waits here. */
  private spareNormal: number | null = null;

  constructor(seed: number) {
    // Both halves of the seed go into splitmix32 so seeds above 2^32 differ too.
    let state = (seed >>> 0) ^ Math.imul(Math.floor(seed / TWO_POW_32) | 0, 0x9e3779b1);
    const splitmix32 = (): number => {
      state = (state + 0x9e3779b9) | 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) | 0;
    };
    this.s0 = splitmix32();
    this.s1 = splitmix32();
    this.s2 = splitmix32();
    this.s3 = splitmix32();
  }

  /** The next 32 random bits as an unsigned integer. */
  private nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9);
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result >>> 0;
  }

  next(): number {
    // 27 + 26 = 53 bits: every double k / 2^53 is equally likely.
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  }

  uniform<const S extends ShapeLike>(shape: S, low = 0, high = 1): NDArray<Normalize<S>> {
    if (!Number.isFinite(low) || !Number.isFinite(high) || low > high) {
      throw new ValueError(`uniform: need finite low <= high, got low=${low}, high=${high}`);
    }
    return this.fill("uniform", shape, () => low + (high - low) * this.next());
  }

  normal<const S extends ShapeLike>(shape: S, mean = 0, std = 1): NDArray<Normalize<S>> {
    if (!Number.isFinite(mean) || !Number.isFinite(std) || std < 0) {
      throw new ValueError(`normal: need a finite mean and std >= 0, got mean=${mean}, std=${std}`);
    }
    return this.fill("normal", shape, () => mean + std * this.standardNormal());
  }

  integers(low: number, high: number): number;
  integers<const S extends ShapeLike>(low: number, high: number, shape: S): NDArray<Normalize<S>>;
  integers(low: number, high: number, shape?: ShapeLike): number | NDArray {
    if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high) || low >= high) {
      throw new ValueError(`integers: need integers low < high, got low=${low}, high=${high}`);
    }
    const draw = () => low + Math.floor(this.next() * (high - low));
    return shape === undefined ? draw() : this.fill("integers", shape, draw);
  }

  permutation(n: number): number[] {
    if (!Number.isSafeInteger(n) || n < 0)
      throw new ValueError(`permutation: n must be a non-negative integer, got ${n}`);
    const order = Array.from({ length: n }, (_, i) => i);
    // Fisher-Yates: swap each position with a random one at or before it.
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    return order;
  }

  private standardNormal(): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return z;
    }
    const u1 = 1 - this.next(); // in (0, 1], so the log is finite
    const u2 = this.next();
    const radius = Math.sqrt(-2 * Math.log(u1));
    this.spareNormal = radius * Math.sin(2 * Math.PI * u2);
    return radius * Math.cos(2 * Math.PI * u2);
  }

  private fill<S extends ShapeLike>(op: string, shape: S, draw: () => number): NDArray<Normalize<S>> {
    checkShape(op, shape);
    const data = new Float64Array(checkSize(op, shape));
    for (let i = 0; i < data.length; i++) data[i] = draw();
    return new NDArray(ndarray(data, shape.slice())) as NDArray<Normalize<S>>;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
