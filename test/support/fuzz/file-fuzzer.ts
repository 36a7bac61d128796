// Malformed import files, written to a folder: truncated and corrupt gzip, gzip bombs, JSON cut
// short or broken or nested 100,000 deep, numbers no column can hold, XML with entity expansion
// (billion laughs), external entities, deep nesting or huge attributes, lines of megabytes, the
// wrong encodings (Latin-1, UTF-16, UTF-32, overlong and surrogate UTF-8), garbage, empty files.
// Each is built from a real fixture where it can be, and each is made so that the importer must
// refuse it whole or reject every record in it: importing it must change nothing.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Dice } from './prng.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
const fixture = (path: string) => readFileSync(join(FIXTURES, path));

export interface FuzzFile {
  path: string;
  label: string;
}

type Maker = (dice: Dice) => { name: string; bytes: Buffer; label: string };

/** A real Hugging Face day with one accented title, so every re-encoding differs from UTF-8. */
function hfDay(): string {
  const entries = JSON.parse(fixture('hf-daily-papers/2025-07-04.json').toString('utf8')) as {
    title: string;
  }[];
  if (entries[0]) entries[0].title = `Café résumé: ${entries[0].title} — naïve`;
  return JSON.stringify(entries, null, 2);
}

/** A JSON Lines record that must be rejected: its arXiv id is none. */
const noIdLine = (i: number, title: string) =>
  JSON.stringify({ paper: { id: `not-an-id-${i}`, title }, title });

const cut = (b: Buffer, dice: Dice, keepTail: number) =>
  b.subarray(0, 1 + dice.int(Math.max(1, b.length - keepTail - 1)));

