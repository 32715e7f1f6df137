/**
 * The one place that finds the browser for the browser tests and screenshots: Debian's Chromium (apt), never a
 * downloaded one. `$DLNOTES_CHROMIUM` is an explicit choice, so a wrong one is an error naming it.
 */
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { ToolError } from "./cli";

/** One line saying how to get Chromium. */
export const CHROMIUM_HINT =
  "Chromium not found at /usr/bin/chromium: install it with `sudo apt-get install chromium` (or set DLNOTES_CHROMIUM to a Chromium binary)";

/** Where Chromium is looked for when `$DLNOTES_CHROMIUM` is not set, in order. */
export const CHROMIUM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser"] as const;

/**
 * Path of the Chromium to drive with playwright-core.
 * @param env the environment to read `DLNOTES_CHROMIUM` from (default `process.env`).
 * @throws ToolError when `$DLNOTES_CHROMIUM` is set but is not an executable file, or no Chromium is found
 *   ({@link CHROMIUM_HINT}).
 */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.DLNOTES_CHROMIUM;
  if (explicit) {
    let executable = false;
    try {
      accessSync(explicit, constants.X_OK);
      executable = statSync(explicit).isFile();
    } catch {
      executable = false;
    }
    if (!executable) {
      throw new ToolError(
        `DLNOTES_CHROMIUM=${explicit} ${existsSync(explicit) ? "is not an executable file" : "does not exist"}: point it at a Chromium binary, or unset it`,
      );
    }
    return explicit;
  }
  const found = CHROMIUM_PATHS.find((p) => existsSync(p));
  if (!found) throw new ToolError(CHROMIUM_HINT);
  return found;
}

/** Flags for a quiet headless Chromium on a closed network (no background traffic, no sandbox as root). */
export const CHROMIUM_ARGS: string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  // SwiftShader gives headless Chromium the WebGL that Plotly's 3-D surfaces need
  "--use-angle=swiftshader",
  "--enable-unsafe-swiftshader",
];
