// tooling/owned-folder.ts: a tool deletes or overwrites only files it recorded writing, inside its own folder.
// Every refusal is tried the way a user (or a planted manifest) would trigger it, and each test checks the file
// that must survive, so removing the check makes the test fail.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import test from "node:test";
import { ToolError } from "../tooling/cli";
import { buildThenReplace, confinedRelativePath, manifestName, OwnedFolder } from "../tooling/owned-folder";

const TOOL = "demo";
const sha = (text: string) => createHash("sha256").update(text).digest("hex");

/** A fresh scratch folder with `out/` (the tool's folder, not created) and a victim file beside it. */
function scratch(t: test.TestContext): { root: string; out: string; victim: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), "owned-folder-"));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const victim = path.join(root, "victim.txt");
  writeFileSync(victim, "the user's file");
  return { root, out: path.join(root, "out"), victim };
}

/** A first run that wrote a.txt and sub/b.txt, as the tool would have. */
function firstRun(out: string): void {
  const folder = OwnedFolder.open(out, { tool: TOOL });
  folder.write("a.txt", "A1");
  folder.write("sub/b.txt", "B1");
  folder.commit();
}

function writeManifest(out: string, files: Record<string, string>): void {
  writeFileSync(path.join(out, manifestName(TOOL)), JSON.stringify({ tool: TOOL, files }));
}

test("a missing folder is created; a rerun replaces its own unchanged files and deletes the ones it no longer writes", (t) => {
  const { out } = scratch(t);
  firstRun(out);
  assert.equal(readFileSync(path.join(out, "sub", "b.txt"), "utf8"), "B1");
  const manifest = JSON.parse(readFileSync(path.join(out, manifestName(TOOL)), "utf8"));
  assert.deepEqual(manifest, { tool: TOOL, files: { "a.txt": sha("A1"), "sub/b.txt": sha("B1") } });

  const again = OwnedFolder.open(out, { tool: TOOL });
  again.write("a.txt", "A2");
  const result = again.commit();
  assert.deepEqual(result, { written: ["a.txt"], removed: ["sub/b.txt"], kept: [] });
  assert.equal(readFileSync(path.join(out, "a.txt"), "utf8"), "A2");
  assert.equal(existsSync(path.join(out, "sub")), false, "the folder emptied by the removal goes too");
});

test("refuses a non-empty folder without this tool's manifest (one line saying how to force), writes nothing there", (t) => {
  const { out } = scratch(t);
  mkdirSync(out);
  writeFileSync(path.join(out, "notes.txt"), "mine");
  assert.throws(
    () => OwnedFolder.open(out, { tool: TOOL }),
    (error: Error) =>
      error instanceof ToolError &&
      /not empty and was not written by demo/.test(error.message) &&
      /--force/.test(error.message) &&
      !error.message.includes("\n"),
  );
  assert.deepEqual(readdirSync(out), ["notes.txt"]);
  // another tool's manifest does not make it ours
  writeFileSync(path.join(out, manifestName("other")), JSON.stringify({ tool: "other", files: {} }));
  assert.throws(() => OwnedFolder.open(out, { tool: TOOL }), ToolError);
  // forced: writes, and still keeps the file it did not write
  const forced = OwnedFolder.open(out, { tool: TOOL, force: true });
  forced.write("a.txt", "A");
  forced.commit();
  assert.equal(readFileSync(path.join(out, "notes.txt"), "utf8"), "mine");
  assert.equal(readFileSync(path.join(out, "a.txt"), "utf8"), "A");
});

test("refuses to overwrite a file that it did not write (even in its own folder), unless forced", (t) => {
  const { out } = scratch(t);
  firstRun(out);
  writeFileSync(path.join(out, "index.html"), "the user's page");
  const folder = OwnedFolder.open(out, { tool: TOOL });
  assert.throws(
    () => folder.write("index.html", "generated"),
    /index\.html exists and was not written by demo: move it away to keep it, or pass --force/,
  );
  assert.equal(readFileSync(path.join(out, "index.html"), "utf8"), "the user's page");
  const forced = OwnedFolder.open(out, { tool: TOOL, force: true });
  forced.write("index.html", "generated");
  forced.commit();
  assert.equal(readFileSync(path.join(out, "index.html"), "utf8"), "generated");
});

