/**
 * Course notes from JupyterLab's own Export menu and from `jupyter nbconvert --to dlnotes` (issues 10, 16, 21),
 * through the real exporter package, the real server and the real UI.
 *
 * The exporter is installed from THIS checkout exactly as set-up does (`pip install ./export/jupyter`), but into a
 * folder of its own (pip --target, put first on PYTHONPATH), so the shared environment is not touched; the install
 * records this checkout as the project. Every Jupyter process runs with its own config/data/runtime folders and
 * HOME (tests/fixtures/jupyter.ts). The server serves a temporary folder OUTSIDE the project that holds:
 * - the executed plot fixture (executed by `scripts/export.ts`, which is also the reference),
 * - a notebook with a TeX error and a file that is not JSON,
 * - a planted folder: `shared/inbox/homework/` with a package.json named dlnotes, `scripts/export-standalone.mjs`,
 *   `scripts/export-page.ts`, an empty node_modules and a `node` program, all of which would write a marker file,
 *   and `homework.ipynb`; `shared/` (two folders up) holds another such package.json and scripts.
 * Checked: the planted code never runs (CLI and server), the page is made by the installed project, errors are one
 * readable message, trust is decided from the signature only when sanitizing is off, and the Export-menu download
 * is the project's single-mode page (and, once that mode lands, has no dead links).
 */
import { KERNELSPEC } from "../src/core/definitions";
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Browser, Download, Page } from "playwright-core";
import { launchChromium, openOffline } from "./fixtures/browser";
import { projectCommand } from "../tooling/python";
import {
  JupyterDirs,
  JupyterServer,
  jupyterDirs,
  jupyterEnv,
  jupyterPython,
  launchJupyter,
  runCommand,
} from "./fixtures/jupyter";

const root = resolve(__dirname, "..");
const screenshots = join(root, "build", "screenshots");
const EXPORTER = "dlnotes";
const PLOTLY_MIME = "application/vnd.plotly.v1+json";
const PLANTED_PAGE = "PLANTED PAGE";
// Each export runs nbconvert and MathJax in child processes on a machine shared with other jobs.
const TIMEOUT = 900_000;

interface SitePage {
  page: string;
  plotlyOutputs: number;
  formulas: number;
  title: string;
}

let tmp: string; // outside the project: nothing above it is the dlnotes project
let work: string; // the reference site, the executed fixture, the downloads (in tmp: parallel runs do not collide)
let serverRoot: string;
let homework: string; // the planted folder, relative to serverRoot
let dirs: JupyterDirs;
let pylib: string; // the exporter installed from this checkout
let server: JupyterServer | undefined;
let browserPromise: Promise<Browser> | undefined;
let sitePage: SitePage;
const downloads = new Map<string, string>();

/** Chromium, launched on first use (the subset run by tests/home.isolation.test.ts never needs it), HOME kept out. */
function browser(): Promise<Browser> {
  browserPromise ??= launchChromium({ home: dirs.home });
  return browserPromise;
}

/** `pip install --no-deps --target TARGET SOURCE` (what set-up does, into a folder of its own); returns the install record. */
function installExporter(source: string, target: string): { project: string | null; node: string | null } {
  rmSync(target, { recursive: true, force: true });
  execFileSync(jupyterPython(), ["-m", "pip", "install", "--quiet", "--no-deps", "--target", target, source], {
    env: jupyterEnv(dirs, { PATH: `${dirname(process.execPath)}:${process.env.PATH}` }),
    stdio: ["ignore", "inherit", "inherit"],
  });
  return JSON.parse(readFileSync(join(target, "dlnotes_export", "_install.json"), "utf8"));
}

/** The environment of a Jupyter process that sees the exporter in `lib`. */
const exporterEnv = (lib = pylib) => jupyterEnv(dirs, { PYTHONPATH: lib });

