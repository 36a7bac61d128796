import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ParsedItem } from '../../domain/paper-record.js';
import { MalformedFileError } from '../errors.js';
import { dayInFileName, openImportFile } from './import-file.js';

const fixture = (path: string) => fileURLToPath(new URL(`../../../fixtures/${path}`, import.meta.url));

async function readAll(path: string): Promise<{ format: string; items: ParsedItem[] }> {
  const file = await openImportFile(path);
  const items: ParsedItem[] = [];
  for await (const item of file.items) items.push(item);
  return { format: file.format, items };
}

const records = (items: ParsedItem[]) => items.filter((i) => i.kind === 'record');
const rejections = (items: ParsedItem[]) => items.filter((i) => i.kind === 'rejected');

/** The `file -> count` column of a MANIFEST.tsv copied beside the fixtures. */
function manifestCounts(path: string, column: string): Map<string, number> {
  const [header, ...rows] = readFileSync(fixture(path), 'utf8').trim().split('\n');
  const at = header?.split('\t').indexOf(column) ?? -1;
  assert.ok(at > 0, `no ${column} column in ${path}`);
  return new Map(rows.map((row) => row.split('\t')).map((cells) => [cells[0] ?? '', Number(cells[at])]));
}

async function assertRefused(path: string, message: string | RegExp): Promise<MalformedFileError> {
  let caught: unknown = null;
  try {
    await readAll(path);
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof MalformedFileError, `expected MalformedFileError, got ${String(caught)}`);
  assert.equal(caught.name, 'MalformedFileError');
  if (typeof message === 'string') assert.equal(caught.message, message);
  else assert.match(caught.message, message);
  return caught;
}

describe('openImportFile: Hugging Face daily files', () => {
  const counts = manifestCounts('hf-daily-papers/MANIFEST.tsv', 'entries');

  test('the manifest lists the seven fixtures', () => {
    assert.deepEqual(
      [...counts.keys()],
      [
        '2024-05-27.json',
        '2024-11-18.json',
        '2024-12-18.json',
        '2025-01-10.json',
        '2025-03-14.json',
        '2025-07-04.json',
        '2026-08-21.json',
      ],
    );
  });

  for (const [name, expected] of counts) {
    test(`${name}: ${expected} entries, all records, featured on ${name.slice(0, 10)}`, async () => {
      const { format, items } = await readAll(fixture(`hf-daily-papers/${name}`));
      assert.equal(format, 'hf-daily');
      assert.equal(items.length, expected);
      assert.equal(records(items).length, expected);
      assert.deepEqual(
        items.map((item) => item.position),
        items.map((_, i) => `entry ${i + 1}`),
      );
      for (const item of items) assert.equal(item.kind === 'record' && item.daily?.day, name.slice(0, 10));
    });
  }

  test('JSON Lines variant: one entry per line, the day from the file name', async () => {
    const { format, items } = await readAll(fixture('handmade/2025-07-04.hf-daily.jsonl'));
    assert.equal(format, 'hf-daily-jsonl');
    assert.deepEqual(
      items.map((item) => [item.position, item.kind === 'record' ? item.paper.arxivId : item.reason]),
      [
        ['line 1', '2507.02813'],
        ['line 2', '2507.02025'],
        ['line 3', '2507.01352'],
      ],
    );
    const second = items[1];
    assert.equal(second?.kind === 'record' && second.paper.hfSnapshotOn, '2025-07-04');
    assert.equal(second?.kind === 'record' && second.daily?.featuredAt, '2025-07-04T03:52:28.488Z');
  });
});

describe('openImportFile: arXiv listings', () => {
  const counts = manifestCounts('arxiv-listings/MANIFEST.tsv', 'records');

  for (const [name, expected] of counts) {
    test(`${name}: ${expected} records listed on ${name.slice(0, 10)}`, async () => {
      const { format, items } = await readAll(fixture(`arxiv-listings/${name}`));
      assert.equal(format, 'arxiv-listing');
      assert.equal(records(items).length, expected);
      assert.equal(rejections(items).length, 0);
      for (const item of items)
        assert.equal(item.kind === 'record' && item.paper.listedOn, name.slice(0, 10));
    });
  }

  test('items can be iterated twice (each pass reads the file again)', async () => {
    const file = await openImportFile(fixture('arxiv-listings/2025-11-15.jsonl.gz'));
    let first = 0;
    for await (const _ of file.items) first++;
    let second = 0;
    for await (const _ of file.items) second++;
    assert.deepEqual([first, second], [16, 16]);
  });
});

