/**
 * TEMPORARY (until the platform seam of issue 11 lands in src/platform): today's src reaches tslab through
 * `require.cache` (plot/display.ts looks for tslab's `lastWriteDisplayData`) and `require("tslab")`
 * (graph/draw.ts). In the runner's worker both lead to src/platform/browser.ts's `platform.display`. When the
 * seam lands, scripts/build-browser.mjs aliases src/platform/node to browser.ts and this file goes away.
 */
import { platform } from "../../../../src/platform/browser";

const display = platform.display;

type DisplayContent = { data: { [mime: string]: unknown }; transient?: { display_id?: string } };

function lastWriteDisplayData(content: DisplayContent, update: boolean): void {
  display(content.data, { displayId: content.transient?.display_id, update });
}

function one(mime: string) {
  return (data: unknown) => display({ [mime]: data });
}

/** The part of tslab's module that today's src uses (`display.svg`, ...). */
export const tslabModule = {
  display: {
    svg: one("image/svg+xml"),
    html: one("text/html"),
    text: one("text/plain"),
    png: one("image/png"),
    markdown: one("text/markdown"),
    raw: (mime: string, data: unknown) => display({ [mime]: data }),
  },
  newDisplay: () => ({ svg: one("image/svg+xml"), html: one("text/html"), text: one("text/plain") }),
};

/**
 * Installs `require` in the worker's global scope: `require("tslab")` gives {@link tslabModule}, and
 * `require.cache` holds a stand-in for tslab's `dist/jupyter.js` with `lastWriteDisplayData`.
 */
export function installTslabBridge(): void {
  const req = (id: string) => {
    if (id === "tslab") return tslabModule;
    throw new Error(`require("${id}") is not available in the browser`);
  };
  const fake = Object.assign(req, {
    cache: { "/tslab/dist/jupyter.js": { exports: { lastWriteDisplayData } } },
    resolve: (id: string): string => {
      throw new Error(`require.resolve("${id}") is not available in the browser`);
    },
  });
  (globalThis as { require?: unknown }).require = fake;
}
