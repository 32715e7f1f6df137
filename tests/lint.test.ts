// Style is checked like behaviour: ESLint (eslint.config.mjs) and Prettier (.prettierrc.json) over every file we
// write, so `npm test` (and CI) fails on a lint error or an unformatted file. Fix with `npm run format` and `npm run lint`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";

const root = resolve(__dirname, "..");
const bin = (name: string) => join(root, "node_modules", ".bin", name);

test("ESLint finds no error", () => {
  const r = spawnSync(bin("eslint"), ["--quiet", "."], { cwd: root, encoding: "utf8" });
  assert.equal(r.status, 0, `eslint:\n${r.stdout}${r.stderr}`);
});

test("Prettier finds every file formatted", () => {
  const r = spawnSync(bin("prettier"), ["--check", "--log-level", "warn", "."], { cwd: root, encoding: "utf8" });
  assert.equal(r.status, 0, `files to format with \`npm run format\`:\n${r.stdout}${r.stderr}`);
});
