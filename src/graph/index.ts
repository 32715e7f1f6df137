/** graph: see README. */
export {};
