/** Script text that cannot end or re-open its `<script>` element (`<` before `/script`, `!--`, `script` as `\x3C`). */
export declare function escapeScript(js: string): string;
/** Removes `<nav class="dlnotes-nav">` blocks; returns the page and how many were removed. */
export declare function removeSiteNavigation(html: string): { html: string; removed: number };
/** Copies the page's local stylesheets and scripts into it (files relative to `baseDir`); throws on what it cannot inline. */
export declare function inlineAssets(html: string, baseDir: string): { html: string; inlined: string[] };
/** Local scripts and stylesheets the page would still load. */
export declare function localResources(html: string): string[];
/** removeSiteNavigation + inlineAssets. */
export declare function standalonePage(html: string, baseDir: string): { html: string; inlined: string[] };
