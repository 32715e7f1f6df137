/**
 * dlnotes: the typed library behind the week-2 deep learning notebooks.
 *
 * - `ndarray`: a float64 n-d array with numpy semantics and shape-aware types;
 */
export * from "./ndarray";
