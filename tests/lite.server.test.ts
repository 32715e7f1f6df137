/**
 * `npm run serve`'s server (lite/server.ts): it listens on 127.0.0.1 only, serves the files of its folder with
 * their content types, and nothing outside it (a request that climbs out with `..` gets 404). A folder that does
 * not exist is one clear line.
 */
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { LOOPBACK, serveFolder, ServeError, type StaticServer } from "../lite/server";

let root: string;
let server: StaticServer;

before(async () => {
  root = mkdtempSync(join(tmpdir(), "dlnotes-serve-"));
  mkdirSync(join(root, "site", "lab"), { recursive: true });
  writeFileSync(join(root, "secret.txt"), "outside the served folder\n");
  writeFileSync(join(root, "site", "lab", "index.html"), "<!doctype html><title>lab</title>\n");
  writeFileSync(join(root, "site", "lab", "app.js"), "console.log(1);\n");
  server = await serveFolder(join(root, "site"));
});

after(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

/** A raw GET (the path is sent as written, `..` included). */
function get(host: string, port: number, path: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path, method: "GET" }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"] ?? ""), body }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

test("serves the folder's files with their content types on 127.0.0.1", async () => {
  assert.equal(server.url, `http://${LOOPBACK}:${server.port}/`);
  const page = await get(LOOPBACK, server.port, "/lab/index.html");
  assert.equal(page.status, 200);
  assert.match(page.type, /^text\/html/);
  const script = await get(LOOPBACK, server.port, "/lab/app.js");
  assert.match(script.type, /javascript/);
});

test("nothing outside the folder: .. and encoded .. get 404", async () => {
  for (const path of [
    "/../secret.txt",
    "/lab/../../secret.txt",
    "/%2e%2e/secret.txt",
    "/lab/%2e%2e%2f%2e%2e%2fsecret.txt",
  ]) {
    const answer = await get(LOOPBACK, server.port, path);
    assert.equal(answer.status, 404, path);
    assert.doesNotMatch(answer.body, /outside the served folder/, path);
  }
});

test("not reachable on the machine's other addresses", async (t) => {
  const others = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === "IPv4" && !a.internal)
    .map((a) => a!.address);
  if (others.length === 0) t.skip("this machine has no address besides the loopback one");
  for (const address of others) {
    await assert.rejects(get(address, server.port, "/lab/index.html"), /ECONNREFUSED/, address);
  }
});

test("a missing folder is one line saying how to build it", async () => {
  await assert.rejects(
    serveFolder(join(root, "nothing-here")),
    (error: Error) =>
      error instanceof ServeError &&
      /is not a folder: build the site first/.test(error.message) &&
      !error.message.includes("\n"),
  );
});