test("refuses to overwrite a file changed since it was written, unless forced; identical content is no conflict", (t) => {
  const { out } = scratch(t);
  firstRun(out);
  writeFileSync(path.join(out, "a.txt"), "A1 with the student's work");
  const folder = OwnedFolder.open(out, { tool: TOOL });
  assert.throws(
    () => folder.write("a.txt", "A2"),
    /a\.txt was changed since demo wrote it: rename or move it to keep your changes, or pass --force/,
  );
  assert.equal(readFileSync(path.join(out, "a.txt"), "utf8"), "A1 with the student's work");
  folder.write("a.txt", "A1 with the student's work"); // the same bytes: nothing is lost
  const forced = OwnedFolder.open(out, { tool: TOOL, force: true });
  forced.write("a.txt", "A2");
  forced.commit();
  assert.equal(readFileSync(path.join(out, "a.txt"), "utf8"), "A2");
});

test("a file that becomes a conflict after write() is still refused at commit, and then nothing at all is written", (t) => {
  const { out } = scratch(t);
  firstRun(out);
  const folder = OwnedFolder.open(out, { tool: TOOL });
  folder.write("new.txt", "N");
  folder.write("a.txt", "A2");
  writeFileSync(path.join(out, "a.txt"), "edited meanwhile");
  assert.throws(() => folder.commit(), /a\.txt was changed since demo wrote it/);
  assert.equal(existsSync(path.join(out, "new.txt")), false, "no partial output");
  assert.equal(readFileSync(path.join(out, "sub", "b.txt"), "utf8"), "B1", "nothing removed either");
});

test("a recorded file changed since it was written is kept (not deleted) when the tool no longer writes it", (t) => {
  const { out } = scratch(t);
  firstRun(out);
  writeFileSync(path.join(out, "sub", "b.txt"), "B1 edited");
  const folder = OwnedFolder.open(out, { tool: TOOL });
  folder.write("a.txt", "A1");
  assert.deepEqual(folder.commit(), { written: ["a.txt"], removed: [], kept: ["sub/b.txt"] });
  assert.equal(readFileSync(path.join(out, "sub", "b.txt"), "utf8"), "B1 edited");
  const manifest = JSON.parse(readFileSync(path.join(out, manifestName(TOOL)), "utf8"));
  assert.deepEqual(Object.keys(manifest.files), ["a.txt"], "a kept file is the user's now");
});

test("write() refuses paths that leave the folder: .., absolute, backslashes, the manifest itself", (t) => {
  const { root, out, victim } = scratch(t);
  const folder = OwnedFolder.open(out, { tool: TOOL, force: true });
  for (const bad of [
    "../victim.txt",
    "sub/../../victim.txt",
    victim,
    "/etc/passwd",
    "..\\victim.txt",
    "C:/x",
    "",
    "./a",
    manifestName(TOOL),
  ]) {
    assert.throws(() => folder.write(bad, "x"), ToolError, `must refuse ${JSON.stringify(bad)}`);
  }
  assert.equal(readFileSync(victim, "utf8"), "the user's file");
  assert.deepEqual(readdirSync(root).sort(), ["out", "victim.txt"]);
  assert.equal(confinedRelativePath("a/b.txt"), "a/b.txt");
});

test("a manifest listing ../victim.txt (with its true hash) is refused, and even forced never deletes it", (t) => {
  const { out, victim } = scratch(t);
  mkdirSync(out);
  writeManifest(out, { "../victim.txt": sha("the user's file") });
  assert.throws(
    () => OwnedFolder.open(out, { tool: TOOL }),
    /lists "\.\.\/victim\.txt", which is not a plain path inside the folder/,
  );
  const forced = OwnedFolder.open(out, { tool: TOOL, force: true });
  forced.write("a.txt", "A");
  forced.commit();
  assert.equal(readFileSync(victim, "utf8"), "the user's file");
});

