/**
 * The export pipeline: named steps over one parsed page per notebook, in `site` mode (every lesson, the index and
 * search into an output folder the export owns) or `single` mode (one self-contained offline page: no site
 * navigation, no links to other lessons, no runner; plotly.js, CSS and scripts inlined).
 *
 *   read → execute (site) → title → solutions → render → sanitize → anchors → navigation (site) → search (site)
 *        → math → assets → runner (site) → inline (single) → csp → write
 *
 * A site is built in a temporary folder and replaces the output folder only when every page succeeded
 * (tooling/owned-folder.ts: the export writes only into a folder it owns and deletes only files it wrote).
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative } from "node:path";
import type { CheerioAPI } from "cheerio";
import type { INotebookContent } from "@jupyterlab/nbformat";
import { ToolError } from "../../tooling/cli";
import { buildThenReplace } from "../../tooling/owned-folder";
import { projectDir } from "../../tooling/python";
import { PAGE_BUDGET_BYTES } from "../../src/core/definitions";
import { rewriteLinks, slugHeadings } from "./anchors";
import { writeAssets } from "./assets";
import { addContentSecurityPolicy } from "./csp";
import { checkRunnable, executeNotebooks, exportPython } from "./execute";
import { inlineAssets } from "./inline";
import { typesetPage } from "./math";
import { addCourseNav, addLiteLink, addEditionNotice, indexPage, pageSections } from "./navigation";
import type { Lesson } from "./navigation";
import {
  countImageOutputs,
  countPlotlyOutputs,
  isSolution,
  notebookTitle,
  pageNotebook,
  readNotebook,
} from "./notebook";
import { labTemplateStatic, renderPages } from "./render";
import { addRunnerToPage, installRunnerAssets, loadRunner } from "./runner";
import { sanitizePage } from "./sanitize";
import { pageSearchDocs, searchIndexScript } from "./search";
import type { SearchDoc } from "./search";
import { outputsTrusted } from "./trust";
import type { ExportOptions, ManifestPage, PageJob } from "./types";
import * as cheerio from "cheerio";

/** The tool name the site's output folder is owned under (its manifest is `.dlnotes-export.json`). */
export const EXPORT_TOOL = "export";

/** How a message names a file: relative to the working folder when inside it. */
export function shown(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith("..") ? rel : file;
}

function pageJob(source: string, notebook: INotebookContent, solutions: boolean, trusted: boolean): PageJob {
  const name = basename(source, ".ipynb");
  const title = notebookTitle(notebook, name);
  const nb = pageNotebook(notebook, title, solutions);
  return {
    source,
    name,
    page: `${name}.html`,
    notebook: nb,
    title,
    outputsTrusted: trusted,
    plotlyOutputs: countPlotlyOutputs(nb),
    imageOutputs: countImageOutputs(nb),
    solutions: nb.cells.filter(isSolution).length,
    formulas: 0,
  };
}

function page$(job: PageJob): CheerioAPI {
  if (!job.$) throw new Error(`${job.page}: not rendered yet`);
  return job.$;
}

/** Single mode: in-page anchors stay, links to other files (other lessons, the index) cannot work in one file. */
function unlinkOtherFiles($: CheerioAPI): number {
  let n = 0;
  $("main a[href]").each((_, el) => {
    const href = $(el).attr("href") ?? "";
    if (href.startsWith("#") || /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("//")) return;
    const text = $("<span></span>")
      .addClass("dlnotes-offline-link")
      .attr("title", `${href} is not part of this single page`);
    text.append($(el).contents());
    $(el).replaceWith(text);
    n++;
  });
  return n;
}

/** What a site export did, for the summary line. */
export interface SiteSummary {
  pages: ManifestPage[];
  searchSections: number;
}

/**
 * Site mode: executes (unless `execute` is false) and exports every notebook into `options.out`.
 * @throws ToolError for bad input or a folder the export does not own; nothing is changed in `out` then.
 */
