/** Self-checks for the notebooks' exercises: each prints a clear pass or a hint. */
export {};
// Lessons 01-03 (binary classification, logistic regression, loss and cost)
export * from "./lesson01";
export * from "./lesson02";
export * from "./lesson03";
// Lessons 04-06 (gradient descent, computation graph, logistic regression on the graph)
export * from "./lesson04";
export * from "./lesson05";
export * from "./lesson06";
// Lesson 07 (training on the pictures)
export * from "./lesson07";
// Lesson 08 (vectorization and broadcasting)
export * from "./lesson08";
// The student edition's placeholder (`return todo("name")`) and what the checks catch from it
export { todo, NotAttempted } from "./feedback";
