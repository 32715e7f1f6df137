/**
 * show() and liveCostCurve() in a REAL tslab kernel (jupyter_client, the kernel spec `npm install` registers),
 * recording the raw iopub messages. This covers the tslab internals show() relies on (tslab pinned to 1.0.22):
 * one display_data message carrying Plotly JSON + HTML + plain text, and a live curve that is one output
 * updated in place (update_display_data with the same display_id), ending with the complete figure.
 */
import { KERNEL_NAME } from "../src/core/definitions";
import { test } from "node:test";
import assert from "node:assert/strict";
import { jupyterEnv, jupyterPython, processJupyterDirs } from "./fixtures/jupyter";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { TSLAB_VERSION } from "../src";

const root = resolve(__dirname, "..");
const workdir = join(root, "tests", "fixtures", "plots");

const DRIVER = `
import json, os, sys
from jupyter_client.manager import start_new_kernel
cells = json.load(sys.stdin)
km, kc = start_new_kernel(kernel_name="${KERNEL_NAME}", cwd=sys.argv[1], startup_timeout=120)
results = []
try:
    for code in cells:
        msg_id = kc.execute(code)
        messages = []
        while True:
            m = kc.get_iopub_msg(timeout=120)
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                break
            if m["msg_type"] in ("display_data", "update_display_data", "execute_result", "stream", "error"):
                messages.append({"type": m["msg_type"], "content": m["content"]})
        reply = kc.get_shell_msg(timeout=120)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = kc.get_shell_msg(timeout=120)
        results.append({"status": reply["content"]["status"], "messages": messages})
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
print(json.dumps(results))
sys.stdout.flush()
os._exit(0)  # skip jupyter_client's noisy __del__ at interpreter exit
`;

interface Message {
  type: string;
  content: { data?: Record<string, unknown>; transient?: { display_id?: string }; text?: string; name?: string };
}

function runInKernel(cells: string[]): { status: string; messages: Message[] }[] {
  const out = execFileSync(jupyterPython(), ["-c", DRIVER, workdir], {
    input: JSON.stringify(cells),
    cwd: root,
    timeout: 300_000,
    env: jupyterEnv(processJupyterDirs()),
  });
  return JSON.parse(out.toString());
}

test("tslab is the exact version whose internals show() uses", () => {
  const pkg = JSON.parse(readFileSync(join(root, "node_modules", "tslab", "package.json"), "utf8"));
  assert.equal(pkg.version, TSLAB_VERSION);
  const declared = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).devDependencies.tslab;
  assert.equal(declared, TSLAB_VERSION, "package.json must pin tslab exactly");
});

test("real kernel: show() sends one multi-mime message; the live curve updates one output in place, pictures then the figure", () => {
  rmSync(join(workdir, "plotly.min.js"), { force: true });
  const results = runInKernel([
    'import { costCurve, show, liveCostCurve, inKernel } from "../../../dist";',
    "show(costCurve([0.693147, 0.5, 0.4], { learningRate: 0.005 }));",
    "const live = liveCostCurve({ learningRate: 0.5, minIntervalMs: 0 });\nfor (let i = 0; i < 5; i++) live.add(i * 100, 1 / (i + 1));\nlive.finish();",
    "console.log(inKernel());",
  ]);
  for (const [i, r] of results.entries()) {
    assert.equal(r.status, "ok", `cell ${i}: ${JSON.stringify(r.messages)}`);
    assert.deepEqual(
      r.messages.filter((m) => m.type === "stream" && m.content.name === "stderr"),
      [],
      `cell ${i} wrote to stderr`,
    );
  }

  const shown = results[1].messages;
  assert.equal(shown.length, 1, "exactly one message for one show()");
  assert.equal(shown[0].type, "display_data");
  const data = shown[0].content.data!;
  assert.deepEqual(Object.keys(data).sort(), ["application/vnd.plotly.v1+json", "text/html", "text/plain"]);
  const fig = data["application/vnd.plotly.v1+json"] as {
    data: { y: number[] }[];
    layout: { title: { text: string } };
  };
  assert.deepEqual(fig.data[0].y, [0.693147, 0.5, 0.4]);
  assert.equal(fig.layout.title.text, "Cost (learning rate = 0.005)");
  assert.match(data["text/plain"] as string, /^Plot: Cost \(learning rate = 0\.005\)/);
  assert.match(data["text/html"] as string, /<pre[^>]*>Plot: Cost/);
  assert.ok(
    existsSync(join(workdir, "plotly.min.js")),
    "show() put plotly.min.js next to the notebook for the text/html loader",
  );

  const live = results[2].messages.filter((m) => m.type.endsWith("display_data"));
  assert.ok(live.length >= 3, `initial output, updates and the final figure, got ${live.length}`);
  assert.equal(live[0].type, "display_data");
  assert.ok(
    live.slice(1).every((m) => m.type === "update_display_data"),
    "later messages update the same output",
  );
  const ids = new Set(live.map((m) => m.content.transient?.display_id));
  assert.equal(ids.size, 1, "one display id");
  assert.ok([...ids][0], "display id set");
  // while training: a picture of the curve so far (SVG, and an HTML <img> of it: every front end redraws them on update),
  // never Plotly JSON (JupyterLab's Plotly renderer ignores updates); the points grow from frame to frame
  const frames = live.slice(0, -1);
  const drawnPoints = frames.map((m) => {
    assert.deepEqual(
      Object.keys(m.content.data!).sort(),
      ["image/svg+xml", "text/html", "text/plain"],
      "a live frame is a picture and text",
    );
    assert.equal(
      Buffer.from(/base64,([^"]+)"/.exec(m.content.data!["text/html"] as string)![1], "base64").toString("utf8"),
      m.content.data!["image/svg+xml"],
      "the same picture in HTML and SVG",
    );
    const src = /<img src="data:image\/svg\+xml;base64,([^"]+)"/.exec(m.content.data!["text/html"] as string)?.[1];
    assert.ok(src, "the frame's HTML is an <img> of an SVG");
    const svg = Buffer.from(src, "base64").toString("utf8");
    assert.match(svg, /<text data-role="title"[^>]*>Cost \(learning rate = 0\.5\) \(training/);
    return (/<polyline data-trace="cost" points="([^"]*)"/.exec(svg)?.[1] ?? "").split(" ").filter(Boolean).length;
  });
  assert.deepEqual(drawnPoints, [0, 1, 2, 3, 4, 5], "one frame at the start and one per add() (minIntervalMs: 0)");
  // the end: the complete figure as Plotly JSON, HTML and text, in the same output
  assert.deepEqual(Object.keys(live[live.length - 1].content.data!).sort(), [
    "application/vnd.plotly.v1+json",
    "text/html",
    "text/plain",
  ]);
  const last = live[live.length - 1].content.data!["application/vnd.plotly.v1+json"] as {
    data: { x: number[]; y: number[] }[];
    layout: { title: { text: string } };
  };
  assert.equal(last.layout.title.text, "Cost (learning rate = 0.5)", "the final output is the finished figure");
  assert.deepEqual(last.data[0].x, [0, 100, 200, 300, 400]);
  assert.equal(
    results[2].messages.filter((m) => m.type === "execute_result").length,
    0,
    "finish() returns nothing to print",
  );

  assert.equal(
    results[3].messages.find((m) => m.type === "stream")?.content.text?.trim(),
    "true",
    "inKernel() inside tslab",
  );
});
