/**
 * Command lines of the project's tools: one parser (Node's `util.parseArgs`, strict), one error type whose
 * message is the single line a user sees, and one `main` wrapper that turns failures into that line and an exit
 * code. Every script in `scripts/` is a thin wrapper over these, so "bad input gets one clear line, never a stack
 * trace" holds for all of them in one place.
 */
import { parseArgs } from "node:util";

/**
 * A problem the user can fix (bad option, missing file, a folder the tool will not write into). Its message is
 * shown as `<tool>: <message>` on one line, without a stack trace; it should name the file or option and say what
 * to do.
 */
export class ToolError extends Error {
  /** @param message one line: what is wrong and what to do about it. */
  constructor(message: string) {
    super(message);
    this.name = "ToolError";
  }
}

/** The options a tool accepts, as `util.parseArgs` describes them (long name → type, short alias, default). */
export type OptionSpec = NonNullable<Parameters<typeof parseArgs>[0]>["options"] & {};

/** What {@link parseCommandLine} returns: `util.parseArgs`'s typed `values` and `positionals`. */
export type ParsedCommandLine<O extends OptionSpec, P extends boolean> = ReturnType<
  typeof parseArgs<{ options: O; strict: true; allowPositionals: P }>
>;

/** Extra choices for {@link parseCommandLine}. */
export interface CommandLineConfig<P extends boolean> {
  /** Whether the tool takes arguments that are not options (file names). Default false: any is an error. */
  allowPositionals?: P;
  /**
   * The environment to look for options that npm swallowed (default `process.env`). `npm run x --check` (without
   * `--`) does not pass `--check` to the script: npm keeps it as its own config and sets `npm_config_check`.
   */
  env?: NodeJS.ProcessEnv;
}

/** The option name (`--out`) that a `util.parseArgs` error message is about, if it names one. */
function optionNamed(message: string): string | undefined {
  return /'(-{1,2}[^' ]+)/.exec(message)?.[1];
}

/**
 * Options that npm kept for itself instead of passing them on: run as `npm run <script> --check`, npm sets
 * `npm_config_check` and the script never sees `--check`. Returns the option names of `options` found that way.
 * Only looked at when the tool runs as an npm script (`npm_lifecycle_event` is set).
 */
export function optionsSwallowedByNpm(options: OptionSpec, env: NodeJS.ProcessEnv = process.env): string[] {
  if (!env.npm_lifecycle_event) return [];
  return Object.keys(options).filter((name) => {
    const value = env[`npm_config_${name.replace(/-/g, "_")}`];
    return value !== undefined && value !== "";
  });
}

/**
 * Parses a tool's command line strictly with `util.parseArgs`: an unknown option, an option without its value,
 * a value for a flag or an unexpected argument is a {@link ToolError} that names the option and shows `usage`.
 * When the tool runs as an npm script and an option of the tool was given to npm instead (`npm run clean --check`
 * without `--`), that is an error too ("did you mean `npm run clean -- --check`?"): the script must not go on
 * doing the opposite of what was asked.
 * @param tool the tool's name, as the user types it (used in messages).
 * @param usage one line: how to call the tool, e.g. `npm run student [-- --out DIR] [NOTEBOOK.ipynb ...]`.
 * @param options the options, as for `util.parseArgs`.
 * @param argv the arguments (default: `process.argv.slice(2)`).
 * @param config whether positional arguments are allowed, and the environment to check for npm-swallowed options.
 * @throws ToolError for any problem with the command line.
 */
export function parseCommandLine<O extends OptionSpec, P extends boolean = false>(
  tool: string,
  usage: string,
  options: O,
  argv: string[] = process.argv.slice(2),
  config: CommandLineConfig<P> = {},
): ParsedCommandLine<O, P> {
  const env = config.env ?? process.env;
  const swallowed = optionsSwallowedByNpm(options, env).filter(
    (name) => !argv.some((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`)),
  );
  if (swallowed.length) {
    const flags = swallowed.map((name) => `--${name}`).join(" ");
    throw new ToolError(
      `npm kept ${flags} for itself (it needs \`--\` before the script's options): did you mean \`npm run ${env.npm_lifecycle_event} -- ${flags}\`?`,
    );
  }
  try {
    return parseArgs({
      args: argv,
      options,
      strict: true,
      allowPositionals: (config.allowPositionals ?? false) as P,
    }) as ParsedCommandLine<O, P>;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    if (!code.startsWith("ERR_PARSE_ARGS")) throw error;
    const message = (error as Error).message;
    const option = optionNamed(message);
    let what: string;
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") what = `unknown option ${option ?? message}`;
    else if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
      what = `unexpected argument ${/'([^']*)'/.exec(message)?.[1] ?? ""} (this tool takes no file names)`.replace(
        "  ",
        " ",
      );
    } else if (/argument missing/.test(message)) what = `${option ?? "an option"} needs a value`;
    else if (/ambiguous/.test(message))
      what = `${option ?? "an option"} needs a value (got another option instead; write ${option}=VALUE if the value starts with -)`;
    else if (/does not take an argument/.test(message)) what = `${option ?? "an option"} takes no value`;
    else what = message.split("\n")[0];
    throw new ToolError(`${what}; usage: ${usage}`);
  }
}

/** One line for an error that is not a {@link ToolError} but is still the user's to fix, or undefined. */
export function userFacingLine(error: unknown): string | undefined {
  if (error instanceof ToolError) return error.message;
  const e = error as NodeJS.ErrnoException;
  if (!e || typeof e !== "object") return undefined;
  if (e.code === "ENOENT" && e.path) return `${e.path}: no such file or folder`;
  if (e.code === "EISDIR" && e.path) return `${e.path}: is a folder, not a file`;
  if (e.code === "EACCES" && e.path) return `${e.path}: permission denied`;
  if (e.code === "ENOTDIR" && e.path) return `${e.path}: a part of this path is a file, not a folder`;
  if (error instanceof SyntaxError && /JSON/.test(error.message))
    return `not valid JSON: ${error.message.split("\n")[0]}`;
  return undefined;
}

/**
 * Runs a tool's `main` and sets its exit code: 0 when `main` resolves (or the number it returns), 1 with one line
 * `<tool>: <message>` on stderr for a {@link ToolError}, a missing file (ENOENT) or bad JSON. Anything else is a
 * bug in the tool and keeps its stack trace.
 * @param tool the tool's name, printed before each message.
 * @param main the tool's work; may return an exit code (e.g. 1 for "check found problems").
 */
export async function runCli(tool: string, main: () => Promise<number | void> | number | void): Promise<void> {
  try {
    const code = await main();
    process.exitCode = typeof code === "number" ? code : 0;
  } catch (error) {
    const line = userFacingLine(error);
    if (line === undefined) throw error;
    console.error(`${tool}: ${line}`);
    process.exitCode = 1;
  }
}
