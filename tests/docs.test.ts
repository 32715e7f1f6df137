// The documentation works: every relative link in README.md, docs/ and notebooks/index.md leads to a file that
// exists (and to a heading that exists, for #anchors), every `npm run X` it mentions is a script of package.json,
// every source, tool or test file it names exists, and every DLNOTES_* variable the code reads is documented in one
// place.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { execFileSync } from "node:child_process";
import GithubSlugger from "github-slugger";

const root = resolve(__dirname, "..");
const VARIABLES_DOC = "docs/contributing.md";

function markdownFiles(): string[] {
  const docs = existsSync(join(root, "docs"))
    ? readdirSync(join(root, "docs"))
        .filter((f) => f.endsWith(".md"))
        .map((f) => `docs/${f}`)
    : [];
  return ["README.md", ...docs, ...(existsSync(join(root, "notebooks/index.md")) ? ["notebooks/index.md"] : [])];
}

/** The text outside code (fenced blocks, also indented in a list, and inline spans): links in code are examples. */
function prose(markdown: string): string {
  return markdown.replace(/^[ \t]*```[\s\S]*?^[ \t]*```/gm, "").replace(/`[^`\n]*`/g, "");
}

/** GitHub's anchors of a Markdown file's headings. */
function anchorsOf(file: string): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  for (const line of prose(readFileSync(file, "utf8")).split("\n")) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) anchors.add(slugger.slug(heading[1].replace(/`/g, "").replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")));
  }
  return anchors;
}

test("every relative link and anchor in the docs resolves", () => {
  const broken: string[] = [];
  for (const file of markdownFiles()) {
    const text = prose(readFileSync(join(root, file), "utf8"));
    for (const match of text.matchAll(/\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      const target = match[1];
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto: — not checked offline
      const [path, anchor] = target.split("#");
      const resolved = path ? resolve(dirname(join(root, file)), decodeURIComponent(path)) : join(root, file);
      if (!existsSync(resolved)) {
        broken.push(`${file}: ${target} (no file ${relative(root, resolved)})`);
        continue;
      }
      if (anchor && resolved.endsWith(".md") && !anchorsOf(resolved).has(anchor))
        broken.push(`${file}: ${target} (no heading #${anchor})`);
      if (anchor && statSync(resolved).isDirectory()) broken.push(`${file}: ${target} (an #anchor on a folder)`);
    }
  }
  assert.deepEqual(broken, [], `broken links:\n${broken.join("\n")}`);
});

test("every npm script and script file the docs mention exists", () => {
  const scripts = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts as Record<string, string>;
  const missing: string[] = [];
  for (const file of markdownFiles()) {
    const text = readFileSync(join(root, file), "utf8");
    // a script name may contain ":" "." "-" but does not end with them ("run `npm run setup`." ends a sentence)
    for (const match of text.matchAll(/\bnpm run ([\w:.-]*\w)/g))
      if (!(match[1] in scripts)) missing.push(`${file}: npm run ${match[1]}`);
    // a path right after "owner/name " (`microsoft/vscode-jupyter src/...`) is a file of that repository, not ours
    const ourPath =
      /(?<![\w./-])(?<![\w-]+\/[\w.-]+ `?)((?:scripts|tooling|export|lite|bench|src|tests)\/[\w./-]+\.(?:ts|mts|mjs|py|sh|wat))\b/g;
    for (const match of text.matchAll(ourPath)) {
      if (!existsSync(join(root, match[1]))) missing.push(`${file}: ${match[1]}`);
    }
  }
  assert.deepEqual(missing, [], `documented but missing:\n${missing.join("\n")}`);
});

test("every DLNOTES_* variable the code reads is documented in " + VARIABLES_DOC, () => {
  const files = execFileSync(
    "git",
    ["ls-files", "src", "tooling", "scripts", "export", "lite", "tests", "bench", ".ci"],
    { cwd: root, encoding: "utf8" },
  )
    .split("\n")
    .filter((f) => /\.(ts|mts|mjs|js|py|sh)$/.test(f) || f === ".ci/run");
  const used = new Set<string>();
  for (const f of files) {
    if (!existsSync(join(root, f))) continue;
    for (const m of readFileSync(join(root, f), "utf8").matchAll(/\bDLNOTES_[A-Z0-9_]+\b/g)) used.add(m[0]);
  }
  const documented = readFileSync(join(root, VARIABLES_DOC), "utf8");
  const undocumented = [...used].filter((v) => !documented.includes(v)).sort();
  assert.deepEqual(undocumented, [], `not documented in ${VARIABLES_DOC}: ${undocumented.join(", ")}`);
});
