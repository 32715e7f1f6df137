/**
 * The bottom layer: what every other folder shares and nothing depends on. Imports nothing from src/.
 */
export { DlnotesError, ShapeError, ValueError } from "./errors";
export { base64, utf8Base64 } from "./base64";
export { formatShape, formatNumber, formatSignificant } from "./format";
export { escapeMarkup } from "./escape";
export { describe } from "./describe";
export { sigmoidScalar, logitLoss } from "./scalar";
export { medianMs } from "./timing";
export * from "./definitions";
