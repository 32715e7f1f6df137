/**
 * A static file server for the built site on 127.0.0.1 only (`npm run serve`, and the JupyterLite tests).
 * JupyterLite needs http(s), not file://, and its service worker registers only on https, localhost or
 * 127.0.0.1; binding to the loopback address keeps the site off the network. Files are served by sirv
 * (a small, maintained static handler: content types, ranges, no path escapes out of the folder).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync, statSync } from "node:fs";
import sirv from "sirv";

/** The only address the server listens on. */
export const LOOPBACK = "127.0.0.1";

/** A running server. */
export interface StaticServer {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A folder that cannot be served, or a port that is taken, as one line. */
export class ServeError extends Error {}

/**
 * Serves `root` on 127.0.0.1.
 * @param root the folder to serve (site/, holding the notes and lab/)
 * @param port a port number, or 0 for any free one
 */
export async function serveFolder(root: string, port = 0): Promise<StaticServer> {
  if (!existsSync(root) || !statSync(root).isDirectory())
    throw new ServeError(`${root} is not a folder: build the site first (npm run export, or npm run build:lite)`);
  // dev: files are read on each request (a rebuilt site is served at once) and never cached by the browser.
  const files = sirv(root, { dev: true, dotfiles: false, etag: true });
  const server: Server = createServer((request, response) =>
    files(request, response, () => {
      response.statusCode = 404;
      response.setHeader("content-type", "text/plain; charset=utf-8");
      response.end(`not found: ${request.url ?? ""}\n`);
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new ServeError(`port ${port} on ${LOOPBACK} is in use: pick another with --port`)
          : error,
      ),
    );
    server.listen(port, LOOPBACK, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://${LOOPBACK}:${actual}/`,
    port: actual,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
