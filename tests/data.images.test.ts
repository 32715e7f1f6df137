/**
 * The shipped image data set: shapes, labels, the fixed split, determinism (a checksum of every
 * byte), the course's preprocessing checked against numpy, and the lesson it must teach
 * (logistic regression trained by numpy on the same pixels).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { numpyPython } from "./fixtures/jupyter";
import { execFileSync } from "node:child_process";
import { writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadImageDataset, preprocessImages, ShapeError, ValueError, zeros, NDArray } from "../src";

/** FNV-1a over the values (all whole numbers 0..255), so any changed pixel changes the sum. */
function fnv1a(values: Float64Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < values.length; i++) {
    h ^= values[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function bytesOf(a: NDArray): Uint8Array {
  return new Uint8Array(a.toFloat64Array());
}

const data = loadImageDataset();

test("shapes, class names and the course's 209 / 50 split", () => {
  assert.deepEqual(data.trainX.shape, [209, 64, 64, 3]);
  assert.deepEqual(data.trainY.shape, [1, 209]);
  assert.deepEqual(data.testX.shape, [50, 64, 64, 3]);
  assert.deepEqual(data.testY.shape, [1, 50]);
  assert.deepEqual(data.classes, ["non-cat", "cat"]);
  assert.match(data.description, /^Synthetic/);
  assert.match(data.description, /not photographs/);
  assert.match(data.license, /MIT/);
});

test("pixels are whole numbers in 0..255 using the full range; labels are 0/1, about half cats", () => {
  for (const X of [data.trainX, data.testX]) {
    const v = X.toFloat64Array();
    assert.ok(v.every((p) => Number.isInteger(p) && p >= 0 && p <= 255));
    assert.equal(X.min(), 0);
    assert.equal(X.max(), 255);
  }
  const trainLabels = Array.from(data.trainY.toFloat64Array());
  const testLabels = Array.from(data.testY.toFloat64Array());
  assert.ok([...trainLabels, ...testLabels].every((y) => y === 0 || y === 1));
  assert.equal(trainLabels.filter((y) => y === 1).length, 104);
  assert.equal(testLabels.filter((y) => y === 1).length, 25);
  // shuffled, not sorted by class
  assert.notDeepEqual(trainLabels, [...trainLabels].sort());
});

test("the same pictures on every load and every machine (checksums of all bytes)", () => {
  const again = loadImageDataset();
  assert.deepEqual(again.trainX.toFloat64Array(), data.trainX.toFloat64Array());
  assert.deepEqual(
    {
      trainX: fnv1a(data.trainX.toFloat64Array()),
      testX: fnv1a(data.testX.toFloat64Array()),
      trainY: fnv1a(data.trainY.toFloat64Array()),
      testY: fnv1a(data.testY.toFloat64Array()),
    },
    { trainX: 3375158463, testX: 168006146, trainY: 1913806977, testY: 3625482882 },
  );
});

test("each load returns fresh arrays: changing one does not change the next load", () => {
  const first = loadImageDataset();
  first.trainX.set([0, 0, 0, 0], 1234);
  first.trainY.set([0, 0], 7);
  const second = loadImageDataset();
  assert.equal(second.trainX.get(0, 0, 0, 0), data.trainX.get(0, 0, 0, 0));
  assert.equal(second.trainY.get(0, 0), data.trainY.get(0, 0));
});

test("another seed gives other pictures; a bad seed is refused", () => {
  const other = loadImageDataset({ seed: 4 });
  assert.notEqual(fnv1a(other.trainX.toFloat64Array()), fnv1a(data.trainX.toFloat64Array()));
  assert.throws(
    () => loadImageDataset({ seed: -1 }),
    (e: unknown) => e instanceof ValueError && /loadImageDataset: seed/.test(e.message),
  );
  assert.throws(() => loadImageDataset({ seed: 1.5 }), ValueError);
});

test("preprocessImages equals numpy's X.reshape(m, -1).T / 255 exactly", () => {
  const few = bytesOf(data.testX).subarray(0, 5 * 12288); // the first 5 pictures
  const X = preprocessImages(data.testX);
  assert.deepEqual(X.shape, [12288, 50]);
  const script = `
import sys, json, numpy as np
raw = np.frombuffer(sys.stdin.buffer.read(), dtype=np.uint8).reshape(5, 64, 64, 3)
X = raw.astype(np.float64).reshape(5, -1).T / 255
print(json.dumps({"shape": X.shape, "values": X[:, :5].ravel().tolist()}))`;
  const out = JSON.parse(execFileSync(numpyPython(), ["-c", script], { input: few, maxBuffer: 64 << 20 }).toString());
  assert.deepEqual(out.shape, [12288, 5]);
  // compare the first 5 columns of X with numpy, element by element
  const mine: number[] = [];
  for (let i = 0; i < 12288; i++) for (let j = 0; j < 5; j++) mine.push(X.get(i, j));
  assert.equal(mine.length, out.values.length);
  assert.deepEqual(mine, out.values);
});

test("preprocessImages refuses arrays that are not (m, h, w, c)", () => {
  assert.throws(
    () => preprocessImages(zeros([4, 64, 64]) as unknown as NDArray<[number, number, number, number]>),
    ShapeError,
  );
});

test("the lesson: logistic regression (numpy, lr 0.005, 2000 iterations) fits the training set, not the test set", () => {
  const dir = mkdtempSync(join(tmpdir(), "dlnotes-data-"));
  try {
    writeFileSync(join(dir, "train.bin"), bytesOf(data.trainX));
    writeFileSync(join(dir, "test.bin"), bytesOf(data.testX));
    writeFileSync(join(dir, "trainY.bin"), bytesOf(data.trainY));
    writeFileSync(join(dir, "testY.bin"), bytesOf(data.testY));
    const script = `
import sys, json, numpy as np
d = sys.argv[1]
load = lambda name, m: np.fromfile(f"{d}/{name}", np.uint8).reshape(m, -1).astype(np.float64)
Xtr, Xte = load("train.bin", 209).T / 255, load("test.bin", 50).T / 255
Ytr, Yte = load("trainY.bin", 1), load("testY.bin", 1)
sig = lambda z: 1 / (1 + np.exp(-z))
w, b, costs = np.zeros((Xtr.shape[0], 1)), 0.0, []
for i in range(2000):
    A = sig(w.T @ Xtr + b)
    if i % 100 == 0:
        costs.append(float(-np.mean(Ytr * np.log(A) + (1 - Ytr) * np.log(1 - A))))
    dZ = A - Ytr
    w -= 0.005 * (Xtr @ dZ.T) / 209
    b -= 0.005 * float(np.sum(dZ)) / 209
acc = lambda X, Y: 100 - float(np.mean(np.abs((sig(w.T @ X + b) > 0.5) - Y))) * 100
print(json.dumps({"costs": costs, "train": acc(Xtr, Ytr), "test": acc(Xte, Yte)}))`;
    const r = JSON.parse(execFileSync(numpyPython(), ["-c", script, dir]).toString());
    assert.equal(r.costs[0].toFixed(6), "0.693147");
    // cost goes down at every recorded step, as in the course's printout
    for (let k = 1; k < r.costs.length; k++)
      assert.ok(r.costs[k] < r.costs[k - 1], `cost rose at iteration ${k * 100}`);
    assert.ok(r.train >= 98, `train accuracy ${r.train}`);
    assert.ok(r.test >= 60 && r.test <= 80, `test accuracy ${r.test}`);
    assert.ok(r.train - r.test >= 15, `gap ${r.train - r.test}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
