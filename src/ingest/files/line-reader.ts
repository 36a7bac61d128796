// JSON Lines, read as bytes: each line is split off the stream, checked to be UTF-8 (the whole file
// is refused at the first line that is not) and handed out as text. A line longer than
// `maxLineBytes` is never held: its bytes are counted and dropped up to the next line break, and it
// is handed out as too long, for the caller to reject as a record. (node:readline would hold a
// line of any size, a gigabyte without a break included.)
import { decodeUtf8 } from './text-encoding.js';

export type Line =
  { kind: 'text'; number: number; text: string } | { kind: 'too-long'; number: number; bytes: number };

export async function* readByteLines(
  source: AsyncIterable<Uint8Array>,
  maxLineBytes: number,
): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let held = 0;
  /** Bytes of the current line already dropped, or -1 while it is still held. */
  let dropped = -1;
  let number = 0;
  const line = (tail: Buffer): Line => {
    number++;
    const size = (dropped >= 0 ? dropped : held) + tail.length;
    let out: Line;
    if (dropped >= 0 || size > maxLineBytes) out = { kind: 'too-long', number, bytes: size };
    else {
      const bytes = parts.length === 0 ? tail : Buffer.concat([...parts, tail]);
      const end = bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
      out = { kind: 'text', number, text: decodeUtf8(bytes.subarray(0, end), { line: number }) };
    }
    parts = [];
    held = 0;
    dropped = -1;
    return out;
  };
  for await (const chunk of source) {
    let buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (let nl = buf.indexOf(0x0a); nl >= 0; nl = buf.indexOf(0x0a)) {
      yield line(buf.subarray(0, nl));
      buf = buf.subarray(nl + 1);
    }
    if (buf.length === 0) continue;
    if (dropped >= 0) dropped += buf.length;
    else if (held + buf.length > maxLineBytes) {
      dropped = held + buf.length;
      parts = [];
      held = 0;
    } else {
      // Copied: a stream may reuse its chunks.
      parts.push(Buffer.from(buf));
      held += buf.length;
    }
  }
  if (held > 0 || dropped >= 0) yield line(Buffer.alloc(0));
}
