/**
 * Nothing leaves the page from cell code: a listener on 127.0.0.1 (TCP for HTTP, WebSocket, EventSource; UDP on
 * the same port for STUN and WebTransport's QUIC) receives nothing while a cell of lesson 01 tries every way out we
 * know: fetch (the page's guard and the original from the worker's prototype chain), a dynamic `import()` with a
 * computed URL, `importScripts` (the original), workers made from a Blob and from a data: URL that try fetch, XHR,
 * WebSocket, EventSource and importScripts with fresh globals, SharedWorker, WebTransport, RTCPeerConnection, and a
 * figure whose layout loads an image and whose title's CSS loads another. The page is opened WITHOUT the tests'
 * network blocking: the page's Content-Security-Policy (src/core/definitions.ts) is the defence under test.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { createSocket, type Socket } from "node:dgram";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { Browser } from "playwright-core";
import { launchChromium } from "./fixtures/browser";
import { codeCells, prepareRunnerSite, RunnerPage } from "./fixtures/runner-site";
import { cellOutput, idle, openPage, replaceCode, runCell } from "./fixtures/runner-page";

let browser: Browser;
let lesson: RunnerPage;
let server: Server;
let udp: Socket;
const received: string[] = [];

before(async () => {
  const site = await prepareRunnerSite();
  const found = site.pages.find((p) => p.name.startsWith("01"));
  assert.ok(found, "lesson 01 exists");
  lesson = found;
  server = createServer((req, res) => {
    received.push(`http ${req.method} ${req.url}`);
    res.end("x");
  });
  server.on("connection", () => received.push("tcp connection"));
  server.on("upgrade", (req, socket) => {
    received.push(`upgrade ${req.url}`);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  udp = createSocket("udp4");
  udp.on("message", (m) => received.push(`udp ${m.length} bytes`));
  await new Promise<void>((resolve) => udp.bind((server.address() as AddressInfo).port, "127.0.0.1", resolve));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
  udp?.close();
});

/** The cell: each attempt reports how it ended (or that it gave no answer within 5 s). */
function attackCell(port: number): string {
  return `import { show } from "dlnotes";
const url = "http://127.0.0.1:${port}/";
const g: any = globalThis;
const results: string[] = [];
function original(name: string): any {
  for (let o = Object.getPrototypeOf(globalThis); o; o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, name);
    if (d) return d.value ?? d.get?.call(globalThis);
  }
  return undefined;
}
async function attempt(name: string, f: () => unknown): Promise<void> {
  try {
    const r = await Promise.race([Promise.resolve().then(f), new Promise((res) => setTimeout(res, 5000, "NO ANSWER"))]);
    results.push(name + ": " + String(r));
  } catch (e: any) {
    results.push(name + ": blocked (" + (e?.name ?? "") + ": " + (e?.message ?? String(e)) + ")");
  }
}
const inner = \`
  const url = "\${url}";
  const out = [];
  const tries = [
    ["fetch", () => fetch(url + "w-fetch")],
    ["xhr", () => { const x = new XMLHttpRequest(); x.open("GET", url + "w-xhr", false); x.send(); return x.status; }],
    ["websocket", () => new Promise((res, rej) => { const w = new WebSocket("ws://127.0.0.1:${port}/w-ws"); w.onopen = () => res("open"); w.onerror = () => rej(new Error("websocket error")); })],
    ["eventsource", () => new Promise((res, rej) => { const e = new EventSource(url + "w-es"); e.onopen = () => res("open"); e.onerror = () => rej(new Error("eventsource error")); })],
    ["importScripts", () => importScripts(url + "w-import.js")],
    ["webtransport", async () => { const t = new WebTransport("https://127.0.0.1:${port}/w-wt"); await t.ready; return "ready"; }],
  ];
  (async () => {
    for (const [name, f] of tries) {
      try { out.push(name + " " + String(await f())); } catch (e) { out.push(name + " blocked"); }
    }
    postMessage(out.join(", "));
  })();
\`;
function workerReport(make: () => any): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const w = make();
    w.onmessage = (e: any) => resolve("inner worker said: " + e.data);
    w.onerror = (e: any) => { e.preventDefault?.(); reject(new Error("the worker did not start")); };
  });
}
await attempt("guarded fetch", () => g.fetch(url + "fetch"));
await attempt("original fetch", () => original("fetch").call(globalThis, url + "fetch-original"));
await attempt("dynamic import", () => import(url + "import-" + Math.random() + ".js"));
await attempt("original importScripts", () => original("importScripts").call(globalThis, url + "importScripts.js"));
await attempt("blob worker", () => workerReport(() => new g.Worker(g.URL.createObjectURL(new g.Blob([inner], { type: "text/javascript" })))));
await attempt("data worker", () => workerReport(() => new g.Worker("data:text/javascript," + encodeURIComponent(inner))));
await attempt("shared worker", () => (g.SharedWorker ? workerReport(() => new g.SharedWorker(g.URL.createObjectURL(new g.Blob([inner])))) : "not in this scope"));
await attempt("webtransport", async () => { const t = new g.WebTransport("https://127.0.0.1:${port}/wt"); await t.ready; return "ready"; });
await attempt("rtc", async () => {
  const pc = new g.RTCPeerConnection({ iceServers: [{ urls: "stun:127.0.0.1:${port}" }] });
  pc.createDataChannel("x");
  await pc.setLocalDescription(await pc.createOffer());
  return "offer made";
});
await attempt("sendBeacon", () => (g.navigator.sendBeacon ? g.navigator.sendBeacon(url + "beacon", "x") : "not in this scope"));
show({
  data: [{ x: [1, 2], y: [1, 2], type: "scatter" }],
  layout: {
    title: { text: '<span style="background-image: url(' + url + 'title-css.png)">title</span>' },
    images: [{ source: url + "layout-image.png", xref: "paper", yref: "paper", x: 0, y: 1, sizex: 1, sizey: 1 }],
  },
} as any);
console.log(results.join("\\n"));
`;
}

