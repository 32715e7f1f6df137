/** learn: see README. */
export {};
