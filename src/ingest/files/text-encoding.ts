// Import files are UTF-8, and nothing else is guessed at: a file in Latin-1, UTF-16 or UTF-32, or
// with bytes that are not UTF-8, is refused whole with where the first bad byte is. (Decoding
// leniently would store U+FFFD in place of every accented name, and merge rules would then keep
// the damage.) A UTF-8 byte order mark is allowed and dropped.
import { MalformedFileError } from '../errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

const BOMS: [number[], string][] = [
  [[0x00, 0x00, 0xfe, 0xff], 'UTF-32BE'],
  [[0xff, 0xfe, 0x00, 0x00], 'UTF-32LE'],
  [[0xfe, 0xff], 'UTF-16BE'],
  [[0xff, 0xfe], 'UTF-16LE'],
];

/** The error for content that starts with another encoding's byte order mark, or null. */
export function foreignByteOrderMark(head: Uint8Array): MalformedFileError | null {
  for (const [mark, name] of BOMS)
    if (mark.every((b, i) => head[i] === b))
      return new MalformedFileError(
        `the file is ${name} (it starts with that byte order mark); paperboy reads UTF-8 only: convert it first`,
      );
  return null;
}

/** The text of UTF-8 bytes, or MalformedFileError naming the first byte that is not UTF-8. */
export function decodeUtf8(bytes: Uint8Array, where: { line?: number } = {}): string {
  try {
    return utf8.decode(bytes);
  } catch {
    const at = firstInvalidByte(bytes);
    const before = Buffer.from(bytes.buffer, bytes.byteOffset, at);
    const lineInText = countNewlines(before) + 1;
    const line = where.line ?? lineInText;
    const column = at - (before.lastIndexOf(0x0a) + 1) + 1;
    const hex = (bytes[at] ?? 0).toString(16).padStart(2, '0');
    throw new MalformedFileError(
      `not UTF-8: byte 0x${hex} does not belong there (Latin-1 or another encoding?); paperboy reads UTF-8 only`,
      { position: `line ${line}, column ${column}` },
    );
  }
}

function countNewlines(b: Uint8Array): number {
  let n = 0;
  for (let i = b.indexOf(0x0a); i >= 0; i = b.indexOf(0x0a, i + 1)) n++;
  return n;
}

/** Index of the first byte that does not start or continue a well-formed UTF-8 sequence. */
export function firstInvalidByte(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] ?? 0;
    let need: number;
    let min: number;
    let max = 0xbf;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      // No overlong forms (E0 80..9F) and no UTF-16 surrogates (ED A0..BF).
      min = c === 0xe0 ? 0xa0 : 0x80;
      if (c === 0xed) max = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      min = c === 0xf0 ? 0x90 : 0x80;
      if (c === 0xf4) max = 0x8f;
    } else return i;
    const second = b[i + 1];
    if (second === undefined || second < min || second > max) return i;
    for (let k = 2; k <= need; k++) {
      const next = b[i + k];
      if (next === undefined || next < 0x80 || next > 0xbf) return i;
    }
    i += need + 1;
  }
  return b.length;
}