describe('openImportFile: arXiv API responses', () => {
  const recorded: [string, number][] = [
    ['q_testing_s0_m100_cfe7536492ca.json', 100],
    ['q_testing_s0_m10_bc5a6c384fe9.json', 10],
    ['q_testing_s0_m15_80c242b59d59.json', 15],
    ['q_testing_s5_m10_c0e94a259d4a.json', 10],
    ['q_testing_s5_m15_bbcf6b23085b.json', 15],
    ['q_testing_s9_m15_0b78d4b4d476.json', 15],
    ['q_testing_s10_m10_34e56e15aaac.json', 10],
    ['q_testing_s20_m10_348a237fecab.json', 10],
    ['q_testing_s30_m10_f2e39f0143dc.json', 10],
    ['q_testing_s40_m10_96dd32eb854c.json', 10],
    ['q_testing_s50_m10_7f488ab8598c.json', 10],
    ['id_1605.08386_s0_m100_199195aa31ad.json', 1],
    ['id_1707.08567_s0_m100_6a1afebfc6a3.json', 1],
    ['id_0808.05394_1707.08567_s0_m100_42e5aa0ec3af.json', 1],
    ['id_0808.05394_s0_m100_7b0c7d0a7cdd.json', 0],
    ['id_0000.0000_s0_m100_8b51d9633a68.json', 0],
    ['id_2104.12255v1_s0_m100_6ae69987ffe1.json', 1],
    ['id_astro-ph_0601001_s0_m100_3150dca9dc76.json', 1],
    ['id_quant-ph_0201082v1_s0_m100_86989fe779ef.json', 1],
  ];
  for (const [name, expected] of recorded) {
    test(`recorded ${name}: ${expected} records`, async () => {
      const { format, items } = await readAll(fixture(`arxiv-api/recorded-json/${name}`));
      assert.equal(format, 'arxiv-atom');
      assert.equal(records(items).length, expected);
      assert.equal(items.length, expected);
    });
  }

  test('recorded id_abc (HTTP 400, error feed) is refused with arXiv’s message', async () => {
    const err = await assertRefused(
      fixture('arxiv-api/recorded-json/id_abc_s0_m100_b79c8dcf6bc3.json'),
      'id_abc_s0_m100_b79c8dcf6bc3.json: entry 1: arXiv API error: incorrect id format for abc',
    );
    assert.equal(err.file, 'id_abc_s0_m100_b79c8dcf6bc3.json');
    assert.equal(err.upstreamMessage, 'incorrect id format for abc');
  });

  const legacy: [string, number][] = [
    ['id_list_1111.2011v2.xml', 1],
    ['search_au_del_maestro.xml', 10],
    ['search_au_del_maestro_AND_ti_checkerboard.xml', 1],
    ['search_au_del_maestro_AND_ti_quantum_criticality.xml', 2],
    ['search_au_del_maestro_ANDNOT_ti_checkerboard_OR_ti_Pyrochlore.xml', 10],
  ];
  for (const [name, expected] of legacy) {
    test(`legacy ${name}: ${expected} records`, async () => {
      const { format, items } = await readAll(fixture(`arxiv-api/legacy-atom-xml/${name}`));
      assert.equal(format, 'arxiv-atom');
      assert.equal(records(items).length, expected);
    });
  }
});

describe('openImportFile: OAI-PMH responses', () => {
  const files: [string, number][] = [
    ['functional-arxiv-physics-hep-ex.xml', 3],
    ['functional-arxiv-physics-hep-th.xml', 3],
    ['functional-arxiv-single.xml', 1],
    ['unit-sample_arxiv_record.xml', 12],
    ...Array.from({ length: 11 }, (_, i): [string, number] => [`unit-sample_arxiv_record${i}.xml`, 1]),
  ];
  for (const [name, expected] of files) {
    test(`${name}: ${expected} records`, async () => {
      const { format, items } = await readAll(fixture(`arxiv-oai-pmh/${name}`));
      assert.equal(format, 'oai-pmh');
      assert.equal(records(items).length, expected);
      assert.equal(items.length, expected);
    });
  }

  test('noRecordsMatch: an empty harvest', async () => {
    assert.deepEqual(await readAll(fixture('handmade/oai-pmh-no-records-match.xml')), {
      format: 'oai-pmh',
      items: [],
    });
  });

  test('a deleted record is rejected, the rest imported', async () => {
    const { items } = await readAll(fixture('handmade/oai-pmh-deleted-with-token.xml'));
    assert.deepEqual(
      items.map((item) => (item.kind === 'record' ? item.paper.arxivId : item.reason)),
      ['1412.8323', 'deleted upstream'],
    );
  });
});

