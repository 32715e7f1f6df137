/**
 * Output folders that a tool owns, so that a tool deletes or overwrites only what it wrote itself.
 *
 * Each tool keeps a manifest in its output folder, `.dlnotes-<tool>.json`, listing every file it wrote (path
 * relative to the folder → sha256 of the content written). Trust is decided here and only here:
 * - a non-empty folder without this tool's manifest is someone else's: refused unless forced;
 * - an existing file is overwritten only if the manifest records it AND its content is still what was recorded
 *   (a student's edited notebook is never lost); otherwise refused unless forced;
 * - a file recorded earlier and not written this run is deleted only if unchanged since it was recorded;
 * - every path, from the caller or from the manifest (which is untrusted input: anyone can edit it), must stay
 *   inside the folder: no absolute path, no `..`, no symbolic link on the way.
 * Nothing is written until {@link OwnedFolder.commit}, which checks every file first, so a refusal leaves the
 * folder exactly as it was (no partial output).
 */
import { createHash } from "node:crypto";
import {
  copyFileSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { ToolError } from "./cli";

/** How to open an {@link OwnedFolder}. */
export interface OwnedFolderOptions {
  /** The tool's name (`student`, `export`): names the manifest `.dlnotes-<tool>.json` and prefixes messages. */
  tool: string;
  /**
   * The user asked to write anyway (`--force`): a folder without a manifest is written into, and existing files
   * of the same names are overwritten even if changed or not recorded. Files the tool did not write are still
   * never deleted, and paths still never leave the folder.
   */
  force?: boolean;
  /** How the user forces it, for messages (default `pass --force`). */
  forceHint?: string;
}

/** What {@link OwnedFolder.commit} did, as paths relative to the folder. */
export interface CommitResult {
  /** Files written this run (new or replaced). */
  written: string[];
  /** Files written by an earlier run, not written this time, unchanged, and so deleted. */
  removed: string[];
  /** Files written by an earlier run, not written this time, but changed since: kept, and no longer recorded. */
  kept: string[];
}

interface Manifest {
  tool: string;
  files: Record<string, string>;
}

type Pending = { kind: "data"; data: string | Uint8Array } | { kind: "file"; from: string };

/** sha256 (hex) of some bytes. */
function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** The manifest's file name for a tool. */
export function manifestName(tool: string): string {
  return `.dlnotes-${tool}.json`;
}

/**
 * `relPath` as a clean relative path inside a folder (`a/b.txt`), or undefined if it could leave the folder or is
 * not a plain relative path: absolute, drive letters, backslashes, empty, `.` or `..` segments, NUL.
 */
export function confinedRelativePath(relPath: unknown): string | undefined {
  if (typeof relPath !== "string" || relPath === "" || relPath.includes("\0") || relPath.includes("\\"))
    return undefined;
  if (path.posix.isAbsolute(relPath) || path.win32.isAbsolute(relPath) || /^[A-Za-z]:/.test(relPath)) return undefined;
  const parts = relPath.split("/");
  if (parts.some((part) => part === "" || part === "." || part === "..")) return undefined;
  return parts.join("/");
}

/** The kind of thing at `file` (without following a symbolic link), or undefined if nothing is there. */
function entryKind(file: string): "file" | "dir" | "link" | "other" | undefined {
  try {
    const stat = lstatSync(file);
    if (stat.isSymbolicLink()) return "link";
    if (stat.isFile()) return "file";
    if (stat.isDirectory()) return "dir";
    return "other";
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "ENOTDIR")
      return undefined;
    throw error;
  }
}

/** Every regular file under `dir`, as relative `a/b` paths, sorted. Symbolic links are refused. */
function filesUnder(dir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...filesUnder(dir, rel));
    else if (entry.isFile()) out.push(rel);
    else
      throw new ToolError(
        `${path.join(dir, rel)}: not a regular file (a link or device); the build must write plain files`,
      );
  }
  return out.sort();
}

