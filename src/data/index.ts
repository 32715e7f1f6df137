/** data: see README. */
export {};
