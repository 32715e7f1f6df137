/**
 * Facts shared by the library, the export pipeline, the runnable notes, the JupyterLite kernel and the tests.
 * Each fact lives here once; everything else imports it (tooling imports this file by path, the library through
 * `src/core`). Pure data: no imports, so any layer and any build (Node, browser, worker) can use it.
 */

/** The Jupyter kernel the course's notebooks are written for (tslab, registered under this name). */
export const KERNEL_NAME = "tslab";
/** How the kernel is shown in JupyterLab's launcher and kernel picker. */
export const KERNEL_DISPLAY_NAME = "TypeScript (dlnotes)";
/** The `kernelspec` every course notebook carries in its metadata. */
export const KERNELSPEC = { name: KERNEL_NAME, display_name: KERNEL_DISPLAY_NAME, language: "typescript" } as const;

/** Cell tags with a meaning in the course (JupyterLab shows them in the property inspector). */
export const CELL_TAGS = {
  /** A code cell holding an exercise's worked solution: stubbed in the student edition, folded in the notes. */
  solution: "solution",
  /** A code cell whose output changes from run to run (timings): not compared between runs. */
  volatile: "volatile",
} as const;

/** The MIME types of the course's plots. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/**
 * Which of an output's MIME types a page shows, best first (as JupyterLab's rendermime ranks them): the first
 * type present in an output is rendered, the others are fallbacks for front ends that lack a renderer.
 */
export const OUTPUT_MIME_RANKING = [
  PLOTLY_MIME,
  "application/vnd.jupyter.widget-view+json",
  "application/javascript",
  "text/html",
  "text/markdown",
  "text/latex",
  "image/svg+xml",
  "image/png",
  "image/jpeg",
  "image/gif",
  "text/plain",
] as const;

/** The Plotly `config` every drawn figure gets (a figure's own `config` is applied on top). */
export const PLOTLY_CONFIG = { responsive: true, displaylogo: false } as const;

/** Most bytes one course-notes page may load on first view, everything it loads included (offline budget). */
export const PAGE_BUDGET_BYTES = 6_000_000;

/** Width (CSS px) at and above which the notes show the sidebar beside the lesson; below it, above the lesson. */
export const SIDEBAR_BREAKPOINT_PX = 1000;
/** Window widths the browser tests check the notes at: one wide layout and one narrow (below the breakpoint). */
export const TEST_WIDTHS_PX = { wide: 1280, narrow: 640 } as const;

/**
 * The Content-Security-Policy of every course-notes page (a `<meta http-equiv>` tag, which also works from
 * `file://`), as directive → sources. Nothing may connect anywhere (`connect-src 'none'`), and no script, frame,
 * image, font or media may come from another host. Workers made from blobs (the runnable cells' worker, and any
 * worker that cell code makes) inherit the page's policy, so cell code cannot reach the network either.
 * The export adds the `sha256-…` hash of each inline script it writes itself to `script-src`, so no other inline
 * script or event handler runs even if one slipped into a page.
 */
export const NOTES_CSP: Readonly<Record<string, readonly string[]>> = {
  "default-src": ["'none'"],
  "script-src": ["'self'", "file:", "'unsafe-eval'", "'wasm-unsafe-eval'"],
  "worker-src": ["blob:"],
  "style-src": ["'self'", "file:", "'unsafe-inline'"],
  "img-src": ["'self'", "file:", "data:", "blob:"],
  "font-src": ["'self'", "file:", "data:"],
  "connect-src": ["'none'"],
  "frame-src": ["'none'"],
  "media-src": ["'none'"],
  "object-src": ["'none'"],
  "manifest-src": ["'none'"],
  "form-action": ["'none'"],
  "base-uri": ["'none'"],
};

/** The policy as the text of a `<meta http-equiv="Content-Security-Policy">`, with extra sources per directive. */
export function cspText(extra: Readonly<Record<string, readonly string[]>> = {}): string {
  const names = new Set([...Object.keys(NOTES_CSP), ...Object.keys(extra)]);
  return [...names].map((name) => [name, ...(NOTES_CSP[name] ?? []), ...(extra[name] ?? [])].join(" ")).join("; ");
}

/** The JupyterLite site's folder inside the exported site (`site/lab/`, built by `npm run build:lite`). */
export const LITE_SITE_DIR = "lab";

/**
 * The link from a course-notes page (at the exported site's root) to its notebook in the JupyterLite JupyterLab,
 * e.g. `lab/lab/index.html?path=01-binary-classification.ipynb`. Works over http(s) only, not from file://.
 */
export function liteNotebookHref(notebookFileName: string): string {
  return `${LITE_SITE_DIR}/lab/index.html?path=${encodeURIComponent(notebookFileName)}`;
}
