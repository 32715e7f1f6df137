/**
 * One list of Jupyter versions: requirements.txt pins every package the project needs, exactly, and
 * environment.yml (conda / Binder) installs that same file instead of naming versions of its own. The
 * installed .venv must match the pins, so a stale environment is caught before it gives confusing failures.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectDir, projectPython } from "../tooling/python";

const REQUIRED = ["jupyterlab", "notebook", "plotly", "nbclient", "nbconvert", "numpy"];

function pins(): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of readFileSync(join(projectDir, "requirements.txt"), "utf8").split("\n")) {
    const line = raw.replace(/#.*/, "").trim();
    if (!line) continue;
    const m = /^([A-Za-z0-9_.-]+)==([0-9][^\s;]*)$/.exec(line);
    assert.ok(m, `requirements.txt: "${line}" is not an exact pin (name==version)`);
    out.set(m[1].toLowerCase().replace(/_/g, "-"), m[2]);
  }
  return out;
}

test("requirements.txt pins every Jupyter package exactly (JupyterLab 4, Notebook 7, plotly >= 6.1)", () => {
  const p = pins();
  for (const name of REQUIRED) assert.ok(p.has(name), `requirements.txt does not pin ${name}`);
  assert.match(p.get("jupyterlab")!, /^4\./);
  assert.match(p.get("notebook")!, /^7\./);
  const [major, minor] = p.get("plotly")!.split(".").map(Number);
  assert.ok(
    major > 6 || (major === 6 && minor >= 1),
    `plotly ${p.get("plotly")} has no JupyterLab 4 renderer (needs >= 6.1)`,
  );
});

test("environment.yml installs requirements.txt (one source of versions) and names no Jupyter version of its own", () => {
  const yml = readFileSync(join(projectDir, "environment.yml"), "utf8").replace(/#.*$/gm, "");
  assert.match(yml, /-\s*-r requirements\.txt/);
  for (const name of REQUIRED)
    assert.doesNotMatch(yml, new RegExp(`^\\s*-\\s*${name}\\b`, "mi"), `environment.yml names ${name} itself`);
});

test("the project's Python environment has exactly the pinned versions", () => {
  const python = projectPython(["jupyterlab"]);
  const installed = JSON.parse(
    execFileSync(
      python,
      [
        "-c",
        "import json, importlib.metadata as m; print(json.dumps({d.metadata['Name'].lower().replace('_','-'): d.version for d in m.distributions()}))",
      ],
      { encoding: "utf8" },
    ),
  );
  for (const [name, version] of pins())
    assert.equal(
      installed[name],
      version,
      `${name}: installed ${installed[name]}, pinned ${version} (rerun npm run setup)`,
    );
});
