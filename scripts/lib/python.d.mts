/** The project folder (the checkout). */
export declare const projectDir: string;
/** The project's own virtual environment made by `npm run setup`. */
export declare const venvDir: string;
/** Candidate interpreters, best first, with where each came from. */
export declare function pythonCandidates(): { python: string; source: string }[];
/** The project's Python that can import `modules`, or throws one line saying how to get it. */
export declare function projectPython(modules?: string[]): string;
/** Like projectPython, but undefined instead of throwing. */
export declare function findProjectPython(modules?: string[]): string | undefined;
/** A command installed next to the project's Python (jupyter, pip), or undefined. */
export declare function projectCommand(name: string, python?: string): string | undefined;
