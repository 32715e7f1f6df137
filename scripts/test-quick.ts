// `npm run test:quick`: the edit-test loop — the library's and the tooling's tests, no browser, no Jupyter server,
// no tslab kernel (tooling/test-suites.ts says which files). `--list` prints the files instead of running them.
import { spawn } from "node:child_process";
import { parseCommandLine, runCli } from "../tooling/cli";
import { projectDir } from "../tooling/python";
import { quickTests } from "../tooling/test-suites";

runCli("test:quick", () => {
  const { values } = parseCommandLine("test:quick", "npm run test:quick [-- --list]", { list: { type: "boolean" } });
  const files = quickTests();
  if (values.list) {
    for (const file of files) console.log(file);
    return 0;
  }
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--test", "--test-concurrency=2", "--test-reporter=spec", ...files],
    {
      cwd: projectDir,
      stdio: "inherit",
    },
  );
  return new Promise<number>((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
});
