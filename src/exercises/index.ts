/** Self-checks for the notebooks' exercises: each prints a clear pass or a hint. */
export {};
// Lessons 01-03 (binary classification, logistic regression, loss and cost)
export * from "./lesson01";
export * from "./lesson02";
export * from "./lesson03";
