// The one place that finds the browser for the browser tests: Debian's Chromium (apt), never a downloaded one.
import { existsSync } from "node:fs";

export const CHROMIUM_HINT =
  "Chromium not found at /usr/bin/chromium: install it with `sudo apt-get install chromium` (or set DLNOTES_CHROMIUM to a Chromium binary)";

/** Path of the Chromium to drive with playwright-core, or throws CHROMIUM_HINT (one line). */
export function chromiumPath() {
  const candidates = [process.env.DLNOTES_CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(CHROMIUM_HINT);
  return found;
}

/** Flags for a quiet headless Chromium on a closed network (no background traffic, no sandbox as root). */
export const CHROMIUM_ARGS = [
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
