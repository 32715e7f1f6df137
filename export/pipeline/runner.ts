/**
 * The runner step (site mode): the runnable cells of issue 12, owned by export/runner. Its installer
 * (export/runner/install.mjs) builds the runner when needed and copies its files into `<site>/assets/runner/`;
 * what it adds to a page (the bar saying the code can be run, and the external runner script) is taken from its
 * `addRunner` and moved into this page's one parsed document. The runner is an external script, allowed by the
 * pages' policy ('self'); its worker is made from a blob and inherits the page's policy.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import * as cheerio from "cheerio";
import type { CheerioAPI } from "cheerio";

interface RunnerInstaller {
  installRunner(options: { siteDir: string; pages: { html: string }[] }): unknown;
  addRunner(html: string, scriptUrl: string): string;
}

const installerFile = join(__dirname, "..", "runner", "install.mjs");

/** The runner's installer, or undefined when the runner is not part of this checkout. */
export async function loadRunner(): Promise<RunnerInstaller | undefined> {
  if (!existsSync(installerFile)) return undefined;
  const mod = (await import(pathToFileURL(installerFile).href)) as Partial<RunnerInstaller>;
  if (typeof mod.installRunner !== "function" || typeof mod.addRunner !== "function") {
    throw new Error("export/runner/install.mjs does not export installRunner and addRunner");
  }
  return mod as RunnerInstaller;
}

/** Copies the runner's files into `<siteDir>/assets/runner/` (building it first if needed). */
export function installRunnerAssets(runner: RunnerInstaller, siteDir: string): void {
  runner.installRunner({ siteDir, pages: [] });
}

/** Adds the runner's bar and script (`assets/runner/runner.js`, relative to the page) to one page. */
export function addRunnerToPage(runner: RunnerInstaller, $: CheerioAPI): void {
  const added = cheerio.load(
    runner.addRunner("<!DOCTYPE html><html><head></head><body></body></html>", "assets/runner/runner.js"),
  );
  $("head").append(added("head").children());
  $("body").prepend(added("body").children());
}
