/**
 * TEMPORARY stand-in for node:zlib's deflateSync in the browser bundle, used only by src/plot/png.ts (issue 11
 * replaces that encoder by an npm library that needs no zlib; then this goes). It writes a valid zlib stream
 * of uncompressed ("stored") deflate blocks: PNGs of the image grids are larger but identical in pixels.
 */
export function deflateSync(data: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(data.length / 65535));
  const out = new Uint8Array(2 + blocks * 5 + data.length + 4);
  out[0] = 0x78;
  out[1] = 0x01;
  let at = 2;
  for (let b = 0; b < blocks; b++) {
    const start = b * 65535;
    const len = Math.min(65535, data.length - start);
    out[at++] = b === blocks - 1 ? 1 : 0;
    out[at++] = len & 0xff;
    out[at++] = len >>> 8;
    out[at++] = ~len & 0xff;
    out[at++] = (~len >>> 8) & 0xff;
    out.set(data.subarray(start, start + len), at);
    at += len;
  }
  let a = 1;
  let s = 0;
  for (let i = 0; i < data.length; i++) {
    a = (a + data[i]) % 65521;
    s = (s + a) % 65521;
  }
  const adler = ((s << 16) | a) >>> 0;
  out[at++] = adler >>> 24;
  out[at++] = (adler >>> 16) & 0xff;
  out[at++] = (adler >>> 8) & 0xff;
  out[at++] = adler & 0xff;
  return out;
}
export default { deflateSync };