/** `jupyter nbconvert --to dlnotes ...args` from `cwd`, with the installed exporter. */
function nbconvert(args: string[], cwd: string, lib = pylib) {
  const jupyter = projectCommand("jupyter");
  assert.ok(jupyter, "no project Jupyter: run `npm run setup`");
  return new Promise<{ code: number | null; output: string }>((resolveRun) => {
    execFile(
      jupyter!,
      ["nbconvert", "--to", EXPORTER, ...args],
      { cwd, env: exporterEnv(lib), maxBuffer: 64 << 20, encoding: "utf8" },
      (error, stdout, stderr) =>
        resolveRun({
          code: error ? (typeof error.code === "number" ? error.code : null) : 0,
          output: `${stdout}${stderr}`,
        }),
    );
  });
}

/** The marker files planted code would write (none may ever appear). */
const markers = () => readdirSync(tmp).filter((f) => f.startsWith("MARKER"));

/** A folder that looks like the dlnotes project, whose every script and `node` writes MARKER-<name> into tmp. */
function plantProject(folder: string, name: string): void {
  mkdirSync(join(folder, "scripts"), { recursive: true });
  mkdirSync(join(folder, "node_modules"), { recursive: true });
  writeFileSync(join(folder, "package.json"), JSON.stringify({ name: "dlnotes", version: "0.0.0" }));
  const script = (file: string) =>
    `const fs = require("node:fs");\nfs.writeFileSync(${JSON.stringify(join(tmp, `MARKER-${name}-${file}`))}, "ran");\n` +
    `const out = process.argv[process.argv.indexOf("--out") + 1];\nif (out) fs.writeFileSync(out, "<html><title>${PLANTED_PAGE}</title>${PLANTED_PAGE}</html>");\n`;
  writeFileSync(
    join(folder, "scripts", "export-standalone.mjs"),
    script("export-standalone.mjs").replace('const fs = require("node:fs");', 'import fs from "node:fs";'),
  );
  writeFileSync(
    join(folder, "scripts", "export-page.ts"),
    script("export-page.ts").replace('const fs = require("node:fs");', 'import fs from "node:fs";'),
  );
  writeFileSync(
    join(folder, "node"),
    `#!/bin/sh\necho ran > ${JSON.stringify(join(tmp, `MARKER-${name}-node`))}\nexec ${JSON.stringify(process.execPath)} "$@"\n`,
  );
  chmodSync(join(folder, "node"), 0o755);
}

const homeworkNotebook = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {
    kernelspec: KERNELSPEC,
    language_info: { name: "typescript" },
  },
  cells: [
    {
      cell_type: "markdown",
      id: "title",
      metadata: {},
      source: "# Homework of a classmate\n\nThe square of $x$ is $x^2$.",
    },
    {
      cell_type: "code",
      id: "answer",
      metadata: {},
      execution_count: 1,
      source: "console.log(6 * 7)",
      outputs: [{ output_type: "stream", name: "stdout", text: "42\n" }],
    },
  ],
};

/** Asserts `html` is the installed project's page for the homework notebook, not the planted one. */
function assertProjectPage(html: string): void {
  assert.ok(!html.includes(PLANTED_PAGE), "the page came from the planted script");
  assert.match(html, /<title>Homework of a classmate<\/title>/);
  // the pipeline's own marks: the notes' page class and the Content-Security-Policy as the first thing in <head>
  assert.match(html, /<body[^>]*class="[^"]*\bdlnotes-page\b/, "not a page of the dlnotes export");
  assert.match(
    html,
    /^<!DOCTYPE html><html[^>]*><head><meta http-equiv="Content-Security-Policy"/,
    "no CSP first in <head>",
  );
}