export async function exportSite(options: ExportOptions, { force = false } = {}): Promise<SiteSummary> {
  // read: every notebook the user named must be a notebook before anything runs
  const sources = options.notebooks.map((file) => ({ file, nb: readNotebook(file, shown(file)) }));
  if (options.execute) for (const { file, nb } of sources) checkRunnable(file, nb, shown(file));
  const names = new Set<string>();
  for (const { file } of sources) {
    const name = basename(file, ".ipynb");
    if (names.has(name)) throw new ToolError(`two notebooks named ${name}.ipynb: each page needs its own name`);
    names.add(name);
  }
  // --no-execute: the executed notebooks must be there and be notebooks before anything is written
  if (!options.execute) {
    for (const { file } of sources) {
      const executed = join(options.executed, basename(file));
      if (!existsSync(executed))
        throw new ToolError(`${shown(executed)} is missing: run the export without --no-execute first`);
      readNotebook(executed, shown(executed));
    }
  }
  const python = exportPython();
  let summary: SiteSummary = { pages: [], searchSections: 0 };
  const existed = existsSync(options.out);
  try {
    await buildThenReplace(
      options.out,
      EXPORT_TOOL,
      async (siteDir) => {
        summary = await buildSite(options, python, siteDir);
      },
      { force, forceHint: "pass --force" },
    );
  } catch (error) {
    // no partial output: a folder this run created stays only if the run succeeded
    if (!existed && existsSync(options.out) && readdirSync(options.out).length === 0) rmdirSync(options.out);
    throw error;
  }
  return summary;
}

