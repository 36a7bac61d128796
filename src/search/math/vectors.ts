// Dense vector helpers on typed arrays, and the one byte layout vectors are stored in: float32
// little-endian, so a SQLite BLOB and a PostgreSQL bytea hold the same bytes on every machine.

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

/** Scales `v` in place to unit length; a zero vector stays zero. Returns `v`. */
export function normalizeInPlace(v: Float32Array | Float64Array): typeof v {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] as number) * (v[i] as number);
  if (s === 0) return v;
  const inv = 1 / Math.sqrt(s);
  for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) * inv;
  return v;
}

export function norm(v: Float32Array): number {
  return Math.sqrt(dot(v, v));
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** float32 little-endian bytes of `v` (a copy). */
export function vectorToBytes(v: Float32Array): Uint8Array {
  const out = new Uint8Array(v.length * 4);
  if (LITTLE_ENDIAN) {
    out.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    return out;
  }
  const view = new DataView(out.buffer);
  for (let i = 0; i < v.length; i++) view.setFloat32(i * 4, v[i] as number, true);
  return out;
}

/** Reads float32 little-endian bytes; throws when the length does not match `dim`. */
export function vectorFromBytes(bytes: Uint8Array, dim: number): Float32Array {
  if (bytes.byteLength !== dim * 4)
    throw new Error(`a vector of ${dim} dimensions takes ${dim * 4} bytes, got ${bytes.byteLength}`);
  const out = new Float32Array(dim);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < dim; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}
