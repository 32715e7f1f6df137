/**
 * A minimal PNG encoder (8-bit RGB, no interlace) on node:zlib. Images are embedded in figures as PNG data
 * URIs (a 64×64 picture is a few kB) instead of Plotly's `z` pixel arrays (tens of kB of JSON each).
 */
import { deflateSync } from "node:zlib";
import { ValueError } from "../ndarray/errors";

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.write(type, 4, "ascii");
  Buffer.from(body).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length);
  return out;
}

/**
 * Encodes an RGB image as PNG.
 * @param rgb - `height * width * 3` bytes, row-major (row, column, channel), as numpy's (h, w, 3) uint8.
 */
export function encodePng(rgb: Uint8Array, width: number, height: number): Buffer {
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
    throw new ValueError(`encodePng: width and height must be positive integers, got ${width}×${height}`);
  }
  if (rgb.length !== width * height * 3) {
    throw new ValueError(`encodePng: expected ${width}×${height}×3 = ${width * height * 3} bytes, got ${rgb.length}`);
  }
  const stride = width * 3;
  // Each scanline starts with a filter byte; 0 = "None" (zlib does the compressing).
  const raw = new Uint8Array((stride + 1) * height);
  for (let y = 0; y < height; y++) raw.set(rgb.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: truecolour RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", deflateSync(raw, { level: 9 })), chunk("IEND", new Uint8Array(0))]);
}

/** `data:image/png;base64,...` for an RGB image (see {@link encodePng}). */
export function pngDataUri(rgb: Uint8Array, width: number, height: number): string {
  return `data:image/png;base64,${encodePng(rgb, width, height).toString("base64")}`;
}