async function buildSite(options: ExportOptions, python: string, siteDir: string): Promise<SiteSummary> {
  const work = mkdtempSync(join(tmpdir(), "dlnotes-export-work-"));
  try {
    // execute
    mkdirSync(options.executed, { recursive: true });
    if (options.execute) executeNotebooks(python, options.notebooks, options.executed);
    // trust (one place): outputs the export made itself, or vouched for by the caller
    const trusted = outputsTrusted({ executedHere: options.execute, vouchedFor: options.trustedOutputs });
    // title, solutions
    const pagesDir = join(options.executed, options.solutions ? "pages" : "pages-no-solutions");
    mkdirSync(pagesDir, { recursive: true });
    const jobs = options.notebooks.map((source) => {
      const name = basename(source, ".ipynb");
      const executed = join(options.executed, `${name}.ipynb`);
      if (!existsSync(executed))
        throw new ToolError(`${shown(executed)} is missing: run the export without --no-execute first`);
      const job = pageJob(source, readNotebook(executed, shown(executed)), options.solutions, trusted);
      // the notebook each page is made from, for the tests and for a look at what the page shows
      writeFileSync(join(pagesDir, `${name}.ipynb`), JSON.stringify(job.notebook, null, 1));
      return job;
    });
    // render (nbconvert, all pages at once), then one parsed page each
    renderPages(python, jobs, work);
    for (const job of jobs) {
      sanitizePage(page$(job), job.outputsTrusted);
      addEditionNotice(page$(job), options.solutions);
    }
    // anchors: every page's headings first (links between lessons need all of them)
    const renamedByPage = new Map(jobs.map((job) => [job.page, slugHeadings(page$(job))]));
    const lessons: Lesson[] = jobs.map(({ page, title }) => ({ page, title }));
    const searchDocs: SearchDoc[] = [];
    jobs.forEach((job, i) => {
      const $ = page$(job);
      rewriteLinks($, job.page, renamedByPage);
      searchDocs.push(...pageSearchDocs($, job));
      addCourseNav($, {
        lessons,
        current: i,
        sections: pageSections($),
        reference: options.apiDocs ? "api/index.html" : undefined,
      });
      if (options.liteLinks) addLiteLink($, basename(job.source));
      const typeset = typesetPage($, shown(job.source));
      job.$ = typeset.$;
      job.formulas = typeset.formulas;
    });
    // assets: CSS trimmed to what the finished pages use
    const htmls = jobs.map((job) => page$(job).html());
    await writeAssets(siteDir, { htmls, labStatic: labTemplateStatic(python), search: searchIndexScript(searchDocs) });
    // the library's reference (TypeDoc), published next to the lessons and linked from every sidebar
    if (options.apiDocs) cpSync(options.apiDocs, join(siteDir, "api"), { recursive: true });
    const runner = options.runner ? await loadRunner() : undefined;
    if (runner) installRunnerAssets(runner, siteDir);
    for (const job of jobs) {
      const $ = page$(job);
      if (runner) addRunnerToPage(runner, $);
      addContentSecurityPolicy($, job.page);
      writeFileSync(join(siteDir, job.page), $.html());
    }
    // the index page: the authors' introduction (notebooks/index.md) when there is one
    const introFile = join(projectDir, "notebooks", "index.md");
    const introduction = existsSync(introFile) ? readFileSync(introFile, "utf8") : undefined;
    const index = typesetPage(
      cheerio.load(
        indexPage(lessons, {
          solutions: options.solutions,
          introduction,
          reference: options.apiDocs ? "api/index.html" : undefined,
        }),
      ),
      "index.html",
    );
    addContentSecurityPolicy(index.$, "index.html");
    writeFileSync(join(siteDir, "index.html"), index.$.html());
    const pages: ManifestPage[] = jobs.map((job) => ({
      notebook: relative(projectDir, job.source),
      executed: relative(projectDir, join(pagesDir, `${job.name}.ipynb`)),
      page: job.page,
      title: job.title,
      plotlyOutputs: job.plotlyOutputs,
      imageOutputs: job.imageOutputs,
      solutions: job.solutions,
      formulas: job.formulas,
    }));
    writeFileSync(
      join(siteDir, "manifest.json"),
      JSON.stringify({ solutions: options.solutions, pages }, null, 2) + "\n",
    );
    checkBudget(siteDir, pages);
    return { pages, searchSections: searchDocs.length };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Bytes of a page plus every local script, stylesheet and image it loads, each counted once. */
export function pageWeight(dir: string, page: string): number {
  const $ = cheerio.load(readFileSync(join(dir, page), "utf8"));
  const files = new Set<string>();
  $("script[src], link[rel=stylesheet][href], img[src]").each((_, el) => {
    const url = $(el).attr("src") ?? $(el).attr("href") ?? "";
    if (!/^[a-z][a-z0-9+.-]*:/i.test(url)) files.add(join(dir, decodeURI(url.split(/[?#]/)[0])));
  });
  let bytes = statSync(join(dir, page)).size;
  for (const f of files) bytes += existsSync(f) ? statSync(f).size : 0;
  return bytes;
}

function checkBudget(siteDir: string, pages: ManifestPage[]): void {
  for (const p of pages) {
    const bytes = pageWeight(siteDir, p.page);
    if (bytes > PAGE_BUDGET_BYTES) {
      throw new ToolError(
        `${p.notebook}: its page with what it loads is ${(bytes / 1e6).toFixed(2)} MB, over the ${PAGE_BUDGET_BYTES / 1e6} MB budget; make its figures smaller`,
      );
    }
  }
}

/**
 * Single mode: one notebook as saved (outputs included, nothing run) to ONE self-contained page at
 * `options.out`. The file is written only when the page is complete (a temporary file renamed into place).
 */
export async function exportSingle(options: ExportOptions): Promise<{ bytes: number; inlined: string[] }> {
  const [source] = options.notebooks;
  const nb = readNotebook(source, shown(source));
  const python = exportPython();
  const work = mkdtempSync(join(tmpdir(), "dlnotes-export-page-"));
  try {
    const job = pageJob(
      source,
      nb,
      options.solutions,
      outputsTrusted({ executedHere: false, vouchedFor: options.trustedOutputs }),
    );
    renderPages(python, [job], work);
    let $ = page$(job);
    sanitizePage($, job.outputsTrusted);
    addEditionNotice($, options.solutions);
    const renamed = slugHeadings($);
    rewriteLinks($, job.page, new Map([[job.page, renamed]]));
    unlinkOtherFiles($);
    $('script[src="assets/dlnotes-nav.js"]').remove(); // the sidebar and search it drives are site-only
    const typeset = typesetPage($, shown(source));
    $ = typeset.$;
    const assetsDir = join(work, "assets-site");
    await writeAssets(assetsDir, { htmls: [$.html()], labStatic: labTemplateStatic(python) });
    const inlined = inlineAssets($, assetsDir);
    addContentSecurityPolicy($, shown(source));
    const html = $.html();
    mkdirSync(dirname(options.out), { recursive: true });
    const partial = `${options.out}.partial-${process.pid}`;
    writeFileSync(partial, html);
    renameSync(partial, options.out);
    return { bytes: Buffer.byteLength(html), inlined };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
