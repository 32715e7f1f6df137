/** Escaping text for HTML and XML (SVG) output: one function for every place that writes markup. */

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/**
 * Escapes `&`, `<`, `>` and `"`, so the text is safe as element content and inside double-quoted attributes
 * (the only kind dlnotes writes) of HTML and XML alike.
 * @example escapeMarkup('a < b & "c"') // 'a &lt; b &amp; &quot;c&quot;'
 */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ENTITIES[c]);
}
