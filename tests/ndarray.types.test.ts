/**
 * Compile-time checks: the course's classic shape mistakes must not compile, and the right code must.
 * Runs the project's TypeScript (5.0.4, tslab's compiler) once on small snippets in a temporary
 * folder and reads its diagnostics: each "mistake" snippet must fail exactly on its marked line
 * with the expected error code, each "right" snippet must compile cleanly.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const project = path.resolve(__dirname, "..");
const library = JSON.stringify(path.join(project, "src", "ndarray"));
const header = `import { zeros, ones, array, column, row, matmul, asRow, seededRandom, sub, Column, Row, Matrix, Vector } from ${library};
const X: Matrix = zeros([4, 3]);
const w: Column = zeros([4, 1]);
const v: Vector = array([1, 2, 3, 4]);
`;

/** Code that must compile (the course's logistic-regression shapes). */
const right: Record<string, string> = {
  forward: `const Z: Row = w.T.matmul(X).add(0.5);
const A: Row = sub(1, Z.neg().exp().add(1).pow(-1));
const dw: Column = X.matmul(A.sub(row([1, 0, 1])).T).div(3);
const db: number = A.sum() / 3;
export { dw, db };`,
  shapes: `const c: Column = column([1, 2, 3]);
const r: Row = c.T;
const c2: Column = v.reshape([-1, 1]);
const r2: Row = asRow(X.sum(0, true));
const outer: Matrix = c.matmul(r);
const m: Matrix = X.matmul(X.T);
const rows: Matrix = X.slice(1, 0, 2);
const col: Column = c.slice(0, 1);
const n: Vector = seededRandom(1).normal([5]);
const k: Matrix = ones([2, 2]);
export { r, c2, r2, outer, m, rows, col, n, k };`,
};

/** Mistakes that must not compile: the marked line (`// <-`) must carry the given error code. */
const mistakes: Record<string, [code: string, snippet: string]> = {
  rank1MatmulMethod: ["TS2684", `const y = v.matmul(X); // <-\nexport { y };`],
  rank1MatmulFunction: ["TS2345", `const y = matmul(X, v); // <-\nexport { y };`],
  forgotTranspose: ["TS2345", `const z = w.matmul(X); // <- (4,1)@(4,3): needs w.T\nexport { z };`],
  matrixAsColumn: ["TS2322", `const c: Column = zeros([4, 3]); // <-\nexport { c };`],
  rowAsColumn: ["TS2322", `const c: Column = row([1, 2, 3]); // <-\nexport { c };`],
  columnAsRow: ["TS2322", `const r: Row = column([1, 2, 3]); // <-\nexport { r };`],
  vectorAsColumn: ["TS2322", `const c: Column = array([1, 2, 3]); // <-\nexport { c };`],
  columnAsVector: ["TS2322", `const u: Vector = column([1, 2, 3]); // <-\nexport { u };`],
  broadcastRowPlusColumn: ["TS2322", `const c: Column = w.add(row([1, 2])); // <- (4,1)+(1,2) is (4,2)\nexport { c };`],
  matmulResultIsNotRow: ["TS2322", `const r: Row = X.matmul(X.T); // <-\nexport { r };`],
};

test("types: the classic shape mistakes do not compile and the right code does (tsc 5.0)", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "dlnotes-types-"));
  try {
    const files: string[] = [];
    const markedLine: Record<string, number> = {};
    for (const [name, body] of Object.entries(right)) {
      writeFileSync(path.join(dir, `right_${name}.ts`), header + body + "\n");
      files.push(`right_${name}.ts`);
    }
    for (const [name, [, body]] of Object.entries(mistakes)) {
      const text = header + body + "\n";
      markedLine[name] = text.split("\n").findIndex((l) => l.includes("// <-")) + 1;
      writeFileSync(path.join(dir, `mistake_${name}.ts`), text);
      files.push(`mistake_${name}.ts`);
    }
    writeFileSync(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: "ES2020",
          module: "commonjs",
          moduleResolution: "node",
          esModuleInterop: true,
          skipLibCheck: true,
          types: [],
          typeRoots: [path.join(project, "node_modules", "@types")],
        },
        files,
      }),
    );
    const tsc = path.join(project, "node_modules", "typescript", "bin", "tsc");
    const run = spawnSync(process.execPath, [tsc, "-p", dir, "--pretty", "false"], { cwd: dir, encoding: "utf8" });
    const version = spawnSync(process.execPath, [tsc, "--version"], { encoding: "utf8" }).stdout.trim();
    assert.equal(version, "Version 5.0.4", "the pinned TypeScript (tslab's compiler) must be used");

    // Diagnostics look like: right_forward.ts(3,7): error TS2322: Type ... (only ours: the library may have others)
    const diagnostics = run.stdout.split("\n").filter((l) => /^(right|mistake)_\w+\.ts\(\d+,\d+\): error/.test(l));
    const errorsOf = (file: string) => diagnostics.filter((l) => l.startsWith(file + "("));
    for (const name of Object.keys(right)) {
      assert.deepEqual(errorsOf(`right_${name}.ts`), [], `right code "${name}" must compile`);
    }
    for (const [name, [code]] of Object.entries(mistakes)) {
      const errors = errorsOf(`mistake_${name}.ts`);
      assert.ok(errors.length >= 1, `mistake "${name}" compiled but must not`);
      const line = Number(/\((\d+),/.exec(errors[0])![1]);
      assert.equal(line, markedLine[name], `mistake "${name}" failed on the wrong line: ${errors[0]}`);
      assert.ok(errors[0].includes(`error ${code}:`), `mistake "${name}" failed for another reason: ${errors[0]}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
