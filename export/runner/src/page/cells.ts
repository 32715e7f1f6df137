/**
 * The code cells of an exported page (nbconvert's lab template: `.jp-CodeCell`, source in
 * `.jp-InputArea-editor pre`, id `cell-id=<notebook cell id>`), each given a Run button, an output area of its
 * own and, once the editor script has loaded (api.ts), a CodeMirror editor in place of the static code. The
 * saved outputs stay in the page, hidden while the cell's new output shows. Edits are stored per page (edits.ts);
 * "↺ Course code" brings back the course's code.
 */
import type { CellEditor, CellEditorHost, EditorModule } from "../editor/api";
import type { EditStore } from "./edits";
import { OutputArea } from "./outputs";

/** What a cell needs from the runner. */
export interface CellOwner {
  run(cell: RunnableCell): void;
  /** Loads the editor script (first click or focus in a cell). */
  wantEditor(cell: RunnableCell): void;
  editorHost(cell: RunnableCell): Omit<CellEditorHost, "run" | "changed">;
  readonly edits: EditStore;
}

export class RunnableCell {
  readonly id: string;
  readonly index: number;
  readonly runButton: HTMLButtonElement;
  readonly output: OutputArea;
  /** The code as the course wrote it (the exported page's). */
  readonly courseCode: string;
  private pre: HTMLElement;
  private editor: CellEditor | null = null;
  private readonly resetButton: HTMLButtonElement;
  /** The edited note and ↺ Course code, below the code (shown only when the cell was edited). */
  private readonly editedNote: HTMLElement;
  private readonly area: HTMLElement;
  private readonly prompt: HTMLElement | null;
  private readonly savedPrompt: string;

  constructor(
    readonly element: HTMLElement,
    index: number,
    private readonly owner: CellOwner,
  ) {
    this.index = index;
    this.id = element.id.replace(/^cell-id=/, "") || `cell-${index}`;
    this.pre =
      element.querySelector<HTMLElement>(".jp-InputArea-editor pre") ?? element.querySelector<HTMLElement>("pre")!;
    this.courseCode = (this.pre.textContent ?? "").replace(/\n$/, "");
    const stored = owner.edits.get(this.id);
    if (stored !== undefined) this.pre.textContent = stored; // plain until the editor loads (it loads at once then)
    this.pre.tabIndex = 0;
    this.pre.classList.add("dlnotes-static-code");
    this.pre.setAttribute("role", "textbox");
    this.pre.setAttribute("aria-label", this.label);
    const wake = () => owner.wantEditor(this);
    this.pre.addEventListener("focus", wake);
    const codeArea = this.pre.closest<HTMLElement>(".jp-InputArea-editor") ?? this.pre;
    codeArea.addEventListener("pointerdown", () => {
      if (!this.editor) wake();
    });
    // a click in the code box but below the code's last line still puts the cursor in the editor
    codeArea.addEventListener("click", (e) => {
      if (this.editor && !(e.target instanceof Element && e.target.closest(".cm-editor"))) this.editor.focus();
    });
    this.prompt = element.querySelector<HTMLElement>(".jp-InputPrompt");
    this.savedPrompt = this.prompt?.textContent ?? "";
    this.runButton = document.createElement("button");
    this.runButton.type = "button";
    this.runButton.className = "dlnotes-run-button";
    this.runButton.textContent = "▶ Run";
    this.runButton.title = "Run this cell (Shift+Enter in the code)";
    this.runButton.addEventListener("click", () => owner.run(this));
    this.resetButton = document.createElement("button");
    this.resetButton.type = "button";
    this.resetButton.className = "dlnotes-reset-code";
    this.resetButton.textContent = "↺ Course code";
    this.resetButton.title =
      "Reset to the course's code (your edit of this cell is discarded; Ctrl+Z in the code brings it back)";
    this.resetButton.setAttribute("aria-label", "Reset to the course's code");
    this.resetButton.addEventListener("click", () => this.resetCode());
    this.editedNote = document.createElement("span");
    this.editedNote.className = "dlnotes-edited";
    this.editedNote.textContent = "edited, saved in this browser";
    const tools = document.createElement("div");
    tools.className = "dlnotes-cell-tools";
    tools.append(this.runButton);
    (this.prompt ?? element).appendChild(tools);
    const editTools = document.createElement("div");
    editTools.className = "dlnotes-edit-tools";
    editTools.append(this.editedNote, this.resetButton);
    codeArea.appendChild(editTools);
    this.area = document.createElement("div");
    this.area.className = "dlnotes-run-area";
    this.area.hidden = true;
    const input = element.querySelector(".jp-Cell-inputWrapper");
    if (input?.nextSibling) element.insertBefore(this.area, input.nextSibling);
    else element.appendChild(this.area);
    this.output = new OutputArea(this.area);
    this.showEdited();
  }

