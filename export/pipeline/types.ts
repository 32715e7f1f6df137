/**
 * The data that flows through the export pipeline: one {@link PageJob} per notebook, carrying the notebook, its
 * facts (title, counts) and, from the render step on, ONE parsed page (a cheerio document) that every later step
 * changes in place. Steps are plain functions in the files next to this one; `run.ts` calls them in order.
 */
import type { CheerioAPI } from "cheerio";
import type { INotebookContent } from "@jupyterlab/nbformat";

/** `site`: every lesson + index + search into a folder. `single`: one self-contained offline page. */
export type ExportMode = "site" | "single";

/** What the caller asked for (the command-line wrappers build this). */
export interface ExportOptions {
  mode: ExportMode;
  /** notebooks to export, absolute paths, in reading order */
  notebooks: string[];
  /** site mode: the output folder; single mode: the output file */
  out: string;
  /** where executed notebooks are written (execute) or read from (--no-execute) */
  executed: string;
  /** run the notebooks in the tslab kernel first (site mode only) */
  execute: boolean;
  /** false for a handout: solution cells left out */
  solutions: boolean;
  /** add the runnable-cells runner (site mode only) */
  runner: boolean;
  /** the caller vouches for the notebooks' outputs (see trust.ts) */
  trustedOutputs: boolean;
  /** site mode: a built TypeDoc reference of the library (`npm run build:api`) to publish as `api/`, if any */
  apiDocs?: string;
  /** site mode: link every lesson to its notebook in the JupyterLite site (`npm run export` builds it) */
  liteLinks?: boolean;
}

/** One page on its way through the pipeline. */
export interface PageJob {
  /** the notebook the user named (absolute path) */
  source: string;
  /** file name without `.ipynb` */
  name: string;
  /** the page's file name (`NN-x.html`) */
  page: string;
  /** the notebook the page is made from (executed, titled, solutions removed in a handout) */
  notebook: INotebookContent;
  /** the page's title: the notebook's first Markdown heading, as plain text */
  title: string;
  /** whether the notebook's outputs may be shown unsanitized (decided by trust.ts only) */
  outputsTrusted: boolean;
  plotlyOutputs: number;
  imageOutputs: number;
  /** code cells tagged `solution` left on the page */
  solutions: number;
  /** formulas typeset by the math step */
  formulas: number;
  /** the parsed page (set by the render step) */
  $?: CheerioAPI;
}

/** What the site mode records in manifest.json per page (the browser tests read it). */
export interface ManifestPage {
  /** the notebook the user named, relative to the project */
  notebook: string;
  /** the notebook the page was made from (titled; without solution cells in a handout), relative to the project */
  executed: string;
  page: string;
  title: string;
  plotlyOutputs: number;
  imageOutputs: number;
  /** code cells tagged `solution` on the page */
  solutions: number;
  formulas: number;
}