describe('openImportFile: malformed files', () => {
  test('a truncated .jsonl.gz yields what it could, then fails from the iterator', async () => {
    const file = await openImportFile(fixture('malformed/truncated-listing.jsonl.gz'));
    assert.equal(file.format, 'arxiv-listing');
    const seen: ParsedItem[] = [];
    await assert.rejects(
      async () => {
        for await (const item of file.items) seen.push(item);
      },
      (err: unknown) => {
        assert.ok(err instanceof MalformedFileError);
        assert.match(
          err.message,
          /^truncated-listing\.jsonl\.gz: after line \d+: gzip data is truncated or corrupt \(unexpected end of file\)$/,
        );
        return true;
      },
    );
    assert.ok(records(seen).length >= 1);
  });

  test('truncated XML', async () => {
    await assertRefused(
      fixture('malformed/truncated-atom.xml'),
      /^truncated-atom\.xml: end of file \(line \d+\): not well-formed XML: the file ends inside <feed> <entry> <summary> \(truncated\?\)$/,
    );
  });

  test('garbage bytes: the error shows them', async () => {
    await assertRefused(
      fixture('malformed/garbage.bin'),
      'garbage.bin: unknown content: not JSON, JSON Lines or XML of a known kind (first bytes: 50 4b 03 04 14 00 00 00 08 00 c8 c9 ca cb cc cd "PK..............")',
    );
  });

  test('JSON with a syntax error names line and column', async () => {
    await assertRefused(
      fixture('malformed/syntax-error.json'),
      /^syntax-error\.json: line 3, column 62: not valid JSON: Expected double-quoted property name/,
    );
  });

  test('one bad line among good ones rejects that line only', async () => {
    const { format, items } = await readAll(fixture('malformed/2025-11-15-one-bad-line.jsonl'));
    assert.equal(format, 'arxiv-listing');
    assert.deepEqual(
      items.map((item) =>
        item.kind === 'record' ? [item.position, item.paper.arxivId] : [item.position, 'rejected'],
      ),
      [
        ['line 1', '2511.10627'],
        ['line 2', '2511.10618'],
        ['line 3', 'rejected'],
        ['line 4', '2511.10628'],
      ],
    );
    const bad = items[2];
    assert.match(bad?.kind === 'rejected' ? bad.reason : '', /^line is not valid JSON \(/);
  });

  test('an HF entry lacking its paper id is rejected, the others kept', async () => {
    const { items } = await readAll(fixture('malformed/2024-05-27-missing-paper-id.json'));
    assert.deepEqual(items[1], {
      kind: 'rejected',
      position: 'entry 2',
      reason: 'invalid entry: paper.id: missing arXiv id',
    });
    assert.equal(records(items).length, 2);
  });

  test('an OAI-PMH badArgument response refuses the file', async () => {
    await assertRefused(
      fixture('malformed/oai-pmh-bad-argument.xml'),
      'oai-pmh-bad-argument.xml: OAI-PMH error: badArgument (Illegal argument: from=yesterday is not a valid date)',
    );
  });

  test('an Atom entry with an invalid id is rejected with the value', async () => {
    const { items } = await readAll(fixture('malformed/atom-invalid-id.xml'));
    assert.equal(items[0]?.kind === 'record' && items[0].paper.arxivId, '1605.08386');
    assert.deepEqual(items[1], {
      kind: 'rejected',
      position: 'entry 2 (16058386)',
      reason: 'invalid arXiv id "http://arxiv.org/abs/16058386"',
    });
  });
});

describe('openImportFile: detection by content, not by name', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'paperboy-import-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const listingText = () => gunzipSync(readFileSync(fixture('arxiv-listings/2025-11-15.jsonl.gz')));

  test('a listing saved as .json is still a listing (no day in the name: no listedOn)', async () => {
    const path = join(dir, 'renamed-listing.json');
    writeFileSync(path, listingText());
    const { format, items } = await readAll(path);
    assert.equal(format, 'arxiv-listing');
    assert.equal(records(items).length, 16);
    const first = items[0];
    assert.equal(first?.kind === 'record' && first.paper.listedOn, null);
    assert.equal(first?.kind === 'record' && first.paper.publishedAt, null);
  });

  test('gzip without a .gz extension is recognised by its magic bytes', async () => {
    const path = join(dir, 'feed.dat');
    writeFileSync(
      path,
      gzipSync(readFileSync(fixture('arxiv-api/legacy-atom-xml/search_au_del_maestro.xml'))),
    );
    const { format, items } = await readAll(path);
    assert.equal(format, 'arxiv-atom');
    assert.equal(records(items).length, 10);
  });

  test('a gzipped HF daily file named .bin keeps the day from its name', async () => {
    const path = join(dir, '2024-05-27.bin');
    writeFileSync(path, gzipSync(readFileSync(fixture('hf-daily-papers/2024-05-27.json'))));
    const { format, items } = await readAll(path);
    assert.equal(format, 'hf-daily');
    assert.equal(items.length, 13);
    assert.equal(items[0]?.kind === 'record' && items[0].daily?.day, '2024-05-27');
  });

  test('OAI-PMH XML named .json is OAI-PMH', async () => {
    const path = join(dir, 'records.json');
    copyFileSync(fixture('arxiv-oai-pmh/functional-arxiv-physics-hep-th.xml'), path);
    assert.equal((await readAll(path)).format, 'oai-pmh');
  });

  test('a minified one-line HF wrapper is a document, not JSON Lines', async () => {
    const path = join(dir, 'wrapper.jsonl');
    const value: unknown = JSON.parse(readFileSync(fixture('hf-daily-papers/2025-01-10.json'), 'utf8'));
    writeFileSync(path, JSON.stringify(value));
    const { format, items } = await readAll(path);
    assert.equal(format, 'hf-daily');
    assert.equal(items.length, 9);
    assert.equal(items[0]?.kind === 'record' && items[0].daily?.day, '2025-01-10'); // the wrapper's date
  });

  test('JSON Lines far larger than the detection head stream through', async () => {
    const path = join(dir, 'big.jsonl.gz');
    const lines = listingText().toString('utf8').trim().split('\n');
    const many = Array.from({ length: 40 }, () => lines).flat();
    writeFileSync(path, gzipSync(`${many.join('\n')}\n`));
    const { format, items } = await readAll(path);
    assert.equal(format, 'arxiv-listing');
    assert.equal(records(items).length, 640);
    assert.equal(items[639]?.position, 'line 640');
  });

  test('a first line longer than the detection head is still read as JSON Lines', async () => {
    const path = join(dir, 'long-first-line.jsonl');
    const long = { id: '2401.00001', title: 'Long', authors: [], summary: 'x '.repeat(60_000) };
    writeFileSync(path, `${JSON.stringify(long)}\n${JSON.stringify({ ...long, id: '2401.00002' })}\n`);
    const { format, items } = await readAll(path);
    assert.equal(format, 'arxiv-listing');
    assert.equal(records(items).length, 2);
  });

  test('a truncated gzip of a JSON document is refused when opened', async () => {
    const path = join(dir, '2024-05-27.json.gz');
    const gz = gzipSync(readFileSync(fixture('hf-daily-papers/2024-05-27.json')));
    writeFileSync(path, gz.subarray(0, gz.length - 100));
    await assertRefused(
      path,
      /^2024-05-27\.json\.gz: gzip data is truncated or corrupt \(unexpected end of file\)$/,
    );
  });

  test('a missing file is a file-system error, not a malformed file', async () => {
    await assert.rejects(openImportFile(join(dir, 'nope.json')), (err: unknown) => {
      assert.ok(!(err instanceof MalformedFileError));
      assert.equal((err as NodeJS.ErrnoException).code, 'ENOENT');
      return true;
    });
  });
});

