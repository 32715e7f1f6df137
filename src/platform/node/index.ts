/**
 * The platform for Node: plain scripts, tests and the tslab kernel behind the notebooks.
 * See {@link Platform} for the contract; a browser build replaces this folder (see src/platform/index.ts).
 */
import { randomBytes } from "node:crypto";
import type { Platform } from "../types";
import { inTslab, tslabDisplay } from "./tslab";
import { copyPlotlyNextToNotebook } from "./plotly-file";
import { loadKernelModule, startKernelWorker } from "./kernel-files";

/** dlnotes' host when it runs in Node (and in tslab, which is Node). */
export const platform: Platform = {
  name: "node",
  hasFrontEnd: inTslab,
  display: tslabDisplay,
  randomId: () => randomBytes(8).toString("hex"),
  kernelModule: loadKernelModule,
  sharedKernelMemory: true, // loadKernelModule gives no kernels without SharedArrayBuffer
  startKernelWorker,
  providePlotlyScript: copyPlotlyNextToNotebook,
};
