/**
 * Headings land visible below the sticky run bar: on every lesson page, at both test widths (TEST_WIDTHS_PX: the
 * wide layout and the narrow one, where the bar wraps to more lines), following every in-page `#anchor` link
 * leaves its target fully in the window and not covered by anything (what is drawn at its top edge is the
 * target itself). Also a page opened with a `#hash` in its address. Nothing is run.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { Browser, Page } from "playwright-core";
import { launchChromium } from "./fixtures/browser";
import { TEST_WIDTHS_PX } from "../src/core/definitions";
import { prepareRunnerSite, RunnerPage } from "./fixtures/runner-site";
import { openPage, screenshots } from "./fixtures/runner-page";

let browser: Browser;
let pages: RunnerPage[];

before(async () => {
  pages = (await prepareRunnerSite()).pages;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

/**
 * In the page: follows each in-page link (scrolled to the top first), waits until the window has not scrolled for
 * two frames, and says why its target is not fully visible: outside the window, or its top edge covered by another
 * element (what is drawn there is not the target). Returns the links checked and the problems.
 */
async function checkLinks(page: Page): Promise<{ links: number; problems: string[] }> {
  // plain JavaScript text: the test's TypeScript transform would add helpers the page does not have
  return page.evaluate(`(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    async function settled() {
      for (let y = -1; y !== window.scrollY; ) { y = window.scrollY; await frame(); await frame(); }
    }
    function hidden(id) {
      const el = document.getElementById(id);
      if (!el) return "no element #" + id;
      const r = el.getBoundingClientRect();
      if (r.top < 0) return "starts " + Math.round(-r.top) + "px above the window";
      if (r.height <= window.innerHeight && r.bottom > window.innerHeight + 0.5) return "ends below the window";
      for (const x of [r.left + 2, r.left + r.width / 2, r.right - 2]) {
        const top = document.elementFromPoint(x, r.top + 1);
        if (top && top !== el && !el.contains(top)) return "top edge at x=" + Math.round(x) + " covered by " + top.tagName.toLowerCase() + "." + top.className;
      }
      return "";
    }
    const links = Array.from(document.querySelectorAll('a[href^="#"]')).filter((a) => (a.getAttribute("href") || "").length > 1);
    const seen = new Set();
    const problems = [];
    for (const link of links) {
      const href = link.getAttribute("href");
      if (seen.has(href)) continue;
      seen.add(href);
      window.scrollTo(0, 0);
      await settled();
      link.click();
      await settled();
      const why = hidden(decodeURIComponent(href.slice(1)));
      if (why) problems.push(href + ": " + why);
    }
    return { links: seen.size, problems };
  })()`);
}

test("headings: every #anchor link leaves its target fully visible below the sticky bars, wide and narrow", async (t) => {
  for (const info of pages) {
    for (const [layout, width] of Object.entries(TEST_WIDTHS_PX)) {
      await t.test(`${info.name} at ${width} px (${layout})`, async () => {
        const visit = await openPage(browser, info.html, { width });
        try {
          const { page } = visit;
          const { links, problems } = await checkLinks(page);
          assert.ok(links > 0, "the page has in-page links");
          if (problems.length > 0)
            await page.screenshot({ path: join(screenshots, `headings-${info.name}-${width}.png`) });
          assert.deepEqual(problems, [], `links checked: ${links}`);
          assert.deepEqual(visit.errors, []);
        } finally {
          await visit.close();
        }
      });
    }
  }
  // a page opened at a #hash (the browser scrolls before the runner measures its bar)
  const info = pages[0];
  const first = await openPage(browser, info.html, { width: TEST_WIDTHS_PX.narrow });
  const id = await first.page.$eval("h2[id], h3[id]", (h) => h.id);
  await first.close();
  const atHash = await openPage(browser, info.html, {
    width: TEST_WIDTHS_PX.narrow,
    hash: `#${encodeURIComponent(id)}`,
  });
  try {
    const top = await atHash.page.evaluate(async (id) => {
      for (let y = -1; y !== window.scrollY;) {
        y = window.scrollY;
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      }
      const el = document.getElementById(id)!;
      const r = el.getBoundingClientRect();
      const at = document.elementFromPoint(r.left + 2, r.top + 1);
      return { top: r.top, covered: at !== null && at !== el && !el.contains(at) };
    }, id);
    assert.ok(top.top >= 0 && !top.covered, `opened at its #hash, the heading is visible: ${JSON.stringify(top)}`);
  } finally {
    await atHash.close();
  }
});
