/**
 * "TypeScript (dlnotes)" in JupyterLite: a kernel that lives in the page and drives the runnable course notes'
 * worker (export/runner: TypeScript 5.0.4 type-checking each cell against the library's declarations, one shared
 * scope, console and display) through the runner's own page session and message protocol. One worker per
 * kernel, so one scope per notebook, as with tslab. Restart disposes the kernel, which terminates its worker:
 * that is how a runaway cell ends, because JupyterLite's Interrupt cannot stop a cell that never yields.
 */
import { BaseKernel, type IKernel } from "@jupyterlite/services";
import type { KernelMessage } from "@jupyterlab/services";
import { WorkerSession } from "../../export/runner/src/page/session";
import type { FromWorker } from "../../export/runner/src/protocol";
import { KERNEL_DISPLAY_NAME } from "../../src/core/definitions";
import { completeReply, inspectReply, iopubOf, utf16Offset, type JupyterError, type TracebackContext } from "./outputs";

/** The TypeScript the worker bundles (package.json pins typescript 5.0.4, as tslab does). */
const TYPESCRIPT_VERSION = "5.0.4";

/** Shown by JupyterLab's console and kernel info: what this kernel is and the one thing it cannot do. */
export const BANNER = [
  `${KERNEL_DISPLAY_NAME}, running in this browser tab (TypeScript ${TYPESCRIPT_VERSION}, the dlnotes library built in).`,
  "Interrupt cannot stop a running cell here; Kernel > Restart Kernel does (it also clears every variable).",
  "No Node API in cells (no fs, no require); nothing a cell runs can reach the network.",
].join("\n");

/**
 * Type-checked (not run) once the kernel is ready, while the student reads: it loads the library's declarations
 * into the language service, so the first completion after `grid.` answers in milliseconds instead of seconds.
 */
const WARM_UP = 'import { zeros } from "dlnotes";\nzeros([1, 1]).shape;';

/** The kernel behind every notebook of the JupyterLite site. */
export class DlnotesKernel extends BaseKernel {
  private readonly session: WorkerSession;
  private readonly started: Promise<void>;
  /** The prompt number each cell (by id) last ran with: a traceback names cells as `In [n]`. */
  private readonly counts = new Map<string, number>();

  /**
   * @param options JupyterLite's kernel options (id, name, message sink)
   * @param assetBase URL of the folder holding `runner-worker.js` (the extension's static folder), ending in "/"
   */
  constructor(options: IKernel.IOptions, assetBase: string) {
    super(options);
    this.session = new WorkerSession(assetBase, () => undefined);
    // Start the worker now and type-check an empty cell, so the compiler is warm when the first cell runs. A
    // failure is not thrown here (JupyterLite would hang the kernel); the first execute reports it.
    this.started = this.session.request({ type: "check", cellId: "", code: "" }).then(
      () => void this.session.request({ type: "check", cellId: "", code: WARM_UP }).catch(() => undefined),
      () => undefined,
    );
  }

  /** Resolves when the worker is up: JupyterLab shows the kernel idle only then. */
  override get ready(): Promise<void> {
    return this.started;
  }

  /** Ends the worker (and with it any running cell and the notebook's scope). */
  override dispose(): void {
    if (this.isDisposed) return;
    this.session.stop();
    super.dispose();
  }

  async kernelInfoRequest(): Promise<KernelMessage.IInfoReplyMsg["content"]> {
    return {
      status: "ok",
      protocol_version: "5.3",
      implementation: "dlnotes",
      implementation_version: "0.1.0",
      language_info: {
        name: "typescript",
        version: TYPESCRIPT_VERSION,
        mimetype: "text/typescript",
        file_extension: ".ts",
        codemirror_mode: { name: "typescript" },
      },
      banner: BANNER,
      help_links: [],
    };
  }

