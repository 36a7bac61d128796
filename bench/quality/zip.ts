// Reads the files of a .zip archive (stored or deflated entries) with node:zlib: enough for the
// SciFact archive, without a dependency. Reads the central directory at the end, as unzip does.
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/** Every file in the archive by name, decompressed. */
export function readZip(path: string): Map<string, Buffer> {
  const zip = readFileSync(path);
  // The end record is the last 22 bytes, unless a comment (up to 64 KiB) follows it.
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--) {
    if (zip.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error(`${path}: not a zip archive (no end of central directory)`);
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let e = 0; e < entries; e++) {
    if (zip.readUInt32LE(at) !== CENTRAL_ENTRY) throw new Error(`${path}: bad central directory entry ${e}`);
    const method = zip.readUInt16LE(at + 10);
    let compressedSize = zip.readUInt32LE(at + 20);
    let size = zip.readUInt32LE(at + 24);
    const nameLen = zip.readUInt16LE(at + 28);
    const extraLen = zip.readUInt16LE(at + 30);
    const commentLen = zip.readUInt16LE(at + 32);
    let localOffset = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLen);
    // Zip64 (Python's zipfile writes it for streamed entries): a field of all ones means "see the
    // 0x0001 extra field", which holds the real values as 64-bit numbers, in this order.
    for (let x = at + 46 + nameLen; x < at + 46 + nameLen + extraLen;) {
      const id = zip.readUInt16LE(x);
      const len = zip.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let f = x + 4;
        const next = () => Number(zip.readBigUInt64LE((f += 8) - 8));
        if (size === 0xffffffff) size = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localOffset === 0xffffffff) localOffset = next();
      }
      x += 4 + len;
    }
    at += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith('/')) continue;

    if (zip.readUInt32LE(localOffset) !== LOCAL_HEADER)
      throw new Error(`${path}: bad local header of ${name}`);
    const dataStart =
      localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const raw = zip.subarray(dataStart, dataStart + compressedSize);
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) data = inflateRawSync(raw);
    else
      throw new Error(`${path}: ${name} uses compression method ${method}; only stored and deflate are read`);
    if (data.length !== size)
      throw new Error(`${path}: ${name} inflated to ${data.length} bytes, expected ${size}`);
    files.set(name, data);
  }
  return files;
}
