/**
 * The code cells of an exported page (nbconvert's lab template: `.jp-CodeCell`, source in
 * `.jp-InputArea-editor pre`, id `cell-id=<notebook cell id>`), made editable and given a Run button and an
 * output area of their own. The saved outputs stay in the page, hidden while the cell's new output shows.
 */
import { OutputArea } from "./outputs";

export class RunnableCell {
  readonly id: string;
  readonly index: number;
  readonly editor: HTMLElement;
  readonly runButton: HTMLButtonElement;
  readonly output: OutputArea;
  private readonly area: HTMLElement;
  private readonly prompt: HTMLElement | null;
  private readonly savedPrompt: string;

  constructor(readonly element: HTMLElement, index: number, onRun: (cell: RunnableCell) => void) {
    this.index = index;
    this.id = element.id.replace(/^cell-id=/, "") || `cell-${index}`;
    this.editor = element.querySelector<HTMLElement>(".jp-InputArea-editor pre") ?? element.querySelector<HTMLElement>("pre")!;
    this.editor.contentEditable = "plaintext-only";
    this.editor.spellcheck = false;
    this.editor.classList.add("dlnotes-editable");
    this.editor.setAttribute("aria-label", `code of cell ${index + 1} (editable; Shift+Enter runs it)`);
    this.editor.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && e.shiftKey) {
        e.preventDefault();
        onRun(this);
      } else if (e.key === "Tab") {
        e.preventDefault();
        document.execCommand("insertText", false, "  ");
      }
    });
    this.prompt = element.querySelector<HTMLElement>(".jp-InputPrompt");
    this.savedPrompt = this.prompt?.textContent ?? "";
    this.runButton = document.createElement("button");
    this.runButton.type = "button";
    this.runButton.className = "dlnotes-run-button";
    this.runButton.textContent = "▶ Run";
    this.runButton.title = "Run this cell (Shift+Enter in the code)";
    this.runButton.addEventListener("click", () => onRun(this));
    (this.prompt ?? element).appendChild(this.runButton);
    this.area = document.createElement("div");
    this.area.className = "dlnotes-run-area";
    this.area.hidden = true;
    const input = element.querySelector(".jp-Cell-inputWrapper");
    if (input?.nextSibling) element.insertBefore(this.area, input.nextSibling);
    else element.appendChild(this.area);
    this.output = new OutputArea(this.area);
  }

  /** The cell's current code (what the reader sees, edits included). */
  get code(): string {
    return (this.editor.textContent ?? "").replace(/\n$/, "");
  }

  private get saved(): HTMLElement | null {
    return this.element.querySelector<HTMLElement>(":scope > .jp-Cell-outputWrapper");
  }

  /** Shows the run's output area instead of the saved outputs, emptied. */
  begin(): void {
    this.output.clear();
    this.area.hidden = false;
    // line the outputs up with the code (the prompt column's width depends on the page's CSS)
    this.area.style.paddingLeft = `${Math.max(0, this.editor.getBoundingClientRect().left - this.element.getBoundingClientRect().left)}px`;
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
export function findCells(onRun: (cell: RunnableCell) => void): RunnableCell[] {
  return Array.from(document.querySelectorAll<HTMLElement>(".jp-CodeCell")).map((el, i) => new RunnableCell(el, i, onRun));
}
