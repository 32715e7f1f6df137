/** Small HTML helpers shared by the pipeline's steps. */

/** Text made safe to place in HTML text or in a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A page's file name as a relative link (`a #1.html` -> `a%20%231.html`): spaces, `#` and `?` encoded. */
export function pageHref(page: string): string {
  return encodeURIComponent(page);
}