before(async () => {
  mkdirSync(screenshots, { recursive: true });
  tmp = mkdtempSync(join(tmpdir(), "dlnotes-export-jupyter-"));
  work = join(tmp, "work");
  mkdirSync(work);
  dirs = jupyterDirs(join(tmp, "state"));
  serverRoot = join(tmp, "root");
  mkdirSync(serverRoot);
  pylib = join(tmp, "pylib");
  const record = installExporter(join(root, "export", "jupyter"), pylib);
  assert.deepEqual(record.project, root, "the install records this checkout as the exporter's project");

  // The reference: what `npm run export` does for the fixture (it executes it in tslab through nbclient, with this
  // test's Jupyter folders), less the runnable-cells runner, which a one-file download leaves out.
  execFileSync(
    process.execPath,
    [
      "--import",
      "tsx",
      join(root, "scripts", "export.ts"),
      "--no-runner",
      "--out",
      join(work, "site"),
      "--executed",
      join(work, "executed"),
      join(root, "tests", "fixtures", "plots", "plots.ipynb"),
    ],
    { cwd: root, env: jupyterEnv(dirs), stdio: ["ignore", "inherit", "inherit"] },
  );
  sitePage = (JSON.parse(readFileSync(join(work, "site", "manifest.json"), "utf8")) as { pages: SitePage[] }).pages[0];
  copyFileSync(join(work, "executed", "plots.ipynb"), join(serverRoot, "plots.ipynb"));
  const bad = JSON.parse(readFileSync(join(serverRoot, "plots.ipynb"), "utf8"));
  bad.cells = [
    { cell_type: "markdown", id: "broken", metadata: {}, source: "# Broken\n\nNo such macro: $\\nosuchmacro{x}$" },
  ];
  writeFileSync(join(serverRoot, "broken.ipynb"), JSON.stringify(bad));
  writeFileSync(join(serverRoot, "not-json.ipynb"), "this is not a notebook {");

  homework = join("shared", "inbox", "homework");
  plantProject(join(serverRoot, homework), "homework");
  plantProject(join(serverRoot, "shared"), "shared"); // a package.json two folders up, in a shared directory
  writeFileSync(join(serverRoot, homework, "homework.ipynb"), JSON.stringify(homeworkNotebook));

  server = await launchJupyter({
    frontEnd: "lab",
    rootDir: serverRoot,
    stateDir: dirs.state,
    env: { PYTHONPATH: pylib },
  });
});

