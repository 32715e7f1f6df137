/**
 * The text/html loader under JupyterLab's URL scheme, which cannot run here: a small server answers like a
 * Jupyter server (`/lab/tree/<dir>/<notebook>` for the page, `/files/<dir>/plotly.min.js` for the file that
 * show() copies next to the notebook), and the page inserts two outputs the way a trusted JupyterLab does
 * (innerHTML, then fresh <script> elements so they run). Both must become plots, with plotly.js fetched once
 * from /files/ although both figures asked for it before it arrived.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { AddressInfo } from "node:net";
import { launchChromium } from "./fixtures/browser";
import { costCurve, imageGrid, toMimeBundle, zeros } from "../src";

const plotlyJs = readFileSync(require.resolve("plotly.js-dist-min/plotly.min.js"));

function labPage(outputs: string[]): string {
  // What JupyterLab's HTML renderer does for trusted output: set innerHTML, then replace each <script> by a
  // new element with the same text (scripts inserted through innerHTML never run).
  return `<!DOCTYPE html><html><head><title>lab</title></head><body><div id="outputs"></div>
<script>
var outputs = ${JSON.stringify(outputs).replace(/</g, "\\u003c")};
outputs.forEach(function (html) {
  var host = document.createElement("div");
  host.innerHTML = html;
  document.getElementById("outputs").appendChild(host);
  host.querySelectorAll("script").forEach(function (old) {
    var s = document.createElement("script");
    s.textContent = old.textContent;
    old.parentNode.replaceChild(s, old);
  });
});
</script></body></html>`;
}

test("text/html loader: JupyterLab URL scheme, plotly.js once from /files/, both outputs drawn", async () => {
  const img = zeros([8, 8, 3]).map(() => 0.5);
  const outputs = [costCurve([0.7, 0.5, 0.4], { learningRate: 0.01 }), imageGrid([img, img], ["cat", "non-cat"])].map(
    (f) => toMimeBundle(f)["text/html"],
  );
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? "");
    if (req.url === "/lab/tree/course/lesson.ipynb") {
      res.writeHead(200, { "content-type": "text/html" }).end(labPage(outputs));
    } else if (req.url === "/files/course/plotly.min.js") {
      setTimeout(() => res.writeHead(200, { "content-type": "text/javascript" }).end(plotlyJs), 300); // both figures queue meanwhile
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${port}/lab/tree/course/lesson.ipynb`, { timeout: 120_000 });
    await page.waitForFunction(
      () =>
        document.querySelectorAll(".js-plotly-plot .main-svg").length > 0 &&
        document.querySelectorAll(".js-plotly-plot").length === 2,
      null,
      { timeout: 120_000 },
    );
    const pictures = await page.$$eval(
      ".js-plotly-plot image",
      (els) => els.filter((e) => (e.getAttribute("href") ?? "").startsWith("data:image/png")).length,
    );
    const fallbacks = await page.$$eval(".dlnotes-fallback", (els) => els.length);
    assert.deepEqual(errors, []);
    assert.equal(pictures, 2, "the image grid's pictures reached Plotly");
    assert.equal(fallbacks, 0, "the static summaries were replaced");
    assert.deepEqual(
      requests.filter((u) => u.includes("plotly")),
      ["/files/course/plotly.min.js"],
    );
  } finally {
    await browser.close();
    server.close();
  }
});