test("csp: cell code reaches no listener on 127.0.0.1, whatever it tries", async () => {
  assert.match(
    readFileSync(lesson.html, "utf8"),
    /<meta http-equiv="Content-Security-Policy" content="[^"]*connect-src 'none'/,
    "the page has the notes' policy",
  );
  const port = (server.address() as AddressInfo).port;
  const visit = await openPage(browser, lesson.html, { block: false });
  try {
    const { page } = visit;
    await page.evaluate(() => {
      const w = window as unknown as { violations: string[] };
      w.violations = [];
      document.addEventListener("securitypolicyviolation", (e) =>
        w.violations.push(`${e.effectiveDirective} ${e.blockedURI}`),
      );
    });
    const cells = codeCells(lesson.executed);
    const last = cells[cells.length - 1];
    await replaceCode(page, last.id, attackCell(port));
    await runCell(page, last.id);
    await idle(page);
    const out = await cellOutput(page, last.id);
    assert.deepEqual(out.errors, [], "the cell ran");
    const lines = out.text.trim().split("\n");
    assert.equal(lines.length, 10, out.text);
    for (const line of lines) {
      assert.doesNotMatch(
        line,
        /NO ANSWER|: \[object Response\]|offer made|: true$|ready$|said: .*(fetch \[object|xhr \d|websocket open|eventsource open|importScripts undefined|webtransport ready)/,
        line,
      );
    }
    assert.deepEqual(received, [], `the listener received nothing; the cell said:\n${out.text}`);
    assert.match(
      out.text,
      /guarded fetch: blocked \(Error: fetch is not available here: the code of the course notes runs offline\)/,
      "the guard says why",
    );
    assert.match(
      out.text,
      /rtc: blocked \(Error: RTCPeerConnection is not available here/,
      "WebRTC is refused in the worker (CSP does not cover it)",
    );
    // the figure is drawn and its layout image is refused by the policy
    await page.waitForFunction(
      (p) =>
        (window as unknown as { violations: string[] }).violations.some((x) => x.includes(`${p}/layout-image.png`)),
      port,
      { timeout: 60_000 },
    );
    assert.equal(await page.locator(".dlnotes-run-outputs .js-plotly-plot").count(), 1, "the figure is drawn");
    assert.deepEqual(received, [], "the listener received nothing, the figure's image included");
    // no error but the policy's own reports of what it refused
    const unexpected = visit.errors.filter((e) => !/Content Security Policy|Refused to/.test(e));
    assert.deepEqual(unexpected, [], "console errors other than the policy's refusals");
  } finally {
    await visit.close();
  }
});
