// Typed arrays that grow by doubling, for per-document columns and streams whose final size is
// unknown while the index is built or refreshed.

type TypedArray = Int32Array | Uint32Array | Uint16Array | Float32Array | Float64Array | Uint8Array;

/** `arr` if it holds `length` items, else a copy at least twice as long. */
export function ensureLength<T extends TypedArray>(arr: T, length: number): T {
  if (arr.length >= length) return arr;
  const next = new (arr.constructor as new (n: number) => T)(Math.max(length, arr.length * 2, 64));
  next.set(arr);
  return next;
}

/** An append-only byte buffer. */
export class ByteBuffer {
  bytes: Uint8Array = new Uint8Array(1024);
  length = 0;

  /** Unsigned LEB128: small numbers (frequent words get small ids) take one byte. */
  pushVarint(value: number): void {
    this.bytes = ensureLength(this.bytes, this.length + 5);
    let v = value >>> 0;
    while (v >= 0x80) {
      this.bytes[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.bytes[this.length++] = v;
  }

  /** The used part, trimmed to size. */
  trimmed(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/** Decodes the varints of bytes[start, end) into `out`; returns how many were written. */
export function decodeVarints(bytes: Uint8Array, start: number, end: number, out: Uint32Array): number {
  let n = 0;
  let i = start;
  while (i < end && n < out.length) {
    let v = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[i++] as number;
      v |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80 && i < end);
    out[n++] = v >>> 0;
  }
  return n;
}