  async executeRequest(
    content: KernelMessage.IExecuteRequestMsg["content"],
  ): Promise<KernelMessage.IExecuteReplyMsg["content"]> {
    const executionCount = this.executionCount;
    const parentHeader = this.parentHeader;
    const cellId = this.cellId();
    this.counts.set(cellId, executionCount);
    const context: TracebackContext = {
      code: content.code,
      executionCount,
      countOf: (id) => this.counts.get(id),
    };
    let error: JupyterError | undefined;
    const publish = (message: FromWorker) => {
      const output = iopubOf(message, context);
      if (!output) return;
      if (output.kind === "error") error = output.content;
      if (content.silent) return;
      switch (output.kind) {
        case "stream":
          return this.stream(output.content, parentHeader);
        case "display_data":
          return this.displayData(output.content, parentHeader);
        case "update_display_data":
          // forwarded as tslab would: the library's live curves already change MIME type where plotly's renderer
          // needs it (pictures while training, the figure at the end; docs/live-curves.md)
          return this.updateDisplayData(output.content, parentHeader);
        case "execute_result":
          return this.publishExecuteResult({ ...output.content, execution_count: executionCount }, parentHeader);
        case "error":
          return this.publishExecuteError(output.content, parentHeader);
      }
    };
    try {
      const done = await this.session.request({ type: "run", cellId, code: content.code }, publish);
      if (done.type === "done" && done.ok)
        return { status: "ok", execution_count: executionCount, user_expressions: {} };
      error ??= { ename: "KernelRestarted", evalue: "the cell was stopped (the kernel restarted)", traceback: [] };
    } catch (failure) {
      const reason = failure instanceof Error ? failure.message : String(failure);
      error = {
        ename: "KernelError",
        evalue: `the TypeScript kernel could not start: ${reason}`,
        traceback: [
          `the TypeScript kernel could not start: ${reason}`,
          "Reload the page; if that does not help, the site is incomplete (rebuild it with npm run build:lite).",
        ],
      };
      this.publishExecuteError(error, parentHeader);
    }
    return { status: "error", execution_count: executionCount, ...error };
  }

  async completeRequest(
    content: KernelMessage.ICompleteRequestMsg["content"],
  ): Promise<KernelMessage.ICompleteReplyMsg["content"]> {
    const answer = await this.ask({
      type: "complete",
      cellId: this.cellId(),
      code: content.code,
      offset: utf16Offset(content.code, content.cursor_pos),
    });
    if (answer?.type !== "completions")
      return {
        status: "ok",
        matches: [],
        cursor_start: content.cursor_pos,
        cursor_end: content.cursor_pos,
        metadata: {},
      };
    return completeReply(content.code, answer);
  }

  async inspectRequest(
    content: KernelMessage.IInspectRequestMsg["content"],
  ): Promise<KernelMessage.IInspectReplyMsg["content"]> {
    const answer = await this.ask({
      type: "inspect",
      cellId: this.cellId(),
      code: content.code,
      offset: utf16Offset(content.code, content.cursor_pos),
    });
    if (answer?.type !== "inspected") return { status: "ok", found: false, data: {}, metadata: {} };
    return inspectReply(answer);
  }

  async isCompleteRequest(
    content: KernelMessage.IIsCompleteRequestMsg["content"],
  ): Promise<KernelMessage.IIsCompleteReplyMsg["content"]> {
    const answer = await this.ask({ type: "isComplete", code: content.code });
    if (answer?.type !== "completeness") return { status: "unknown" };
    return answer.status === "incomplete" ? { status: "incomplete", indent: answer.indent } : { status: answer.status };
  }

  /** A question to the worker; undefined when it cannot answer (it failed to start, or the kernel restarted). */
  private async ask(request: Parameters<WorkerSession["request"]>[0]): Promise<FromWorker | undefined> {
    try {
      return await this.session.request(request);
    } catch {
      return undefined;
    }
  }

  /** The id of the cell the current request comes from (JupyterLab puts it in the message metadata). */
  private cellId(): string {
    return String((this.parent?.metadata as { cellId?: unknown } | undefined)?.cellId ?? "");
  }

  async commInfoRequest(
    _content: KernelMessage.ICommInfoRequestMsg["content"],
  ): Promise<KernelMessage.ICommInfoReplyMsg["content"]> {
    return { status: "ok", comms: {} };
  }

  /** No cell asks for input (the worker has no prompt), so a reply has nothing to answer. */
  inputReply(_content: KernelMessage.IInputReplyMsg["content"]): void {}

  /** Widgets are not part of the course: comm messages are ignored. */
  async commOpen(_msg: KernelMessage.ICommOpenMsg): Promise<void> {}
  async commMsg(_msg: KernelMessage.ICommMsgMsg): Promise<void> {}
  async commClose(_msg: KernelMessage.ICommCloseMsg): Promise<void> {}
}
