/** Errors raised by the library. Messages always name the operation and the offending shapes or values. */

/** Shapes that do not fit an operation (broadcasting, matmul, reshape, ...). */
export class ShapeError extends Error {
  override name = "ShapeError";
}

/** A value that is not acceptable (NaN, a label that is not 0/1, a bad learning rate, ...). */
export class ValueError extends Error {
  override name = "ValueError";
}
