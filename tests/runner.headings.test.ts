/**
 * Headings land visible below the sticky run bar: on every lesson page, at both test widths (TEST_WIDTHS_PX: the
 * wide layout and the narrow one, where the bar wraps to more lines), following every in-page `#anchor` link
 * leaves its target fully in the window and not covered by anything (what is drawn at its top edge is the
 * target itself). Also a page opened with a `#hash` in its address. Nothing is run.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { chromium, Browser, Page } from "playwright-core";
import { chromiumPath, CHROMIUM_ARGS } from "../scripts/lib/chromium.mjs";
import { TEST_WIDTHS_PX } from "../src/core/definitions";
import { prepareRunnerSite, RunnerPage } from "./fixtures/runner-site";
import { openPage, screenshots } from "./fixtures/runner-page";

let browser: Browser;
let pages: RunnerPage[];

before(async () => {
  pages = (await prepareRunnerSite()).pages;
  browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
});

/** Waits until the window has not scrolled for two frames (a jump, or a smooth scroll, has ended). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      new Promise<boolean>((resolve) => {
        const y = window.scrollY;
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(window.scrollY === y)));
      }),
    null,
    { timeout: 10_000 },
  );
}

/** Why `id`'s element is not fully visible, or "" when it is. */
async function hidden(page: Page, id: string): Promise<string> {
  return page.evaluate((id) => {
    const el = document.getElementById(id);
    if (!el) return `no element #${id}`;
    const r = el.getBoundingClientRect();
    if (r.top < 0) return `#${id} starts ${-r.top}px above the window`;
    if (r.height <= window.innerHeight && r.bottom > window.innerHeight + 0.5) return `#${id} ends below the window`;
    for (const x of [r.left + 2, r.left + r.width / 2, r.right - 2]) {
      const top = document.elementFromPoint(x, r.top + 1);
      if (top && top !== el && !el.contains(top)) return `#${id}'s top edge at x=${Math.round(x)} is covered by ${top.tagName.toLowerCase()}.${top.className}`;
    }
    return "";
  }, id);
}

test("headings: every #anchor link leaves its target fully visible below the sticky bars, wide and narrow", async (t) => {
  for (const info of pages) {
    for (const [layout, width] of Object.entries(TEST_WIDTHS_PX)) {
      await t.test(`${info.name} at ${width} px (${layout})`, async () => {
        const visit = await openPage(browser, info.html, { width });
        try {
          const { page } = visit;
          const hrefs = await page.$$eval('a[href^="#"]', (links) => [...new Set(links.map((a) => a.getAttribute("href")!).filter((h) => h.length > 1))]);
          assert.ok(hrefs.length > 0, "the page has in-page links");
          const problems: string[] = [];
          for (const href of hrefs) {
            const id = decodeURIComponent(href.slice(1));
            await page.evaluate(() => window.scrollTo(0, 0));
            await page.evaluate((href) => (document.querySelector(`a[href="${CSS.escape(href)}"]`) as HTMLAnchorElement).click(), href);
            await settled(page);
            const why = await hidden(page, id);
            if (why) problems.push(`${href}: ${why}`);
          }
          if (problems.length > 0) await page.screenshot({ path: join(screenshots, `headings-${info.name}-${width}.png`) });
          assert.deepEqual(problems, [], `links checked: ${hrefs.length}`);
          assert.deepEqual(visit.errors, []);
        } finally {
          await visit.close();
        }
      });
    }
  }
  // a page opened at a #hash (the browser scrolls before the runner measures its bar)
  const info = pages[0];
  const visit = await openPage(browser, info.html, { width: TEST_WIDTHS_PX.narrow, hash: "" });
  const id = await visit.page.$eval("h2[id], h3[id]", (h) => h.id);
  await visit.close();
  const atHash = await openPage(browser, info.html, { width: TEST_WIDTHS_PX.narrow, hash: `#${encodeURIComponent(id)}` });
  try {
    await settled(atHash.page);
    assert.equal(await hidden(atHash.page, id), "", "opened at its #hash, the heading is visible");
  } finally {
    await atHash.close();
  }
});
