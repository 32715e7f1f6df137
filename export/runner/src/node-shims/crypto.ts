/** TEMPORARY stand-in for node:crypto's randomBytes (hex ids only) in the browser bundle. */
import { randomHex } from "../../../../src/platform/browser";
export function randomBytes(n: number): { toString(encoding: "hex"): string } {
  const hex = randomHex(n);
  return { toString: () => hex };
}
export default { randomBytes };
