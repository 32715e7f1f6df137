/**
 * The reader's edits, kept in the browser's localStorage under one key per page (`dlnotes-edits:` + the page's
 * path), as { cell id: code }. A cell whose code equals the course's is not stored. Nothing leaves the browser;
 * clearing the site data (or ↺ in a cell) brings back the course's code.
 */

/** Edits of one page. */
export class EditStore {
  private readonly key: string;
  private edits: { [cellId: string]: string } = {};
  /** False when the browser refuses storage (private mode, storage off): edits then last until the page closes. */
  available = true;

  constructor(pagePath: string) {
    this.key = `dlnotes-edits:${pagePath}`;
    try {
      const text = window.localStorage.getItem(this.key);
      const parsed: unknown = text ? JSON.parse(text) : {};
      if (parsed && typeof parsed === "object") {
        for (const [id, code] of Object.entries(parsed)) if (typeof code === "string") this.edits[id] = code;
      }
    } catch {
      this.available = false; // storage off, or a value this page did not write: start without saved edits
    }
  }

  /** The stored code of a cell, if the reader changed it. */
  get(cellId: string): string | undefined {
    return Object.prototype.hasOwnProperty.call(this.edits, cellId) ? this.edits[cellId] : undefined;
  }

  /** Records a cell's code (removed when it equals the course's code). */
  set(cellId: string, code: string, courseCode: string): void {
    if (code === courseCode) delete this.edits[cellId];
    else this.edits[cellId] = code;
    this.save();
  }

  /** True when the page has stored edits. */
  get any(): boolean {
    return Object.keys(this.edits).length > 0;
  }

  private save(): void {
    try {
      if (this.any) window.localStorage.setItem(this.key, JSON.stringify(this.edits));
      else window.localStorage.removeItem(this.key);
      this.available = true;
    } catch {
      this.available = false;
    }
  }
}