/**
 * A folder that one tool writes its output into and keeps a manifest of (see the module comment). Open it with
 * {@link OwnedFolder.open}, queue files with {@link OwnedFolder.write} / {@link OwnedFolder.adopt}, then
 * {@link OwnedFolder.commit}.
 */
export class OwnedFolder {
  /** The folder (absolute). */
  readonly dir: string;
  /** The tool that owns it. */
  readonly tool: string;
  private readonly force: boolean;
  private readonly forceHint: string;
  private readonly recorded: Map<string, string>;
  private readonly pending = new Map<string, Pending>();

  private constructor(dir: string, options: OwnedFolderOptions, recorded: Map<string, string>) {
    this.dir = dir;
    this.tool = options.tool;
    this.force = options.force ?? false;
    this.forceHint = options.forceHint ?? "pass --force";
    this.recorded = recorded;
  }

  /** The manifest's path, `<dir>/.dlnotes-<tool>.json`. */
  get manifestPath(): string {
    return path.join(this.dir, manifestName(this.tool));
  }

  /**
   * Opens (and creates, if missing) a tool's output folder.
   * @param dir the folder.
   * @param options the tool's name, and whether the user forces writing.
   * @throws ToolError when `dir` is a file, when it is not empty and holds no manifest of this tool, or when its
   *   manifest is not one this tool wrote (not JSON, or an entry outside the folder) — unless forced (a forced
   *   open drops the manifest's bad entries, which are then never deleted).
   */
  static open(dir: string, options: OwnedFolderOptions): OwnedFolder {
    const absolute = path.resolve(dir);
    const shown = path.relative(process.cwd(), absolute) || ".";
    const forceHint = options.forceHint ?? "pass --force";
    const kind = entryKind(absolute);
    if (kind === "link") {
      // a link could point anywhere; resolve it once and own the real folder
      return OwnedFolder.open(realFolder(absolute, shown), options);
    }
    if (kind !== undefined && kind !== "dir")
      throw new ToolError(`${shown} exists and is not a folder; choose another output folder`);
    mkdirSync(absolute, { recursive: true });
    const manifestFile = path.join(absolute, manifestName(options.tool));
    const recorded = new Map<string, string>();
    if (entryKind(manifestFile) === undefined) {
      const entries = readdirSync(absolute);
      if (entries.length && !options.force) {
        throw new ToolError(
          `${shown} is not empty and was not written by ${options.tool} (no ${manifestName(options.tool)} in it): choose an empty folder, or ${forceHint} to write into it (files of the same names are replaced, others are kept)`,
        );
      }
      return new OwnedFolder(absolute, options, recorded);
    }
    const problem = readManifest(manifestFile, options.tool, recorded);
    if (problem && !options.force) {
      throw new ToolError(
        `${path.join(shown, manifestName(options.tool))} ${problem}: it was not written by ${options.tool}; check the folder, then delete that file or ${forceHint}`,
      );
    }
    return new OwnedFolder(absolute, options, recorded);
  }

  /** The absolute path of a confined relative path, after checking that no folder on the way is a link. */
  private resolveInside(relPath: string, shownRel: string = relPath): string {
    const rel = confinedRelativePath(relPath);
    if (rel === undefined)
      throw new ToolError(
        `${this.tool}: refusing path ${JSON.stringify(shownRel)}: it is not a plain relative path inside ${this.dir}`,
      );
    if (rel === manifestName(this.tool))
      throw new ToolError(`${this.tool}: refusing to write ${rel}: that name is the folder's manifest`);
    const parts = rel.split("/");
    for (let i = 1; i < parts.length; i++) {
      const kind = entryKind(path.join(this.dir, ...parts.slice(0, i)));
      if (kind === undefined) break;
      if (kind !== "dir") {
        throw new ToolError(
          `${this.tool}: refusing path ${rel}: ${parts.slice(0, i).join("/")} in ${this.dir} is ${kind === "link" ? "a symbolic link" : "not a folder"}`,
        );
      }
    }
    return path.join(this.dir, ...parts);
  }

