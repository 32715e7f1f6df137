// `npm run serve`: serves site/ (the course notes and the JupyterLite site in site/lab/) on 127.0.0.1 only.
// Usage: npm run serve -- [--port N] [--dir DIR]   (Ctrl+C stops it)
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { serveFolder } from "../lite/server";
import { projectDir } from "../lite/build";
import { LITE_SITE_DIR } from "../src/core/definitions";

const USAGE = "usage: npm run serve -- [--port N] [--dir DIR]";

async function main(): Promise<void> {
  let values: { port?: string; dir?: string };
  try {
    ({ values } = parseArgs({
      options: { port: { type: "string" }, dir: { type: "string" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${USAGE}`);
  }
  const port = Number(values.port ?? "8000");
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port ${values.port} is not a port number (0-65535)\n${USAGE}`);
  const dir = resolve(values.dir ?? join(projectDir, "site"));
  const server = await serveFolder(dir, port);
  console.log(`serve: ${dir} at ${server.url} (this computer only; Ctrl+C stops it)`);
  if (existsSync(join(dir, LITE_SITE_DIR, "index.html")))
    console.log(`serve: JupyterLab in the browser: ${server.url}${LITE_SITE_DIR}/lab/index.html`);
  else console.log(`serve: no ${LITE_SITE_DIR}/ in it yet (npm run build:lite makes it)`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`serve: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