describe('openImportFile: hostile files are refused quickly and whole', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'paperboy-hostile-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, bytes: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };
  const day = () =>
    readFileSync(fixture('hf-daily-papers/2025-07-04.json'), 'utf8').replace(
      /"title": ?"/,
      '"title": "Café ',
    );

  test('another encoding than UTF-8 is refused, saying which or where', async () => {
    await assertRefused(
      write('latin1.json', Buffer.from(day(), 'latin1')),
      /^latin1\.json: line \d+, column \d+: not UTF-8: byte 0xe9/,
    );
    await assertRefused(
      write('utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(day(), 'utf16le')])),
      'utf16.json: the file is UTF-16LE (it starts with that byte order mark); paperboy reads UTF-8 only: convert it first',
    );
    const lines = readFileSync(fixture('handmade/2025-07-04.hf-daily.jsonl'), 'utf8').replace(
      /"title":"/g,
      '"title":"Café ',
    );
    await assertRefused(
      write('latin1.jsonl', Buffer.from(lines, 'latin1')),
      /^latin1\.jsonl: line 1, column \d+: not UTF-8: byte 0xe9/,
    );
  });

  test('JSON nested deeper than any real document is refused before it is parsed', async () => {
    await assertRefused(
      write('deep.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`),
      'deep.json: line 1, column 257: JSON nested more than 256 levels deep',
    );
    // Brackets inside strings are text, not nesting.
    const { items } = await readAll(
      write('brackets.json', JSON.stringify([{ paper: { id: 'x', title: '['.repeat(1000) } }])),
    );
    assert.equal(items.length, 1);
  });

  test('a gzip bomb stops at the document limit instead of filling memory', async () => {
    const spaces = gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x20));
    const bomb = Buffer.concat([gzipSync('{"data": ['), ...Array.from({ length: 3 }, () => spaces)]);
    const started = performance.now();
    await assertRefused(write('bomb.json.gz', bomb), /the document is larger than 32 MiB \(after gunzip\)/);
    assert.ok(performance.now() - started < 2000);
  });

  test('a JSON Lines line over the limit is one rejected record, never held; the file goes on', async () => {
    const record = readFileSync(fixture('handmade/2025-07-04.hf-daily.jsonl'), 'utf8').split('\n')[0] ?? '';
    const path = write('long.jsonl', `${record}\n${'a'.repeat(5 * 1024 * 1024)}\n${record}\n`);
    const { items } = await readAll(path);
    assert.equal(records(items).length, 2);
    assert.deepEqual(
      rejections(items).map((r) => r.kind === 'rejected' && [r.position, r.reason]),
      [['line 2', 'line is longer than 4 MiB (5242880 bytes); no record is that long']],
    );
  });

  test('XML the parser refuses (external entities, deep nesting, huge tags) is a malformed file', async () => {
    const atom = (body: string, doctype = '') =>
      `<?xml version="1.0"?>${doctype}<feed xmlns="http://www.w3.org/2005/Atom">${body}</feed>`;
    await assertRefused(
      write(
        'xxe.xml',
        atom('<entry><id>&x;</id></entry>', '<!DOCTYPE feed [<!ENTITY x SYSTEM "file:///etc/passwd">]>'),
      ),
      /^xxe\.xml: XML the parser refuses: External entities are not supported$/,
    );
    await assertRefused(
      write('deep.xml', atom(`${'<a>'.repeat(20_000)}${'</a>'.repeat(20_000)}`)),
      /Maximum nested tags exceeded/,
    );
    await assertRefused(
      write('tag.xml', atom(`<entry x="${'a'.repeat(100_000)}"/>`)),
      /^tag\.xml: line 1: a tag is longer than 64 KiB$/,
    );
    // Entities declared in the file are never expanded: a billion laughs stays a few bytes of text.
    const laughs = Array.from({ length: 10 }, (_, i) =>
      i === 0 ? '<!ENTITY l0 "lol">' : `<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`,
    ).join('');
    const { items } = await readAll(
      write(
        'laughs.xml',
        atom('<entry><id>&l9;</id><title>&l9;</title></entry>', `<!DOCTYPE feed [${laughs}]>`),
      ),
    );
    assert.deepEqual(
      items.map((i) => i.kind),
      ['rejected'],
    );
  });
});

describe('dayInFileName', () => {
  test('finds a valid YYYY-MM-DD in the name, else null', () => {
    assert.equal(dayInFileName('2025-01-10.json'), '2025-01-10');
    assert.equal(dayInFileName('hf_2025-07-04.sample.jsonl.gz'), '2025-07-04');
    assert.equal(dayInFileName('2025-13-01.json'), null);
    assert.equal(dayInFileName('12025-01-101.json'), null);
    assert.equal(dayInFileName('listing.jsonl'), null);
  });
});