  private get label(): string {
    return `code of cell ${this.index + 1}, TypeScript (Shift+Enter runs it; Escape then Tab leaves the editor)`;
  }

  /** The cell's current code (what the reader sees, edits included). */
  get code(): string {
    return this.editor ? this.editor.code : (this.pre.textContent ?? "").replace(/\n$/, "");
  }

  /** True once the CodeMirror editor replaced the static code. */
  get hasEditor(): boolean {
    return this.editor !== null;
  }

  /** Replaces the static code by an editor (keeps focus in the cell if the reader was in it). */
  attachEditor(module: EditorModule): void {
    if (this.editor) return;
    const hadFocus = document.activeElement === this.pre;
    this.pre.closest(".jp-InputArea-editor")?.classList.add("dlnotes-has-editor");
    const host: CellEditorHost = {
      ...this.owner.editorHost(this),
      run: () => this.owner.run(this),
      changed: (code) => {
        this.owner.edits.set(this.id, code, this.courseCode);
        this.showEdited();
      },
    };
    this.editor = module.create(this.pre, this.code, this.label, host);
    if (hadFocus) this.editor.focus();
  }

  focus(): void {
    if (this.editor) this.editor.focus();
    else this.pre.focus();
  }

  /** Back to the course's code (undoable in the editor); the stored edit is removed. */
  resetCode(): void {
    if (this.editor) this.editor.setCode(this.courseCode);
    else this.pre.textContent = this.courseCode;
    this.owner.edits.set(this.id, this.courseCode, this.courseCode);
    this.showEdited();
  }

  private showEdited(): void {
    const edited = this.owner.edits.get(this.id) !== undefined;
    this.resetButton.hidden = !edited;
    this.editedNote.hidden = !edited;
    (this.resetButton.parentElement as HTMLElement).hidden = !edited;
    this.element.classList.toggle("dlnotes-cell-edited", edited);
  }

  private get saved(): HTMLElement | null {
    return this.element.querySelector<HTMLElement>(":scope > .jp-Cell-outputWrapper");
  }

  /** Shows the run's output area instead of the saved outputs, emptied. */
  begin(): void {
    this.output.clear();
    this.area.hidden = false;
    // line the outputs up with the code (the prompt column's width depends on the page's CSS)
    const code = this.element.querySelector(".jp-InputArea-editor") ?? this.pre;
    this.area.style.paddingLeft = `${Math.max(0, code.getBoundingClientRect().left - this.element.getBoundingClientRect().left)}px`;
    if (this.saved) this.saved.style.display = "none";
    this.element.classList.add("dlnotes-running");
    this.setPrompt("[*]");
  }

  /** Marks the end of a run; `count` is the run number shown in the prompt. */
  end(ok: boolean, count: number): void {
    this.element.classList.remove("dlnotes-running");
    this.element.classList.toggle("dlnotes-failed", !ok);
    this.setPrompt(ok ? `[${count}]` : "[!]");
  }

  /** Back to the page as exported: saved outputs visible, run outputs gone (edits are kept). */
  restore(): void {
    this.output.clear();
    this.area.hidden = true;
    if (this.saved) this.saved.style.display = "";
    this.element.classList.remove("dlnotes-running", "dlnotes-failed");
    if (this.prompt?.firstChild?.nodeType === Node.TEXT_NODE) this.prompt.firstChild.textContent = this.savedPrompt;
  }

  private setPrompt(text: string): void {
    if (this.prompt?.firstChild?.nodeType === Node.TEXT_NODE) this.prompt.firstChild.textContent = `In ${text}:`;
  }
}

/** Every code cell of the page, in reading order. */
export function findCells(owner: CellOwner): RunnableCell[] {
  return Array.from(document.querySelectorAll<HTMLElement>(".jp-CodeCell")).map(
    (el, i) => new RunnableCell(el, i, owner),
  );
}
