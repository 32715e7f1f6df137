/**
 * The ONE place that decides whether a notebook's outputs may go into a page unsanitized. Markdown cells are never
 * trusted (they are always sanitized). Outputs are trusted only when
 * - the pipeline produced them itself, by running the notebook in the tslab kernel during this export (`npm run
 *   export` of the course in this checkout: the code that made them is the course's own), or
 * - the caller vouches for them with `--trusted-outputs` (e.g. JupyterLab's Export menu with "sanitize" answered
 *   no, for a notebook whose signature Jupyter checked).
 * Everything else (`--no-execute` on a folder of executed notebooks, a notebook handed to the Export menu) is
 * sanitized. Even trusted, `application/javascript` outputs are never rendered (see render.ts).
 */

/** How a page's outputs came to be. */
export interface OutputOrigin {
  /** the pipeline ran the notebook itself in this export */
  executedHere: boolean;
  /** the caller passed `--trusted-outputs` */
  vouchedFor: boolean;
}

/** Whether a notebook's outputs may be shown as they are (true) or must be sanitized (false). */
export function outputsTrusted(origin: OutputOrigin): boolean {
  return origin.executedHere || origin.vouchedFor;
}