test("a manifest listing an absolute path (with its true hash) never deletes it", (t) => {
  const { out, victim } = scratch(t);
  mkdirSync(out);
  writeManifest(out, { [victim]: sha("the user's file") });
  assert.throws(() => OwnedFolder.open(out, { tool: TOOL }), ToolError);
  OwnedFolder.open(out, { tool: TOOL, force: true }).commit();
  assert.equal(readFileSync(victim, "utf8"), "the user's file");
});

test("a symbolic link inside the folder cannot lead a write or a delete outside it", (t) => {
  const { root, out, victim } = scratch(t);
  mkdirSync(out);
  symlinkSync(root, path.join(out, "link"));
  writeManifest(out, { "link/victim.txt": sha("the user's file") });
  const folder = OwnedFolder.open(out, { tool: TOOL });
  assert.throws(() => folder.write("link/planted.txt", "x"), /link in .* is a symbolic link/);
  folder.commit();
  assert.equal(readFileSync(victim, "utf8"), "the user's file");
  assert.equal(existsSync(path.join(root, "planted.txt")), false);
});

test("a manifest that is not JSON is refused with one line naming it", (t) => {
  const { out } = scratch(t);
  mkdirSync(out);
  writeFileSync(path.join(out, manifestName(TOOL)), "{ not json");
  assert.throws(
    () => OwnedFolder.open(out, { tool: TOOL }),
    /\.dlnotes-demo\.json is not valid JSON: it was not written by demo/,
  );
});

test("buildThenReplace: a failing build leaves the previous output untouched; a good one replaces it", async (t) => {
  const { out } = scratch(t);
  firstRun(out);
  const before = readFileSync(path.join(out, manifestName(TOOL)), "utf8");
  await assert.rejects(
    buildThenReplace(out, TOOL, async (dir) => {
      writeFileSync(path.join(dir, "a.txt"), "half-built");
      throw new Error("TeX error in lesson 3");
    }),
    /TeX error/,
  );
  assert.equal(readFileSync(path.join(out, "a.txt"), "utf8"), "A1");
  assert.equal(readFileSync(path.join(out, "sub", "b.txt"), "utf8"), "B1");
  assert.equal(readFileSync(path.join(out, manifestName(TOOL)), "utf8"), before);

  const result = await buildThenReplace(out, TOOL, async (dir) => {
    mkdirSync(path.join(dir, "assets"));
    writeFileSync(path.join(dir, "a.txt"), "A2");
    writeFileSync(path.join(dir, "assets", "c.css"), "C");
  });
  assert.deepEqual(result, { written: ["a.txt", "assets/c.css"], removed: ["sub/b.txt"], kept: [] });
  assert.equal(readFileSync(path.join(out, "assets", "c.css"), "utf8"), "C");
});

test("buildThenReplace refuses a folder it does not own before building", async (t) => {
  const { out } = scratch(t);
  mkdirSync(out);
  writeFileSync(path.join(out, "index.html"), "the user's page");
  let built = false;
  await assert.rejects(
    buildThenReplace(out, TOOL, async () => {
      built = true;
    }),
    /not empty and was not written by demo/,
  );
  assert.equal(built, false);
  assert.equal(readFileSync(path.join(out, "index.html"), "utf8"), "the user's page");
});

test("a hard link planted at a recorded path is replaced, not written through (the file it shares is kept)", (t) => {
  const { out, victim } = scratch(t);
  firstRun(out);
  rmSync(path.join(out, "a.txt"));
  linkSync(victim, path.join(out, "a.txt"));
  writeManifest(out, { "a.txt": sha("the user's file") });
  const folder = OwnedFolder.open(out, { tool: TOOL });
  folder.write("a.txt", "A2");
  folder.commit();
  assert.equal(readFileSync(path.join(out, "a.txt"), "utf8"), "A2");
  assert.equal(readFileSync(victim, "utf8"), "the user's file");
});
