/**
 * The render step: nbconvert (with export/templates/dlnotes) turns each page's notebook into HTML, once for all
 * pages (one Python process), and each page is parsed ONCE into a cheerio document that every later step changes
 * in place. Which MIME type of an output is shown comes from OUTPUT_MIME_RANKING in src/core/definitions.ts;
 * `application/javascript` and widget views are never rendered: a page does not run a notebook's scripts.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as cheerio from "cheerio";
import { projectDir } from "../../tooling/python";
import { OUTPUT_MIME_RANKING } from "../../src/core/definitions";
import type { PageJob } from "./types";
import { ToolError } from "../../tooling/cli";

/** Output types a page never renders, whatever their rank: they would run code. */
const NEVER_RENDERED = new Set<string>(["application/javascript", "application/vnd.jupyter.widget-view+json"]);

/** The MIME ranking nbconvert uses for the pages (the project's ranking without script-running types). */
export function pageMimeRanking(): string[] {
  return OUTPUT_MIME_RANKING.filter((mime) => !NEVER_RENDERED.has(mime));
}

/** The folder of nbconvert's own lab template CSS (lab/static), which the site's CSS is trimmed from. */
export function labTemplateStatic(python: string): string {
  const code = [
    "import os, jupyter_core.paths as p",
    "hits = [os.path.join(d, 'lab', 'static') for d in p.jupyter_path('nbconvert', 'templates') if os.path.exists(os.path.join(d, 'lab', 'static', 'index.css'))]",
    "print(hits[0] if hits else '')",
  ].join("\n");
  const dir = execFileSync(python, ["-c", code]).toString().trim();
  if (!dir) throw new Error("nbconvert's lab template (lab/static/index.css) not found");
  return dir;
}

/**
 * Renders every page's notebook with nbconvert into `workDir` and parses each result into `job.$`.
 * @param python a Python with nbconvert.
 * @param jobs the pages (their `notebook` is what gets rendered).
 * @param workDir a scratch folder of the run.
 */
export function renderPages(python: string, jobs: PageJob[], workDir: string): void {
  const input = join(workDir, "render-in");
  const output = join(workDir, "render-out");
  mkdirSync(input, { recursive: true });
  const files = jobs.map((job, i) => {
    // plain numbered names: nbconvert never sees a user's file name (spaces, #, quotes)
    const file = join(input, `page-${i}.ipynb`);
    writeFileSync(file, JSON.stringify(job.notebook));
    return file;
  });
  const exportDir = join(projectDir, "export");
  try {
    execFileSync(
      python,
      [
        "-m",
        "nbconvert",
        "--to",
        "html",
        "--config",
        join(exportDir, "nbconvert_config.py"),
        `--TemplateExporter.extra_template_basedirs=${join(exportDir, "templates")}`,
        "--template",
        "dlnotes",
        "--output-dir",
        output,
        "--log-level",
        "WARN",
        ...files,
      ],
      {
        stdio: ["ignore", "inherit", "inherit"],
        env: { ...process.env, DLNOTES_MIME_RANKING: JSON.stringify(pageMimeRanking()) },
      },
    );
  } catch {
    const names = jobs.map((job) => job.source).join(", ");
    throw new ToolError(
      `nbconvert could not turn ${names} into HTML (its message is above); check that the notebook opens in JupyterLab`,
    );
  }
  jobs.forEach((job, i) => {
    job.$ = cheerio.load(readFileSync(join(output, `page-${i}.html`), "utf8"));
  });
}
