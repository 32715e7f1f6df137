/**
 * The JupyterLite extension: registers "TypeScript (dlnotes)" under the kernelspec name the course's notebooks
 * carry (KERNELSPEC, the tslab kernel's name), so every lesson opens with it and no kernel picker appears.
 * lite/build.ts bundles this file with esbuild and builds it into a federated extension with @jupyter/builder.
 */
import { IKernelSpecs } from "@jupyterlite/services";
import { KERNELSPEC } from "../../src/core/definitions";
import { DlnotesKernel } from "./kernel";

/** The extension's static folder URL, set by the module federation runtime (publicPath "auto"). */
declare const __webpack_public_path__: string;

/** A TypeScript logo for the launcher and the kernel indicator (drawn here: no image file to ship). */
const LOGO = `data:image/svg+xml;base64,${btoa(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="6" fill="#3178c6"/>' +
    '<text x="60" y="58" font-family="Arial,Helvetica,sans-serif" font-weight="bold" font-size="30" fill="#fff" text-anchor="end">TS</text></svg>',
)}`;

/** The plugin (JupyterLab's `JupyterFrontEndPlugin` shape; JupyterLite activates it with the kernel specs). */
const kernelPlugin = {
  id: "dlnotes-lite:kernel",
  description: "The dlnotes TypeScript kernel, running in the browser.",
  autoStart: true,
  requires: [IKernelSpecs],
  activate: (_app: unknown, specs: IKernelSpecs): void => {
    specs.register({
      spec: {
        name: KERNELSPEC.name,
        display_name: KERNELSPEC.display_name,
        language: KERNELSPEC.language,
        argv: [],
        resources: { "logo-32x32": LOGO, "logo-64x64": LOGO },
      },
      create: async (options) => new DlnotesKernel(options, __webpack_public_path__),
    });
  },
};

export default [kernelPlugin];