const MAKERS: Maker[] = [
  (dice) => {
    const gz = fixture('arxiv-listings/2025-11-15.jsonl.gz');
    // Never the whole stream: at least the 8-byte trailer is gone.
    return { name: 'truncated.jsonl.gz', bytes: cut(gz, dice, 9), label: 'truncated gzip of a listing' };
  },
  (dice) => {
    const gz = Buffer.from(gzipSync(hfDay()));
    const at = 20 + dice.int(gz.length - 40);
    gz[at] = (gz[at] ?? 0) ^ 0xff;
    return { name: 'corrupt.json.gz', bytes: gz, label: `gzip with byte ${at} flipped` };
  },
  () => {
    // A bomb: 16 MB of spaces per gzip member, 24 members: under 400 KB on disk, 400 MB inflated.
    const member = gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x20));
    const head = gzipSync('{"status": "ok", "date": "2026-08-21", "data": [');
    return {
      name: 'bomb.json.gz',
      bytes: Buffer.concat([head, ...Array.from({ length: 24 }, () => member)]),
      label: 'gzip bomb (400 MB of spaces)',
    };
  },
  (dice) => ({
    name: 'cut.json',
    bytes: cut(Buffer.from(hfDay()), dice, 2),
    label: 'JSON document cut short',
  }),
  (dice) => {
    const text = Buffer.from(hfDay());
    const at = dice.int(text.length);
    text[at] = dice.pick([0x7b, 0x7d, 0x22, 0x2c, 0x5d, 0x00]);
    // Always broken: the flipped byte lands in a string or between tokens; end with a stray brace too.
    return {
      name: 'broken.json',
      bytes: Buffer.concat([text, Buffer.from('}')]),
      label: `JSON with byte ${at} replaced`,
    };
  },
  (dice) => {
    const depth = dice.pick([1_000, 100_000, 1_000_000]);
    return {
      name: 'deep.json',
      bytes: Buffer.from(`${'['.repeat(depth)}${']'.repeat(depth)}`),
      label: `JSON arrays nested ${depth} deep`,
    };
  },
  (dice) => {
    const depth = dice.pick([10_000, 100_000]);
    return {
      name: 'deep-object.json',
      bytes: Buffer.from(`{"data": ${'{"paper":'.repeat(depth)}1${'}'.repeat(depth)}}`),
      label: `JSON objects nested ${depth} deep`,
    };
  },
  (dice) => {
    const value = dice.pick(['1e300', '9007199254740993', '2147483648', '-1', '1.5', '"12"', '1e400']);
    const entries = (
      JSON.parse(fixture('hf-daily-papers/2025-07-04.json').toString('utf8')) as {
        paper: { upvotes?: unknown };
        numComments?: unknown;
      }[]
    ).slice(0, 3);
    const text = JSON.stringify(entries)
      .replace(/"upvotes":\d+/g, `"upvotes":${value}`)
      .replace(/"numComments":\d+/g, `"numComments":${value}`);
    return { name: 'numbers.json', bytes: Buffer.from(text), label: `counts of ${value}` };
  },
  (dice) => {
    const shape = dice.pick([
      '123',
      '"a string"',
      'null',
      'true',
      '{}',
      '[1, 2, 3]',
      '[null]',
      '[[]]',
      '{"data": 7}',
      '{"body": 1, "status_code": "x"}',
    ]);
    return { name: 'shape.json', bytes: Buffer.from(shape), label: `JSON of the wrong shape: ${shape}` };
  },
  (dice) => {
    const levels = dice.pick([5, 9, 12]);
    const entities = Array.from({ length: levels }, (_, i) =>
      i === 0 ? '<!ENTITY lol0 "lol">' : `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`,
    ).join('');
    const root = dice.pick(['lolz', 'feed', 'OAI-PMH']);
    const ns =
      root === 'feed'
        ? ' xmlns="http://www.w3.org/2005/Atom"'
        : root === 'OAI-PMH'
          ? ' xmlns="http://www.openarchives.org/OAI/2.0/"'
          : '';
    const body =
      root === 'feed'
        ? `<entry><id>&lol${levels - 1};</id><title>&lol${levels - 1};</title></entry>`
        : `&lol${levels - 1};`;
    return {
      name: 'laughs.xml',
      bytes: Buffer.from(
        `<?xml version="1.0"?><!DOCTYPE ${root} [${entities}]><${root}${ns}>${body}</${root}>`,
      ),
      label: `billion laughs, ${levels} levels, root <${root}>`,
    };
  },
  (dice) => {
    const target = dice.pick(['file:///etc/passwd', 'http://127.0.0.1:9/x', '/dev/random']);
    return {
      name: 'xxe.xml',
      bytes: Buffer.from(
        `<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY xxe SYSTEM "${target}">]><feed xmlns="http://www.w3.org/2005/Atom"><entry><id>&xxe;</id><title>&xxe;</title></entry></feed>`,
      ),
      label: `external entity ${target}`,
    };
  },
  (dice) => {
    const xml = fixture('arxiv-oai-pmh/functional-arxiv-physics-hep-th.xml');
    return { name: 'cut.xml', bytes: cut(xml, dice, 20), label: 'OAI-PMH response cut short' };
  },
  (dice) => {
    const depth = dice.pick([10_000, 100_000]);
    return {
      name: 'deep.xml',
      bytes: Buffer.from(
        `<feed xmlns="http://www.w3.org/2005/Atom">${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</feed>`,
      ),
      label: `XML nested ${depth} deep`,
    };
  },
  () => ({
    name: 'attribute.xml',
    bytes: Buffer.from(
      `<feed xmlns="http://www.w3.org/2005/Atom"><entry x="${'a'.repeat(8 * 1024 * 1024)}"><id>bad</id></entry></feed>`,
    ),
    label: 'XML with an 8 MB attribute',
  }),
  (dice) => {
    const mb = dice.pick([2, 8, 24]);
    const head = JSON.stringify({ paper: { id: 'not-an-id', title: 'x' } });
    return {
      name: 'long-line.jsonl',
      bytes: Buffer.from(`${head}\n${'a'.repeat(mb * 1024 * 1024)}\n${head}\n`),
      label: `JSON Lines with a ${mb} MB line`,
    };
  },
  (dice) => {
    const mb = dice.pick([8, 24]);
    const line = JSON.stringify({
      paper: { id: 'not-an-id', title: 'x', summary: 'b'.repeat(mb * 1024 * 1024) },
    });
    return {
      name: 'long-record.jsonl',
      bytes: Buffer.from(`${line}\n`),
      label: `a ${mb} MB JSON Lines record`,
    };
  },
  () => ({
    name: 'no-newline.json',
    bytes: Buffer.from(`{${'"a":1,'.repeat(1024 * 1024)}`),
    label: '7 MB of JSON without a line break, never closed',
  }),
  () => ({
    name: 'latin1.json',
    bytes: Buffer.from(hfDay(), 'latin1'),
    label: 'a Hugging Face day in Latin-1',
  }),
  () => ({
    name: 'utf16le.json',
    bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(hfDay(), 'utf16le')]),
    label: 'UTF-16LE with a byte order mark',
  }),
  () => ({
    name: 'utf16-nobom.json',
    bytes: Buffer.from(hfDay(), 'utf16le'),
    label: 'UTF-16LE without a byte order mark',
  }),
  () => {
    const be = Buffer.from(hfDay(), 'utf16le').swap16();
    return {
      name: 'utf16be.json',
      bytes: Buffer.concat([Buffer.from([0xfe, 0xff]), be]),
      label: 'UTF-16BE with a byte order mark',
    };
  },
  () => {
    const text = hfDay();
    const out = Buffer.alloc(text.length * 4);
    let n = 0;
    for (const ch of text) out.writeUInt32LE(ch.codePointAt(0) ?? 0, n++ * 4);
    return { name: 'utf32.json', bytes: out.subarray(0, n * 4), label: 'UTF-32LE' };
  },
  (dice) => {
    const bad = dice.pick([
      [0xc0, 0xae],
      [0xed, 0xa0, 0x80],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
      [0xff],
      [0xe2, 0x82],
    ]);
    const text = Buffer.from(hfDay());
    const at = text.indexOf('Café');
    return {
      name: 'bad-utf8.json',
      bytes: Buffer.concat([text.subarray(0, at), Buffer.from(bad), text.subarray(at)]),
      label: `invalid UTF-8 (${bad.map((b) => b.toString(16)).join(' ')}) in a title`,
    };
  },
  (dice) => {
    const lines = fixture('handmade/2025-07-04.hf-daily.jsonl')
      .toString('utf8')
      .replace(/"Bench/, '"Bénch');
    return {
      name: 'latin1.jsonl',
      bytes: Buffer.concat([Buffer.from(lines, 'latin1'), Buffer.from(dice.chance(0.5) ? '\n' : '')]),
      label: 'JSON Lines in Latin-1',
    };
  },
  (dice) => {
    const size = dice.pick([16, 4096, 1024 * 1024]);
    const bytes = Buffer.alloc(size);
    for (let i = 0; i < size; i++) bytes[i] = dice.int(256);
    return { name: 'garbage.bin', bytes, label: `${size} random bytes` };
  },
  (dice) => {
    const content = dice.pick([
      '',
      '\uFEFF',
      '   \n\t\n',
      '\0\0\0\0',
      '<',
      '[',
      '{',
      '<?xml version="1.0"?>',
    ]);
    return {
      name: 'nearly-empty.json',
      bytes: Buffer.from(content),
      label: `a file holding ${JSON.stringify(content)}`,
    };
  },
  (dice) => {
    const junk = dice.pick([
      `"{'paper': {'id': '2406.12345', 'title': 'x'"`,
      `"{'paper': {'id': ${'['.repeat(50_000)}"`,
      `"{'paper': b'\\xff'}"`,
      `"{'paper': {'id': '2406.12345', 'title': 'x' + 'y'}}"`,
    ]);
    return {
      name: 'python-repr.json',
      bytes: Buffer.from(`[${junk}]`),
      label: `a broken Python-repr entry ${junk.slice(0, 40)}`,
    };
  },
  () => ({
    name: 'entries-without-ids.jsonl',
    bytes: Buffer.from(
      Array.from({ length: 50 }, (_, i) => `${noIdLine(i, '<script>x</script>')}\n`).join(''),
    ),
    label: 'JSON Lines of records without arXiv ids',
  }),
];

/** How many kinds of file there are: the first KINDS files written hold one of each. */
export const KINDS = MAKERS.length;

/** Writes `count` fuzz files into `dir` (kinds in turn, details drawn from the seed). */
export function writeFuzzFiles(dir: string, seed: number, count: number): FuzzFile[] {
  const dice = new Dice(seed);
  const files: FuzzFile[] = [];
  const bombs = new Map<number, Buffer>();
  for (let i = 0; i < count; i++) {
    const kind = i % MAKERS.length;
    const maker = MAKERS[kind];
    if (!maker) continue;
    // The bomb is the same bytes each time: made once.
    const made =
      kind === 2 && bombs.has(kind)
        ? { name: 'bomb.json.gz', bytes: bombs.get(kind) as Buffer, label: 'gzip bomb (400 MB of spaces)' }
        : maker(dice);
    if (kind === 2) bombs.set(kind, made.bytes);
    const path = join(dir, `${String(i).padStart(4, '0')}-${made.name}`);
    writeFileSync(path, made.bytes);
    files.push({ path, label: made.label });
  }
  return files;
}
