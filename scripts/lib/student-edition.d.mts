/** The tag that marks an exercise's solution cell (cell.metadata.tags). */
export declare const SOLUTION_TAG: "solution";
/** A solution cell that breaks the convention; the message names the notebook, the cell and what to fix. */
export declare class StudentEditionError extends Error {}
/** A notebook cell as far as the student edition reads it. */
export interface NotebookCell {
  cell_type: string;
  id?: string;
  metadata?: { tags?: string[]; [key: string]: unknown };
  source: string | string[];
  [key: string]: unknown;
}
/** A parsed .ipynb. */
export interface Notebook {
  cells: NotebookCell[];
  [key: string]: unknown;
}
/** A cell's source as one string. */
export declare function sourceText(cell: NotebookCell): string;
/** A string as nbformat's list of lines. */
export declare function sourceLines(text: string): string[];
/** True when the cell carries the `solution` tag. */
export declare function isSolutionCell(cell: NotebookCell): boolean;
/** The stubbed source of one solution cell and the names of the functions it stubbed. */
export declare function stubSolutionSource(text: string, where: string): { source: string; functions: string[] };
/** The student edition of a parsed notebook (a new object), and which cells were stubbed. */
export declare function studentNotebook(nb: Notebook, name: string): { notebook: Notebook; stubbed: { index: number; functions: string[] }[] };
