/**
 * The runnable notes' code editor (CodeMirror 6) as a reader uses it, with the keyboard, in headless Chromium on
 * lesson 01 with the network blocked: typing several lines (Enter keeps the indentation, `}` dedents), undo and
 * redo, Shift+Enter runs what was typed; completions (Tab after `ze`, Ctrl+Space after `.`) and a hover type from
 * the worker's TypeScript service; edits survive a reload and "↺ Course code" brings back the course's code;
 * Escape then Tab leaves the editor; the run bar says what happens (TypeScript, offline, the download size, what
 * Reset does); a name the notes do not provide (`fetch`) is explained, not offered as "run earlier cells"; after
 * ■ Stop the status stays "Stopped". Screenshot: build/screenshots/run-editor-completions.png.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { Browser } from "playwright-core";
import { launchChromium } from "./fixtures/browser";
import { cellSource, codeCells, prepareRunnerSite, RunnerPage } from "./fixtures/runner-site";
import {
  cellOutput,
  cellSelector,
  focusCell,
  idle,
  openPage,
  replaceCode,
  RunnerWindow,
  runCell,
  screenshots,
  shownCode,
} from "./fixtures/runner-page";

let browser: Browser;
let site: { dir: string; pages: RunnerPage[] };
let lesson: RunnerPage;

before(async () => {
  site = await prepareRunnerSite();
  mkdirSync(screenshots, { recursive: true });
  browser = await launchChromium();
  const found = site.pages.find((p) => p.name.startsWith("01"));
  assert.ok(found, "lesson 01 exists");
  lesson = found;
});

after(async () => {
  await browser?.close();
});

test("editor: typing with the keyboard, undo, Shift+Enter, completions, hover, edits kept, Reset, leaving with the keyboard", async (t) => {
  const visit = await openPage(browser, lesson.html);
  try {
    const { page } = visit;
    const cells = codeCells(lesson.executed);
    const last = cells[cells.length - 1];

    await t.test("the bar says what happens before anything runs", async () => {
      const bar = (await page.locator(".dlnotes-runner-bar").textContent()) ?? "";
      const workerMb = (statSync(join(site.dir, "assets", "runner", "runner-worker.js")).size / 1e6).toFixed(1);
      assert.match(bar, /TypeScript/);
      assert.match(bar, /offline/);
      assert.ok(bar.includes(`${workerMb} MB`), `the bar names the download size ${workerMb} MB: ${bar}`);
      assert.match(bar, /Reset forgets what the cells defined/);
      assert.equal(
        await page.evaluate(() => (window as unknown as RunnerWindow).dlnotesRunner.state.editor),
        false,
        "the editor loads only when a cell is used",
      );
    });

    await t.test(
      "multi-line typing with Enter and indentation, undo/redo, Shift+Enter runs what was typed",
      async () => {
        await focusCell(page, last.id);
        await page.keyboard.press("Control+A");
        await page.keyboard.press("Backspace");
        await page.keyboard.type("const k = 6");
        await page.keyboard.press("Enter");
        await page.keyboard.type("function twice(x: number) {");
        await page.keyboard.press("Enter");
        await page.keyboard.type("return x * 2;");
        await page.keyboard.press("Enter");
        await page.keyboard.type("}");
        await page.keyboard.press("Enter");
        await page.keyboard.type("console.log(twice(k) * 3.5)");
        const typed = "const k = 6\nfunction twice(x: number) {\n  return x * 2;\n}\nconsole.log(twice(k) * 3.5)";
        assert.equal(await shownCode(page, last.id), typed, "Enter indents inside the block and `}` dedents");

        await page.keyboard.press("Control+A");
        await page.keyboard.press("Backspace");
        assert.equal(await shownCode(page, last.id), "");
        await page.keyboard.press("Control+Z");
        assert.equal(await shownCode(page, last.id), typed, "undo brings the code back");
        await page.keyboard.press("Control+Shift+Z");
        assert.equal(await shownCode(page, last.id), "", "redo deletes it again");
        await page.keyboard.press("Control+Z");

        await page.keyboard.press("Shift+Enter");
        await page.waitForFunction(
          (sel) => document.querySelector(`${sel} .dlnotes-run-output`) !== null,
          cellSelector(last.id),
          { timeout: 300_000 },
        );
        await idle(page);
        const out = await cellOutput(page, last.id);
        assert.deepEqual(out.errors, []);
        assert.equal(out.text, "42\n", "what was typed ran");
      },
    );

    await t.test("completions after `ze` (Tab) and after `.` (Ctrl+Space), a hover type", async () => {
      await replaceCode(page, last.id, 'import { zeros } from "dlnotes";\n');
      await page.keyboard.press("Control+End");
      await page.keyboard.type("const grid = ze");
      await page.keyboard.press("Tab");
      const list = page.locator(".cm-tooltip-autocomplete");
      await list.waitFor({ timeout: 60_000 });
      const labels = await list.locator(".cm-completionLabel").allTextContents();
      assert.ok(labels.includes("zeros"), `zeros is offered: ${labels.join(", ")}`);
      await page.screenshot({ path: join(screenshots, "run-editor-completions.png") });
      await page.keyboard.press("Enter"); // the first (selected) item
      await page.keyboard.type("([2, 3]);");
      await page.keyboard.press("Enter");
      await page.keyboard.type("grid.");
      await page.keyboard.press("Control+Space");
      await list.waitFor({ timeout: 60_000 });
      const methods = await list.locator(".cm-completionLabel").allTextContents();
      assert.ok(
        methods.includes("matmul") && methods.includes("shape"),
        `the array's members are offered: ${methods.join(", ")}`,
      );
      await page.screenshot({ path: join(screenshots, "run-editor-completions-members.png") });
      await page.keyboard.press("Escape");
      assert.equal(await list.count(), 0, "Escape closes the list");
      await page.keyboard.type("shape");
      assert.equal(
        await shownCode(page, last.id),
        'import { zeros } from "dlnotes";\nconst grid = zeros([2, 3]);\ngrid.shape',
      );

      // hover over `grid` in the second line: its type, from the same TypeScript service
      const at = await page.evaluate((sel) => {
        const line = document.querySelectorAll(`${sel} .cm-line`)[1];
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const i = (n.textContent ?? "").indexOf("grid");
          if (i < 0) continue;
          const range = document.createRange();
          range.setStart(n, i + 1);
          range.setEnd(n, i + 3);
          const r = range.getBoundingClientRect();
          return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
        }
        return null;
      }, cellSelector(last.id));
      assert.ok(at, "the word grid is drawn");
      await page.mouse.move(at.x, at.y);
      const hover = page.locator(".cm-tooltip-hover");
      await hover.waitFor({ timeout: 60_000 });
      assert.match((await hover.textContent()) ?? "", /const grid: NDArray<\[2, 3\]>|const grid: NDArray/);
    });

    await t.test("Escape then Tab leaves the editor", async () => {
      await focusCell(page, last.id);
      await page.keyboard.press("Escape");
      await page.keyboard.press("Tab");
      const inEditor = await page.evaluate(
        (sel) => document.querySelector(sel)?.querySelector(".cm-editor")?.contains(document.activeElement) ?? false,
        cellSelector(last.id),
      );
      assert.equal(inEditor, false, "focus left the editor");
      await focusCell(page, last.id);
      const before = await shownCode(page, last.id);
      await page.keyboard.press("Home"); // any other key ends the Escape's effect; Tab at a line start indents
      await page.keyboard.press("Tab");
      assert.ok(
        await page.evaluate(
          (sel) => document.querySelector(`${sel} .cm-editor`)?.contains(document.activeElement) ?? false,
          cellSelector(last.id),
        ),
        "Tab alone stays in the editor",
      );
      const indented = await shownCode(page, last.id);
      assert.equal(indented.replace(/^ {2}/m, ""), before.replace(/^ {2}/m, ""), "and indents a line");
      assert.notEqual(indented, before);
      await page.keyboard.press("Control+Z");
      assert.equal(await shownCode(page, last.id), before);
    });

    await t.test("edits survive a reload; ↺ Course code restores the course's code", async () => {
      const edited = await shownCode(page, last.id);
      assert.notEqual(edited, cellSource(last));
      await page.reload({ waitUntil: "load" });
      await page.waitForFunction(() => "dlnotesRunner" in window);
      assert.equal(await shownCode(page, last.id), edited, "the edit is back after the reload");
      const reset = page.locator(`${cellSelector(last.id)} .dlnotes-reset-code`);
      assert.match(
        (await page.locator(`${cellSelector(last.id)} .dlnotes-edited`).textContent()) ?? "",
        /saved in this browser/,
      );
      await reset.click();
      assert.equal(await shownCode(page, last.id), cellSource(last).replace(/\n$/, ""));
      assert.equal(await reset.isVisible(), false, "no Reset button once the code is the course's");
      await page.reload({ waitUntil: "load" });
      await page.waitForFunction(() => "dlnotesRunner" in window);
      assert.equal(
        await page.locator(`${cellSelector(last.id)} .dlnotes-edited`).isVisible(),
        false,
        "nothing stored after Reset",
      );
    });

    await t.test("a name the notes do not provide is explained; Stop's status stays true", async () => {
      await replaceCode(page, last.id, 'const page = await fetch("http://127.0.0.1:9/");');
      await runCell(page, last.id);
      await idle(page);
      const out = await cellOutput(page, last.id);
      const said = out.offers.join(" ");
      assert.match(said, /“fetch”, which no earlier cell defines and the notes do not provide/);
      assert.doesNotMatch(said, /Run the \d+ earlier cell/);

      await replaceCode(page, last.id, "let spins = 0;\nwhile (true) { spins++; }");
      await runCell(page, last.id);
      await page.waitForFunction(
        (sel) => document.querySelector(sel)?.classList.contains("dlnotes-running") ?? false,
        cellSelector(last.id),
        { timeout: 300_000 },
      );
      await page.getByRole("button", { name: "■ Stop" }).click();
      await idle(page);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      assert.equal(await page.locator(".dlnotes-runner-status").textContent(), "Stopped; the next Run starts afresh.");
      assert.match((await cellOutput(page, last.id)).errors.join("\n"), /Stopped/);
    });
    assert.deepEqual(visit.errors, [], "console errors");
    assert.deepEqual(visit.blocked, [], "requests that left the page");
  } finally {
    await visit.close();
  }
});