  /**
   * Queues a file to write at commit.
   * @param relPath the path inside the folder, `/`-separated (`04-x.ipynb`, `assets/site.css`).
   * @param data the content.
   * @throws ToolError when the path leaves the folder, or the file exists and may not be replaced (see
   *   {@link OwnedFolder.commit}; checked here too, so a tool can refuse before doing more work).
   */
  write(relPath: string, data: string | Uint8Array): void {
    const target = this.resolveInside(relPath);
    const rel = confinedRelativePath(relPath)!;
    this.checkReplaceable(rel, target, sha256(data));
    this.pending.set(rel, { kind: "data", data });
  }

  /**
   * Queues every file under `fromDir` (a finished build in a temporary folder) to be copied in at commit, at the
   * same relative paths. Same checks as {@link OwnedFolder.write} for each file.
   */
  adopt(fromDir: string): void {
    for (const rel of filesUnder(fromDir)) {
      if (rel === manifestName(this.tool)) continue;
      const from = path.join(fromDir, ...rel.split("/"));
      const target = this.resolveInside(rel);
      this.checkReplaceable(rel, target, sha256(readFileSync(from)));
      this.pending.set(rel, { kind: "file", from });
    }
  }

  /**
   * Throws unless `target` may be replaced by content with hash `newHash`: nothing there, or the same content
   * already, or a file this tool recorded and nobody changed since — or the user forced it.
   */
  private checkReplaceable(rel: string, target: string, newHash: string): void {
    const kind = entryKind(target);
    if (kind === undefined) return;
    const shown = path.relative(process.cwd(), target);
    if (kind !== "file")
      throw new ToolError(
        `${shown} exists and is not a file (${kind === "link" ? "a symbolic link" : kind}); move it away first`,
      );
    if (this.force) return;
    const current = sha256(readFileSync(target));
    if (current === newHash) return;
    const recorded = this.recorded.get(rel);
    if (recorded === undefined) {
      throw new ToolError(
        `${shown} exists and was not written by ${this.tool}: move it away to keep it, or ${this.forceHint} to replace it`,
      );
    }
    if (recorded !== current) {
      throw new ToolError(
        `${shown} was changed since ${this.tool} wrote it: rename or move it to keep your changes, or ${this.forceHint} to replace it`,
      );
    }
  }

  /**
   * Writes every queued file, deletes the files recorded by an earlier run that were not written this time and
   * are unchanged (changed ones are kept, and forgotten), removes folders that this left empty, and saves the
   * manifest. Every queued file is checked again before the first is written, so a refusal writes nothing.
   * @throws ToolError when a queued file may not be replaced (see {@link OwnedFolder.write}).
   */
  commit(): CommitResult {
    const hashes = new Map<string, string>();
    for (const [rel, item] of this.pending) {
      const hash = sha256(item.kind === "data" ? item.data : readFileSync(item.from));
      this.checkReplaceable(rel, this.resolveInside(rel), hash);
      hashes.set(rel, hash);
    }
    const written: string[] = [];
    for (const [rel, item] of this.pending) {
      const target = this.resolveInside(rel);
      mkdirSync(path.dirname(target), { recursive: true });
      // written beside the target and renamed over it: a crash never leaves half a file, and a hard link planted
      // at the target is replaced instead of having the file it shares written through it
      const temporary = `${target}.dlnotes-tmp-${process.pid}`;
      if (item.kind === "data") writeFileSync(temporary, item.data);
      else copyFileSync(item.from, temporary);
      renameSync(temporary, target);
      written.push(rel);
    }
    const removed: string[] = [];
    const kept: string[] = [];
    for (const [rel, recordedHash] of this.recorded) {
      if (this.pending.has(rel)) continue;
      let target: string;
      try {
        target = this.resolveInside(rel);
      } catch {
        continue; // a manifest entry that is not confined to the folder is never acted on
      }
      const kind = entryKind(target);
      if (kind === undefined) continue;
      if (kind === "file" && sha256(readFileSync(target)) === recordedHash) {
        unlinkSync(target);
        removed.push(rel);
        this.removeEmptyParents(rel);
      } else {
        kept.push(rel);
      }
    }
    this.saveManifest(hashes);
    return { written: written.sort(), removed: removed.sort(), kept: kept.sort() };
  }

