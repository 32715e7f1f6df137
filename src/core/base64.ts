/** Base64 for data: URIs (PNG pictures, SVG drawings), with the standard `btoa` of Node >= 16 and browsers. */

/** Base64 of bytes, in slices that fit an argument list. */
export function base64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Base64 of a string's UTF-8 bytes (an SVG with "σ" or "∂" in its labels). */
export function utf8Base64(text: string): string {
  return base64(new TextEncoder().encode(text));
}
