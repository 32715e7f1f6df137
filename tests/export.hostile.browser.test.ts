/**
 * A hostile notebook (tests/fixtures/hostile/hostile.ipynb: scripts, event handlers, javascript: and data: links,
 * iframes and srcdoc, SVG and MathML tricks, forms, meta refresh, base, object/embed/media, CSS url(), TeX \href
 * and \style, text/html, Markdown, LaTeX, SVG and application/javascript outputs, a Plotly figure with HTML in
 * its titles, a raw HTML cell, a traceback) exported by the pipeline in site mode, in single mode, and in single
 * mode with --trusted-outputs (outputs not sanitized: the Content-Security-Policy alone must hold). Each vector
 * would push a number onto `window.__pwned` or request a URL from a listener on 127.0.0.1. In headless Chromium,
 * with the network open (nothing is blocked by the test), every fold opened, every link clicked and every element
 * hovered: nothing pushed, nothing requested, no event handler or script of the notebook left in the page, and
 * the page's own plot and formulas still drawn.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, Server } from "node:http";
import { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, Browser } from "playwright-core";
import { chromiumPath, CHROMIUM_ARGS } from "../tooling/chromium";

const root = resolve(__dirname, "..");
const TIMEOUT = 600_000;
const fixture = join(root, "tests", "fixtures", "hostile", "hostile.ipynb");

let work: string;
let listener: Server;
const requests: string[] = [];
let browser: Browser;
const pages: { label: string; file: string }[] = [];

function run(script: string, args: string[]): void {
  execFileSync(process.execPath, ["--import", "tsx", join(root, "scripts", script), ...args], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
  });
}

before(
  async () => {
    listener = createServer((req, res) => {
      requests.push(req.url ?? "");
      res.end("");
    });
    await new Promise<void>((done) => listener.listen(0, "127.0.0.1", done));
    const origin = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
    work = mkdtempSync(join(tmpdir(), "dlnotes-hostile-"));
    const executed = join(work, "executed");
    mkdirSync(executed);
    const notebook = join(executed, "hostile.ipynb");
    writeFileSync(notebook, readFileSync(fixture, "utf8").replaceAll("LISTENER", origin));
    run("export.ts", ["--no-execute", "--no-runner", "--executed", executed, "--out", join(work, "site"), notebook]);
    pages.push(
      { label: "site", file: join(work, "site", "hostile.html") },
      { label: "site index", file: join(work, "site", "index.html") },
    );
    run("export-page.ts", [notebook, "--out", join(work, "single.html")]);
    pages.push({ label: "single", file: join(work, "single.html") });
    run("export-page.ts", [notebook, "--out", join(work, "trusted.html"), "--trusted-outputs"]);
    pages.push({ label: "single, trusted outputs", file: join(work, "trusted.html") });
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
  },
  { timeout: TIMEOUT },
);

after(async () => {
  await browser?.close();
  listener?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

for (const label of ["site", "site index", "single", "single, trusted outputs"]) {
  test(
    `hostile notebook, ${label}: nothing runs, nothing is requested, the plot and formulas are drawn`,
    { timeout: TIMEOUT },
    async () => {
      const { file } = pages.find((p) => p.label === label)!;
      const html = readFileSync(file, "utf8");
      // the policy comes first in <head>, forbids connections, and allows inline scripts only by hash
      const head = /<head>\s*(<meta[^>]*>)/.exec(html)?.[1] ?? "";
      assert.match(head, /http-equiv="Content-Security-Policy"/);
      assert.match(head, /connect-src 'none'/);
      assert.doesNotMatch(head, /script-src[^;]*'unsafe-inline'/);

      const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
      const violations: string[] = [];
      await context.exposeFunction("__violation", (v: string) => violations.push(v));
      await context.addInitScript(() => {
        (window as unknown as { __pwned: number[] }).__pwned = [];
        document.addEventListener("securitypolicyviolation", (e) =>
          (window as unknown as { __violation(v: string): void }).__violation(`${e.violatedDirective} ${e.blockedURI}`),
        );
      });
      const page = await context.newPage();
      // requests the page started and that have not finished yet (to wait for them, not for a fixed time)
      const pending = new Set<unknown>();
      let settle: (() => void) | undefined;
      const done = (r: unknown) => {
        pending.delete(r);
        if (pending.size === 0) settle?.();
      };
      page.on("request", (r) => pending.add(r));
      page.on("requestfinished", done);
      page.on("requestfailed", done);
      const settled = () =>
        pending.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => (settle = resolve));
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      const url = pathToFileURL(file).href;
      await page.goto(url, { waitUntil: "load" });
      const isLesson = label !== "site index";
      if (isLesson) {
        await page.waitForFunction(() => document.querySelectorAll(".js-plotly-plot .main-svg").length > 0, undefined, {
          timeout: 120_000,
        });
        assert.ok((await page.locator("mjx-container").count()) >= 3, "formulas typeset");
      }

      // nothing of the notebook's that could run is left in the page
      // (with trusted outputs, the outputs are left as the notebook had them: only the policy stands in their way)
      const trusted = label === "single, trusted outputs";
      const leftovers = await page.evaluate((skipOutputs) => {
        const found: string[] = [];
        for (const el of Array.from(document.querySelectorAll("*"))) {
          if (skipOutputs && el.closest(".jp-OutputArea-output")) continue;
          for (const a of Array.from(el.attributes)) {
            if (/^on/i.test(a.name)) found.push(`${el.tagName} ${a.name}`);
            if (
              /^\s*(javascript|data):/i.test(a.value) &&
              /href|src|action/i.test(a.name) &&
              !(el.tagName === "IMG" && /^data:image\//.test(a.value))
            )
              found.push(`${el.tagName} ${a.name}=${a.value.slice(0, 40)}`);
          }
        }
        for (const el of Array.from(
          document.querySelectorAll(
            "iframe, object, embed, form, base, main meta, main link, main style, video, audio",
          ),
        )) {
          if (!(skipOutputs && el.closest(".jp-OutputArea-output"))) found.push(el.tagName);
        }
        for (const s of Array.from(document.querySelectorAll("script"))) {
          if (skipOutputs && s.closest(".jp-OutputArea-output")) continue;
          const type = s.getAttribute("type") ?? "";
          if (!s.src && !s.hasAttribute("data-dlnotes-inline") && !/json/.test(type))
            found.push(`inline script ${s.textContent?.slice(0, 40)}`);
        }
        return found;
      }, trusted);
      assert.deepEqual(leftovers, []);

      // open every fold, hover and click everything clickable; come back after each navigation
      await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
      // every link, HTML and SVG (xlink:href too), that has a target; Plotly's mode-bar buttons are not links
      const anchors = page.locator("a");
      const links = await anchors.count();
      for (let i = 0; i < links; i++) {
        const link = anchors.nth(i);
        const hasTarget = await link.evaluate(
          (a) => a.hasAttribute("href") || a.hasAttributeNS("http://www.w3.org/1999/xlink", "href"),
        );
        if (!hasTarget || !(await link.isVisible())) continue;
        await link.hover({ force: true });
        await link.click({ force: true });
        await page.waitForLoadState("load");
        if (page.url().split("#")[0] !== url) await page.goto(url, { waitUntil: "load" });
      }
      for (const el of await page.locator("main summary, main div, main svg").all()) {
        if (await el.isVisible()) await el.hover({ force: true, timeout: 5_000 });
      }
      await settled();
      const pwned = await page.evaluate(() => (window as unknown as { __pwned: number[] }).__pwned);
      assert.deepEqual(pwned, [], "no vector ran");
      assert.deepEqual(requests, [], "the listener received nothing");
      assert.deepEqual(errors, []);
      if (!trusted)
        assert.deepEqual(
          violations.filter((v) => /script/.test(v)),
          [],
          "sanitized pages do not even try to run a script",
        );
      await page.screenshot({
        path: join(root, "build", "screenshots", `hostile-${label.replace(/\W+/g, "-")}.png`),
        fullPage: true,
      });
      await context.close();
    },
  );
}
