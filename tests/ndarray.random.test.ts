/**
 * The seeded generator: checked against an independent Python implementation of the same published
 * algorithms (splitmix32 seeding, xoshiro128**, 53-bit doubles, Box-Muller), pinned values, statistics
 * and argument errors.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { numpyPython } from "./fixtures/jupyter";
import { execFileSync } from "node:child_process";
import { seededRandom, ValueError } from "../src";

// Python's integers do not overflow, so this shares no arithmetic tricks (Math.imul, >>> 0) with the library.
const REFERENCE = String.raw`
import json, math, sys
M = 0xFFFFFFFF
def rotl(x, k):
    return ((x << k) | (x >> (32 - k))) & M
class Ref:
    def __init__(self, seed):
        high = (seed // 2**32) & M
        state = ((seed & M) ^ ((high * 0x9E3779B1) & M)) & M
        s = []
        for _ in range(4):
            state = (state + 0x9E3779B9) & M
            z = state
            z = ((z ^ (z >> 16)) * 0x85EBCA6B) & M
            z = ((z ^ (z >> 13)) * 0xC2B2AE35) & M
            s.append((z ^ (z >> 16)) & M)
        self.s = s
        self.spare = None
    def u32(self):
        s = self.s
        result = (rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 9) & M
        s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 11)
        return result
    def next(self):
        a = self.u32() >> 5
        b = self.u32() >> 6
        return (a * 67108864 + b) / 9007199254740992
    def normal(self):
        if self.spare is not None:
            z, self.spare = self.spare, None
            return z
        u1 = 1 - self.next()
        u2 = self.next()
        r = math.sqrt(-2 * math.log(u1))
        self.spare = r * math.sin(2 * math.pi * u2)
        return r * math.cos(2 * math.pi * u2)
out = {}
for seed in json.load(sys.stdin):
    g = Ref(seed)
    uniform = [g.next() for _ in range(50)]
    g = Ref(seed)
    normal = [g.normal() for _ in range(50)]
    g = Ref(seed)
    ints = [-3 + math.floor(g.next() * 10) for _ in range(50)]
    out[str(seed)] = {"uniform": uniform, "normal": normal, "ints": ints}
json.dump(out, sys.stdout)
`;

test("random: same numbers as an independent implementation of the algorithms (several seeds)", () => {
  const seeds = [0, 1, 42, -7, 2 ** 40 + 3, 123456789];
  const ref = JSON.parse(execFileSync(numpyPython(), ["-c", REFERENCE], { input: JSON.stringify(seeds) }).toString());
  for (const seed of seeds) {
    const want = ref[String(seed)];
    assert.deepEqual(
      Array.from(seededRandom(seed).uniform([50]).toFloat64Array()),
      want.uniform,
      `uniform, seed ${seed}`,
    );
    assert.deepEqual(
      Array.from(seededRandom(seed).integers(-3, 7, [50]).toFloat64Array()),
      want.ints,
      `integers, seed ${seed}`,
    );
    const normal = seededRandom(seed).normal([50]).toFloat64Array();
    // libm (Python) and V8 may differ in the last bit of log/sin/cos.
    normal.forEach((v, i) =>
      assert.ok(
        Math.abs(v - want.normal[i]) <= 1e-15 * Math.max(1, Math.abs(v)),
        `normal ${i}, seed ${seed}: ${v} vs ${want.normal[i]}`,
      ),
    );
  }
});

test("random: pinned values (a change of algorithm would change every notebook's numbers)", () => {
  const r = seededRandom(42);
  assert.deepEqual([r.next(), r.next(), r.next()], [0.6606157208001621, 0.1117019639532224, 0.0791056456144914]);
  assert.deepEqual(
    seededRandom(42).normal([4]).toArray(),
    [1.1226591822802086, 0.9491474351894811, 0.40412785633822706, 0.0387374413085134],
  );
  assert.deepEqual(seededRandom(42).integers(0, 10, [8]).toArray(), [6, 1, 0, 0, 8, 1, 9, 7]);
  assert.deepEqual(seededRandom(42).permutation(8), [2, 1, 4, 3, 7, 6, 0, 5]);
});

test("random: shapes, ranges and statistics", () => {
  const r = seededRandom(7);
  const u = r.uniform([200, 500], -2, 3);
  assert.deepEqual(u.shape, [200, 500]);
  assert.ok(u.min() >= -2 && u.max() < 3);
  assert.ok(Math.abs(u.mean() - 0.5) < 0.02, `uniform mean ${u.mean()}`);
  const n = r.normal([100000], 5, 2);
  const mean = n.mean();
  const std = Math.sqrt(n.sub(mean).pow(2).mean());
  assert.ok(Math.abs(mean - 5) < 0.03 && Math.abs(std - 2) < 0.03, `normal mean ${mean}, std ${std}`);
  const ints = r.integers(-2, 3, [1000]);
  assert.deepEqual([...new Set(ints.toFloat64Array())].sort(), [-1, -2, 0, 1, 2].sort());
  const k = r.integers(5, 6);
  assert.equal(k, 5);
  const p = r.permutation(50);
  assert.deepEqual(
    [...p].sort((a, b) => a - b),
    [...Array(50).keys()],
  );
  assert.notDeepEqual(p, [...Array(50).keys()]);
  assert.deepEqual(r.permutation(0), []);
  assert.notDeepEqual(seededRandom(1).uniform([5]).toArray(), seededRandom(2).uniform([5]).toArray());
  assert.deepEqual(r.normal([2, 0]).shape, [2, 0]);
});

test("random: argument errors", () => {
  assert.throws(() => seededRandom(1.5), {
    name: "ValueError",
    message: "seededRandom: seed must be an integer, got 1.5",
  });
  const r = seededRandom(1);
  assert.throws(() => r.uniform([2], 1, 0), {
    name: "ValueError",
    message: "uniform: need finite low <= high, got low=1, high=0",
  });
  assert.throws(() => r.normal([2], 0, -1), {
    name: "ValueError",
    message: "normal: need a finite mean and std >= 0, got mean=0, std=-1",
  });
  assert.throws(() => r.integers(3, 3), {
    name: "ValueError",
    message: "integers: need integers low < high, got low=3, high=3",
  });
  assert.throws(() => r.integers(0, 1.5), ValueError);
  assert.throws(() => r.permutation(-1), {
    name: "ValueError",
    message: "permutation: n must be a non-negative integer, got -1",
  });
  assert.throws(() => r.uniform([2, -1]), {
    name: "ShapeError",
    message: "uniform: invalid shape [2, -1]: dimensions must be non-negative integers",
  });
});
