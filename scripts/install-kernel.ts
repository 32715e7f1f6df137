// Registers this checkout's tslab as the Jupyter kernel (tooling/kernel-spec.ts says where and why). Run by
// `npm install` / `npm ci` (the "prepare" script); never fails there: every problem is one printed line.
//   node --import tsx scripts/install-kernel.ts            register (or refresh) the kernel spec
//   node --import tsx scripts/install-kernel.ts --check    only report; exit 1 if Jupyter would not pick ours
// Set DLNOTES_SKIP_KERNEL=1 to skip registering (e.g. when packaging).
import { parseCommandLine, runCli } from "../tooling/cli";
import { installKernel } from "../tooling/kernel-spec";

const USAGE = "node --import tsx scripts/install-kernel.ts [--check]";

runCli("install-kernel", () => {
  const { values } = parseCommandLine("install-kernel", USAGE, { check: { type: "boolean" } });
  const say = (line: string) => console.log(`install-kernel: ${line}`);
  try {
    return installKernel({ check: values.check, say });
  } catch (error) {
    // never break `npm install` over the kernel: say what happened in one line
    say(`unexpected problem, kernel not registered: ${error instanceof Error ? error.message : String(error)}`);
    return values.check ? 1 : 0;
  }
});