  /** Removes the folders of `rel` that are empty now, deepest first, never the owned folder itself. */
  private removeEmptyParents(rel: string): void {
    const parts = rel.split("/").slice(0, -1);
    while (parts.length) {
      const folder = path.join(this.dir, ...parts);
      if (entryKind(folder) !== "dir" || readdirSync(folder).length) return;
      rmdirSync(folder);
      parts.pop();
    }
  }

  private saveManifest(hashes: Map<string, string>): void {
    const manifest: Manifest = {
      tool: this.tool,
      files: Object.fromEntries([...hashes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    };
    const temporary = `${this.manifestPath}.tmp-${process.pid}`;
    writeFileSync(temporary, JSON.stringify(manifest, null, 1) + "\n");
    renameSync(temporary, this.manifestPath);
  }
}

/** The real folder a link points at, or a ToolError. */
function realFolder(link: string, shown: string): string {
  try {
    const stat = statSync(link);
    if (!stat.isDirectory())
      throw new ToolError(`${shown} is a link to something that is not a folder; choose another output folder`);
    // realpath resolves chains of links; the folder then owned is the real one
    return realpathSync(link);
  } catch (error) {
    if (error instanceof ToolError) throw error;
    throw new ToolError(`${shown} is a broken symbolic link; choose another output folder`);
  }
}

/**
 * Reads a manifest into `recorded`, keeping only well-formed entries confined to the folder. Returns a short
 * description of the first problem (for the refusal message), or undefined when the manifest is sound.
 */
function readManifest(file: string, tool: string, recorded: Map<string, string>): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return "is not valid JSON";
  }
  const files = (parsed as Partial<Manifest> | null)?.files;
  if (!parsed || typeof parsed !== "object" || !files || typeof files !== "object" || Array.isArray(files))
    return 'has no "files" object';
  if ((parsed as Partial<Manifest>).tool !== tool)
    return `names another tool (${JSON.stringify((parsed as Partial<Manifest>).tool)})`;
  let problem: string | undefined;
  for (const [rel, hash] of Object.entries(files)) {
    const clean = confinedRelativePath(rel);
    if (clean === undefined || clean !== rel || rel === manifestName(tool)) {
      problem ??= `lists ${JSON.stringify(rel)}, which is not a plain path inside the folder`;
      continue;
    }
    if (typeof hash !== "string" || !/^[0-9a-f]{64}$/.test(hash)) {
      problem ??= `has a bad hash for ${JSON.stringify(rel)}`;
      continue;
    }
    recorded.set(rel, hash);
  }
  return problem;
}

/**
 * Builds a tool's whole output into a fresh temporary folder, then, only if `build` succeeded, replaces `dir`'s
 * content with it through an {@link OwnedFolder} (same refusals; files of the previous run that the new build
 * did not make are removed if unchanged). A failing build throws its error and leaves `dir` untouched. The
 * ownership of `dir` is checked before building, so a refusal comes at once.
 * @param dir the output folder.
 * @param tool the tool's name (the manifest's).
 * @param build writes the output into the temporary folder it is given.
 * @param options `force` and `forceHint` as for {@link OwnedFolder.open}.
 * @returns what the commit did.
 */
export async function buildThenReplace(
  dir: string,
  tool: string,
  build: (temporaryDir: string) => Promise<void>,
  options: Omit<OwnedFolderOptions, "tool"> = {},
): Promise<CommitResult> {
  const folder = OwnedFolder.open(dir, { ...options, tool });
  const temporary = mkdtempSync(path.join(os.tmpdir(), `dlnotes-${tool}-`));
  try {
    await build(temporary);
    folder.adopt(temporary);
    return folder.commit();
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
}
