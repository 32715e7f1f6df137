/**
 * PNG encoding of RGB pictures, through the npm package `fast-png` (image-js; pure JavaScript on pako, so it
 * needs no node:zlib and runs in a browser as well). Images are embedded in figures as PNG data URIs (a 64×64
 * picture is a few kB) instead of Plotly's `z` pixel arrays (tens of kB of JSON each).
 *
 * fast-png is pinned to 6.4.0, its last release with a CommonJS build: tslab loads packages with `require`
 * (7.x is ESM-only), and 6.4.0's typings read with TypeScript 5.0.
 */
import { encode } from "fast-png";
import { ValueError } from "../core";

/**
 * Encodes an RGB image as PNG (8-bit truecolour, no interlace, best compression).
 * @param rgb - `height * width * 3` bytes, row-major (row, column, channel), as numpy's (h, w, 3) uint8.
 * @throws ValueError for a size that is not a positive integer or a byte count that does not match it
 * @example encodePng(new Uint8Array(2 * 2 * 3).fill(255), 2, 2) // a white 2×2 PNG
 */
export function encodePng(rgb: Uint8Array, width: number, height: number): Uint8Array {
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
    throw new ValueError(`encodePng: width and height must be positive integers, got ${width}×${height}`);
  }
  if (rgb.length !== width * height * 3) {
    throw new ValueError(`encodePng: expected ${width}×${height}×3 = ${width * height * 3} bytes, got ${rgb.length}`);
  }
  return encode({ width, height, data: rgb, channels: 3, depth: 8 }, { zlib: { level: 9 } });
}

/** Base64 of bytes with the standard `btoa` (Node 16+ and browsers), in slices that fit an argument list. */
function base64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * `data:image/png;base64,...` for an RGB image (see {@link encodePng}).
 * @example pngDataUri(pixels, 64, 64) // "data:image/png;base64,iVBORw0KGgo..."
 */
export function pngDataUri(rgb: Uint8Array, width: number, height: number): string {
  return `data:image/png;base64,${base64(encodePng(rgb, width, height))}`;
}
