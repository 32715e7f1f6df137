/** TEMPORARY stand-in for node:crypto's randomBytes (hex ids only) in the browser bundle. */
import { randomId } from "../../../../src/platform/browser";
export function randomBytes(n: number): { toString(encoding: "hex"): string } {
  const hex = randomId(n);
  return { toString: () => hex };
}
export default { randomBytes };
