/** plot: see README. */
export {};