after(async () => {
  if (browserPromise) await (await browserPromise).close();
  await server?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test("GET /api/nbconvert lists the dlnotes exporter", async () => {
  const formats = (await (await fetch(`${server!.baseUrl}/api/nbconvert`)).json()) as Record<
    string,
    { output_mimetype: string }
  >;
  assert.deepEqual(
    formats[EXPORTER],
    { output_mimetype: "text/html" },
    `exporters: ${Object.keys(formats).join(", ")}`,
  );
});

test(
  "planted folder: jupyter nbconvert --to dlnotes runs none of its code and the installed project makes the page",
  { timeout: TIMEOUT },
  async () => {
    const folder = join(serverRoot, homework);
    const result = await nbconvert(["homework.ipynb", "--output-dir", join(tmp, "cli-out")], folder);
    assert.deepEqual(markers(), [], `planted code ran:\n${result.output}`);
    assert.equal(result.code, 0, result.output);
    assert.match(
      result.output,
      new RegExp(`dlnotes: .*? ${root.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/scripts/`),
      "the command runs the installed project's script",
    );
    assert.doesNotMatch(result.output, /--trusted-outputs/, "sanitizing is the default");
    assertProjectPage(readFileSync(join(tmp, "cli-out", "homework.html"), "utf8"));
  },
);

test(
  "planted folder: the server's /nbconvert/dlnotes/<path> runs none of its code and the installed project makes the page",
  { timeout: TIMEOUT },
  async () => {
    const response = await fetch(`${server!.baseUrl}/nbconvert/${EXPORTER}/${homework}/homework.ipynb?download=true`);
    const body = await response.text();
    assert.deepEqual(markers(), [], "planted code ran");
    assert.equal(response.status, 200, `${body.slice(0, 2000)}\n${server!.log().slice(-3000)}`);
    assertProjectPage(body);
  },
);

test(
  "outputs count as trusted only when sanitize_html is off and the notebook's signature checks",
  { timeout: TIMEOUT },
  async () => {
    const folder = join(tmp, "trust");
    mkdirSync(folder, { recursive: true });
    const signed = join(folder, "signed.ipynb");
    const unsigned = join(folder, "unsigned.ipynb");
    writeFileSync(signed, JSON.stringify(homeworkNotebook));
    // Jupyter trusts by content (the signature database holds hashes): the unsigned one must differ from the signed one.
    const other = structuredClone(homeworkNotebook);
    other.cells[1].outputs![0].text = "43\n";
    writeFileSync(unsigned, JSON.stringify(other));
    const jupyter = projectCommand("jupyter")!;
    const trusted = await runCommand(jupyter, ["trust", signed], undefined, exporterEnv());
    assert.equal(trusted.code, 0, trusted.output);
    const code = `
import copy, json, sys
import nbformat
from nbformat.sign import NotebookNotary
from traitlets.config import Config
from dlnotes_export.exporter import DlnotesExporter, node_command
def exporter(sanitize=None):
    c = Config()
    if sanitize is not None:
        c.DlnotesExporter.sanitize_html = sanitize
    return DlnotesExporter(config=c)
signed = nbformat.read(sys.argv[1], 4)
unsigned = nbformat.read(sys.argv[2], 4)
marked = copy.deepcopy(signed)  # as a server hands it over: each code cell marked after the server's own check
with NotebookNotary() as notary:
    notary.mark_cells(marked, notary.check_signature(marked))
edited = copy.deepcopy(signed)
edited.cells[1].outputs[0].text = "<script>alert(1)</script>"
print(json.dumps({
    "default_signed": exporter().outputs_trusted(signed),
    "sanitized_signed": exporter(True).outputs_trusted(signed),
    "unsanitized_signed": exporter(False).outputs_trusted(signed),
    "unsanitized_marked": exporter(False).outputs_trusted(marked),
    "unsanitized_unsigned": exporter(False).outputs_trusted(unsigned),
    "unsanitized_edited": exporter(False).outputs_trusted(edited),
    "command_trusted": node_command("node", __import__("pathlib").Path("/p"), "in.ipynb", "out.html", True)[-1],
    "command_untrusted": node_command("node", __import__("pathlib").Path("/p"), "in.ipynb", "out.html", False)[-1],
}))`;
    const decided = await runCommand(jupyterPython(), ["-c", code, signed, unsigned], undefined, exporterEnv());
    assert.equal(decided.code, 0, decided.output);
    assert.deepEqual(JSON.parse(decided.stdout), {
      default_signed: false,
      sanitized_signed: false,
      unsanitized_signed: true,
      unsanitized_marked: true,
      unsanitized_unsigned: false,
      unsanitized_edited: false,
      command_trusted: "--trusted-outputs",
      command_untrusted: "out.html",
    });
    // End to end: with sanitizing off, the signed notebook's export is told --trusted-outputs.
    const run = await nbconvert(
      ["--DlnotesExporter.sanitize_html=False", "signed.ipynb", "--output-dir", join(tmp, "trust-out")],
      folder,
    );
    assert.match(run.output, /dlnotes: .* --trusted-outputs\n/, run.output);
    assert.deepEqual(markers(), []);
  },
);

test(
  "GET /nbconvert/dlnotes/<path>?download=true: one page, whatever sanitize_html says",
  { timeout: TIMEOUT },
  async () => {
    for (const sanitize of ["true", "false"]) {
      const response = await fetch(
        `${server!.baseUrl}/nbconvert/${EXPORTER}/plots.ipynb?download=true&sanitize_html=${sanitize}`,
      );
      const body = await response.text();
      assert.equal(
        response.status,
        200,
        `sanitize_html=${sanitize}: ${body.slice(0, 2000)}\n${server!.log().slice(-3000)}`,
      );
      assert.match(response.headers.get("content-type") ?? "", /^text\/html/);
      assert.match(response.headers.get("content-disposition") ?? "", /^attachment; filename\*=utf-8''plots\.html$/);
      downloads.set(sanitize, body);
      writeFileSync(join(work, `download-sanitize-${sanitize}.html`), body);
    }
    // jupyter_server applies the query's sanitize_html only to the html format: c.DlnotesExporter.sanitize_html decides
    assert.ok(
      downloads.get("true") === downloads.get("false"),
      "the page differs between sanitize_html=true and =false",
    );
  },
);

interface Rendered {
  plots: number;
  emptyPlots: number;
  formulas: number;
  drawnFormulas: number;
  rawTex: string[];
  text: string;
  title: string;
  navigation: string[];
  pageLinks: string[];
  consoleErrors: string[];
  blocked: string[];
  files: string[];
}

/**
 * Opens a page from file:// with every other request blocked (fixtures/browser.ts's openOffline) and reads what it
 * shows (the page is not edited).
 */
async function render(file: string, screenshot?: string): Promise<Rendered> {
  const visit = await openOffline(await browser(), file);
  try {
    const page: Page = visit.page;
    // plots draw after load: wait for as many drawn plots as there are plot containers (the count is checked below)
    await page.waitForFunction(
      () => {
        const plots = document.querySelectorAll(".js-plotly-plot");
        return plots.length > 0 && Array.from(plots).every((p) => p.querySelector(".main-svg"));
      },
      undefined,
      { timeout: 120_000 },
    );
    if (screenshot) await page.screenshot({ path: join(screenshots, screenshot), fullPage: true });
    const seen = await page.evaluate(() => {
      const raw: string[] = [];
      for (const cell of Array.from(document.querySelectorAll(".jp-MarkdownOutput"))) {
        const clone = cell.cloneNode(true) as HTMLElement;
        clone.querySelectorAll("mjx-container, code, pre").forEach((e) => e.remove());
        raw.push(...((clone.textContent ?? "").match(/\$[^$\n]+\$|\\\(|\\\[/g) ?? []));
      }
      return {
        plots: document.querySelectorAll(".js-plotly-plot").length,
        emptyPlots: Array.from(document.querySelectorAll(".js-plotly-plot")).filter(
          (e) => !e.querySelector(".main-svg"),
        ).length,
        formulas: document.querySelectorAll("mjx-container").length,
        drawnFormulas: Array.from(document.querySelectorAll('mjx-container[jax="SVG"] > svg')).filter(
          (e) => e.getBoundingClientRect().width > 0,
        ).length,
        rawTex: raw,
        text: document.body.innerText,
        title: document.title,
        navigation: Array.from(document.querySelectorAll(".dlnotes-sidebar, .dlnotes-pager")).map(
          (e) => `.${e.className.split(" ")[0]}`,
        ),
        // links to other pages of a site (index.html, other lessons): a single file has none of them
        pageLinks: Array.from(document.querySelectorAll("a[href]"))
          .map((a) => a.getAttribute("href") ?? "")
          .filter((href) => !href.startsWith("#") && !/^[a-z][a-z0-9+.-]*:/i.test(href)),
      };
    });
    return { ...seen, consoleErrors: visit.errors, blocked: visit.blocked, files: [...visit.loaded] };
  } finally {
    await visit.close();
  }
}

test(
  "the downloaded page renders offline from one file: every plot drawn, every formula typeset",
  { timeout: TIMEOUT },
  async (t) => {
    assert.ok(downloads.size === 2, "needs the downloads of the previous test");
    const executed = JSON.parse(readFileSync(join(work, "executed", "plots.ipynb"), "utf8")) as {
      cells: { outputs?: { data?: object }[] }[];
    };
    const plotlyOutputs = executed.cells
      .flatMap((c) => c.outputs ?? [])
      .filter((o) => o.data && PLOTLY_MIME in o.data).length;
    assert.ok(plotlyOutputs > 0 && sitePage.formulas > 0, "the fixture has plots and formulas");
    const file = join(work, "download-sanitize-true.html");
    const seen = await render(file, "lab-export-dlnotes.png");
    assert.deepEqual(seen.consoleErrors, [], "console errors");
    assert.deepEqual(seen.blocked, [], "requests that are not file://");
    assert.deepEqual(seen.files, [pathToFileURL(file).href], "files the page loaded (a download is one file)");
    assert.equal(seen.plots, plotlyOutputs, "rendered Plotly plots = Plotly outputs of the notebook");
    assert.equal(seen.emptyPlots, 0, "plots without drawn SVG");
    assert.equal(seen.formulas, sitePage.formulas, "typeset formulas = those of the npm run export page");
    assert.equal(seen.drawnFormulas, seen.formulas, "formulas drawn as visible SVG");
    assert.deepEqual(seen.rawTex, [], "raw TeX left on the page");
    assert.equal(seen.title, sitePage.title);
    t.diagnostic(
      `${(Buffer.byteLength(downloads.get("true")!) / 1e6).toFixed(2)} MB, ${seen.plots} plots, ${seen.formulas} formulas`,
    );
  },
);

test(
  "the Export-menu page is the project's single-mode page, neither edited before comparing",
  { timeout: TIMEOUT },
  async () => {
    assert.ok(downloads.has("true"), "needs the downloads of the earlier test");
    // The single mode, run directly with the command line the installed exporter builds (one source of truth).
    const single = join(work, "single", "plots.html");
    mkdirSync(dirname(single), { recursive: true });
    const code = `import json, sys, pathlib\nfrom dlnotes_export.exporter import node_command\nprint(json.dumps(node_command(sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3], sys.argv[4], False)))`;
    const built = await runCommand(
      jupyterPython(),
      ["-c", code, process.execPath, root, join(serverRoot, "plots.ipynb"), single],
      undefined,
      exporterEnv(),
    );
    assert.equal(built.code, 0, built.output);
    const [command, ...args] = JSON.parse(built.stdout) as string[];
    const made = await runCommand(command, args, undefined, exporterEnv());
    assert.equal(made.code, 0, made.output);
    const fromMenu = await render(join(work, "download-sanitize-true.html"));
    const fromSingle = await render(single);
    for (const key of ["title", "text", "plots", "formulas", "navigation", "pageLinks"] as const) {
      assert.deepEqual(fromMenu[key], fromSingle[key], key);
    }
  },
);

// Issue 21: the Export menu's page is ONE file, so it must not link to index.html or to other lessons, nor show the
// site's sidebar and pager (it failed while the exporter stripped a finished site page with regular expressions).
test("the Export-menu page has no sidebar, pager or links to other pages", { timeout: TIMEOUT }, async () => {
  assert.ok(downloads.has("true"), "needs the downloads of the earlier test");
  const seen = await render(join(work, "download-sanitize-true.html"), "lab-export-dlnotes-navigation.png");
  // site navigation, and links to pages a one-file download does not have
  assert.deepEqual({ navigation: seen.navigation, pageLinks: seen.pageLinks }, { navigation: [], pageLinks: [] });
});

test(
  "errors are one readable message: a failing export answers 500 with the export's own message",
  { timeout: TIMEOUT },
  async () => {
    const response = await fetch(`${server!.baseUrl}/nbconvert/${EXPORTER}/broken.ipynb?download=true`);
    const body = await response.text();
    assert.equal(response.status, 500);
    assert.match(body, /dlnotes course-notes export failed/);
    assert.match(body, /TeX errors/);
    assert.doesNotMatch(body, /Traceback|File "/, "a Python traceback in the page");
  },
);

test("errors are one readable message: a file that is not a notebook", { timeout: TIMEOUT }, async () => {
  const response = await fetch(`${server!.baseUrl}/nbconvert/${EXPORTER}/not-json.ipynb?download=true`);
  const body = await response.text();
  assert.ok(response.status >= 400 && response.status < 600, `status ${response.status}`);
  assert.match(body, /not-json\.ipynb/);
  assert.doesNotMatch(body, /Traceback|File "/, "a Python traceback in the page");
  const cli = await nbconvert(["not-json.ipynb", "--output-dir", join(tmp, "cli-out")], serverRoot);
  assert.equal(cli.code, 1, cli.output);
  assert.match(cli.output, /ERROR \| not-json\.ipynb is not a readable notebook \(Notebook does not appear to be JSON/);
  assert.doesNotMatch(cli.output, /Traceback/);
});

test("errors are one readable message: Node or the project missing (nbconvert)", { timeout: TIMEOUT }, async () => {
  const folder = join(serverRoot, homework);
  const noNode = await nbconvert(
    ["--DlnotesExporter.node=/no/such/node", "homework.ipynb", "--output-dir", join(tmp, "cli-out")],
    folder,
  );
  assert.equal(noNode.code, 1, noNode.output);
  assert.match(
    noNode.output,
    /ERROR \| c\.DlnotesExporter\.node = \/no\/such\/node is not an executable; set it to a Node\.js >= 20\n/,
  );
  const noProject = await nbconvert(
    [`--DlnotesExporter.project_dir=${join(tmp, "no-such-project")}`, "homework.ipynb"],
    folder,
  );
  assert.equal(noProject.code, 1, noProject.output);
  assert.match(
    noProject.output,
    /ERROR \| c\.DlnotesExporter\.project_dir = .*no-such-project does not exist \(moved or deleted\?\); run `npm run setup`/,
  );
  for (const said of [noNode.output, noProject.output]) assert.doesNotMatch(said, /Traceback/);
  assert.deepEqual(markers(), []);
});

test(
  "errors are one readable message: the recorded project is gone (server answers 500, nbconvert one line)",
  { timeout: TIMEOUT },
  async () => {
    // A checkout the exporter was installed from, then moved away: a copy of the project's package.json, scripts and
    // exporter, installed, then deleted.
    const gone = join(tmp, "moved-checkout");
    mkdirSync(join(gone, "export"), { recursive: true });
    copyFileSync(join(root, "package.json"), join(gone, "package.json"));
    cpSync(join(root, "export", "jupyter"), join(gone, "export", "jupyter"), {
      recursive: true,
      filter: (src) => !/(build|egg-info|__pycache__)$/.test(src),
    });
    const goneLib = join(tmp, "pylib-gone");
    assert.equal(installExporter(join(gone, "export", "jupyter"), goneLib).project, gone);
    rmSync(gone, { recursive: true, force: true });
    const message = new RegExp(
      `the dlnotes checkout recorded when the exporter was installed \\(${gone.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\) does not exist`,
    );
    const cli = await nbconvert(
      ["homework.ipynb", "--output-dir", join(tmp, "cli-out")],
      join(serverRoot, homework),
      goneLib,
    );
    assert.equal(cli.code, 1, cli.output);
    assert.match(cli.output, message);
    assert.doesNotMatch(cli.output, /Traceback/);
    const other = await launchJupyter({
      frontEnd: "server",
      rootDir: serverRoot,
      stateDir: join(tmp, "state-gone"),
      env: { PYTHONPATH: goneLib },
    });
    try {
      const response = await fetch(`${other.baseUrl}/nbconvert/${EXPORTER}/${homework}/homework.ipynb?download=true`);
      const body = await response.text();
      assert.equal(response.status, 500, body.slice(0, 2000));
      assert.match(body, message);
      assert.doesNotMatch(body, /Traceback|File "/, "a Python traceback in the page");
    } finally {
      await other.stop();
    }
    assert.deepEqual(markers(), []);
  },
);

test(
  "JupyterLab: File > Save and Export Notebook As lists Dlnotes, which downloads the same page",
  { timeout: TIMEOUT },
  async () => {
    assert.ok(downloads.has("false"), "needs the downloads of the earlier test");
    const context = await (
      await browser()
    ).newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    try {
      // JupyterLab opens the export in a new tab (window.open); the download starts there.
      const downloaded = new Promise<Download>((resolveDownload) =>
        context.on("page", (p) => p.on("download", resolveDownload)),
      );
      const page = await context.newPage();
      await page.goto(`${server!.baseUrl}/lab/tree/plots.ipynb`, { timeout: TIMEOUT });
      await page.locator(".jp-Notebook .jp-Cell").first().waitFor({ timeout: TIMEOUT });
      await page.locator(".lm-MenuBar-item", { hasText: /^File$/ }).click();
      await page.locator(".lm-Menu-item", { hasText: "Save and Export Notebook As" }).click();
      const entry = page.locator(".lm-Menu-item", { hasText: /^Dlnotes$/ });
      await entry.waitFor({ timeout: 60_000 });
      const labels = await page.locator(".lm-Menu").last().locator(".lm-Menu-itemLabel").allTextContents();
      await page.screenshot({ path: join(screenshots, "lab-export-menu.png") });
      assert.ok(labels.includes("Dlnotes"), `export menu: ${labels.join(", ")}`);
      await entry.click();
      const download = await downloaded;
      const saved = join(work, "download-lab-menu.html");
      await download.saveAs(saved);
      assert.equal(download.suggestedFilename(), "plots.html");
      assert.equal(await page.locator(".jp-Dialog").count(), 0, "a dialog (the sanitize question) was shown");
      assert.ok(
        readFileSync(saved, "utf8") === downloads.get("false"),
        "the menu's download differs from GET /nbconvert/dlnotes/plots.ipynb",
      );
    } finally {
      await context.close();
    }
    assert.ok(existsSync(join(work, "download-lab-menu.html")));
  },
);
