/**
 * TEMPORARY stand-in for Node's global `Buffer`, only the calls src/plot/png.ts makes (alloc, from, concat,
 * writeUInt32BE, write ascii, copy, toString base64). Injected into the browser bundle by
 * scripts/build-browser.mjs; goes with the PNG encoder change of issue 11.
 */
export class Buffer extends Uint8Array {
  static alloc(size: number): Buffer {
    return new Buffer(size);
  }
  static override from(bytes: ArrayLike<number> | Iterable<number>, ..._unused: unknown[]): Buffer {
    const values = Array.from(bytes as ArrayLike<number>);
    const b = new Buffer(values.length);
    b.set(values);
    return b;
  }
  static concat(list: Uint8Array[]): Buffer {
    const b = new Buffer(list.reduce((s, x) => s + x.length, 0));
    let at = 0;
    for (const x of list) {
      b.set(x, at);
      at += x.length;
    }
    return b;
  }
  writeUInt32BE(value: number, offset: number): number {
    new DataView(this.buffer, this.byteOffset, this.byteLength).setUint32(offset, value >>> 0);
    return offset + 4;
  }
  write(text: string, offset: number): number {
    for (let i = 0; i < text.length; i++) this[offset + i] = text.charCodeAt(i) & 0xff;
    return text.length;
  }
  copy(target: Uint8Array, targetStart = 0): number {
    target.set(this, targetStart);
    return this.length;
  }
  toString(encoding?: string): string {
    if (encoding !== "base64") return Array.prototype.join.call(this, ",");
    let binary = "";
    for (let i = 0; i < this.length; i += 0x8000) binary += String.fromCharCode(...this.subarray(i, i + 0x8000));
    return btoa(binary);
  }
}
