import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { IncomingPaper, ParsedItem } from '../../domain/paper-record.js';
import { type AtomEntry, parseArxivAtom, parseRecordedArxivResponse } from '../parse/arxiv-atom.parse.js';
import { normalizeArxivAtomEntry, normalizeArxivAtomFeed } from './arxiv-atom.normalize.js';

const read = (path: string) => readFileSync(new URL(`../../../fixtures/${path}`, import.meta.url), 'utf8');
const recorded = (name: string) =>
  normalizeArxivAtomFeed(parseRecordedArxivResponse(JSON.parse(read(`arxiv-api/recorded-json/${name}`))));
const legacy = (name: string) =>
  normalizeArxivAtomFeed(parseArxivAtom(read(`arxiv-api/legacy-atom-xml/${name}`)));

function paperOf(item: ParsedItem | undefined): IncomingPaper {
  assert.equal(item?.kind, 'record', item?.kind === 'rejected' ? item.reason : 'missing');
  return (item as Extract<ParsedItem, { kind: 'record' }>).paper;
}

const entry: AtomEntry = {
  id: 'http://arxiv.org/abs/2401.00001v2',
  title: 'T',
  summary: 'S',
  authors: ['A'],
  primaryCategory: 'cs.LG',
  categories: ['stat.ML', 'cs.LG', 'cs.AI'],
  comment: null,
  journalRef: null,
  doi: null,
  published: '2024-01-01T00:00:00Z',
  updated: null,
};

describe('normalizeArxivAtomEntry', () => {
  test('current feed: a new-style versioned id and its fields', () => {
    const items = recorded('id_1707.08567_s0_m100_6a1afebfc6a3.json');
    assert.equal(items.length, 1);
    assert.equal(items[0]?.position, 'entry 1 (1707.08567v1)');
    const paper = paperOf(items[0]);
    assert.equal(paper.arxivId, '1707.08567');
    assert.equal(paper.version, 1);
    assert.equal(
      paper.title,
      'Proceedings of Workshop AEW10: Concepts in Information Theory and Communications',
    );
    assert.equal(paper.authors.length, 34);
    assert.deepEqual(paper.authors.slice(0, 2), ['Kees A. Schouhamer Immink', 'Stan Baggen']);
    assert.equal(paper.authors[32], 'Dirk WÃ¼bben'); // mojibake as recorded, not repaired
    assert.deepEqual(paper.categories, ['cs.IT']);
    assert.equal(paper.comment, '44 pages, editors for the proceedings: Yanling Chen and A. J. Han Vinck');
    assert.equal(paper.journalRef, null);
    assert.equal(paper.doi, null);
    assert.equal(paper.publishedAt, '2017-07-27T08:18:33.000Z');
    assert.equal(paper.updatedAt, '2017-07-27T08:18:33.000Z');
    assert.equal(paper.source, 'arxiv-api');
    assert.ok(paper.abstract.startsWith('The 10th Asia-Europe workshop in "Concepts in Information Theory'));
  });

  test('old-style ids keep their archive, with the version apart', () => {
    const astro = paperOf(recorded('id_astro-ph_0601001_s0_m100_3150dca9dc76.json')[0]);
    assert.equal(astro.arxivId, 'astro-ph/0601001');
    assert.equal(astro.version, 1);
    assert.equal(astro.journalRef, 'ActaAstron.56:1-50,2006');
    const quant = paperOf(recorded('id_quant-ph_0201082v1_s0_m100_86989fe779ef.json')[0]);
    assert.equal(quant.arxivId, 'quant-ph/0201082');
    assert.deepEqual(quant.categories, ['quant-ph', 'cs.PL']);
    assert.equal(quant.abstract.slice(0, 20), 'We show a representa'); // leading spaces gone
  });

  test('a title that looks like a number stays text', () => {
    const paper = paperOf(recorded('id_2104.12255v1_s0_m100_6ae69987ffe1.json')[0]);
    assert.equal(paper.arxivId, '2104.12255');
    assert.equal(paper.title, '0');
  });

  test('2016 feed: hard-wrapped title, DOI, journal ref, categories', () => {
    const items = legacy('id_list_1111.2011v2.xml');
    const paper = paperOf(items[0]);
    assert.equal(paper.arxivId, '1111.2011');
    assert.equal(paper.version, 2);
    assert.equal(
      paper.title,
      'Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large Connectivity Limit',
    );
    assert.deepEqual(paper.authors, ['James M. Murray', 'Adrian Del Maestro', 'Zlatko Tesanovic']);
    assert.deepEqual(paper.categories, ['cond-mat.str-el', 'cond-mat.stat-mech']);
    assert.equal(paper.doi, '10.1103/PhysRevB.85.115117');
    assert.equal(paper.publishedAt, '2011-11-08T18:48:36.000Z');
    assert.equal(paper.updatedAt, '2012-04-02T12:38:54.000Z');
    assert.ok(
      paper.abstract.startsWith(
        'Theoretical description of anisotropic systems, such as layered superconductors',
      ),
    );
    assert.ok(!paper.abstract.includes('\n'));
  });

  test('2016 feed with an old-style id from a search', () => {
    const paper = paperOf(legacy('search_au_del_maestro.xml')[1]);
    assert.equal(paper.arxivId, 'cond-mat/0412498');
    assert.equal(paper.version, 1);
    assert.equal(paper.title, 'Thermal melting of density waves on the square lattice');
  });

  test('the primary category goes first, each category once', () => {
    const paper = paperOf(normalizeArxivAtomEntry(entry, 'entry 1'));
    assert.deepEqual(paper.categories, ['cs.LG', 'stat.ML', 'cs.AI']);
  });

  test('the first of several DOIs; whitespace in comments collapsed', () => {
    const paper = paperOf(
      normalizeArxivAtomEntry(
        { ...entry, doi: '10.1/a 10.1/b', comment: '8 pages,\n  3 figures' },
        'entry 1',
      ),
    );
    assert.equal(paper.doi, '10.1/a');
    assert.equal(paper.comment, '8 pages, 3 figures');
  });

  test('rejects an entry with an invalid id or no title, quoting the value', () => {
    assert.deepEqual(normalizeArxivAtomEntry({ ...entry, id: 'http://arxiv.org/abs/16058386' }, 'entry 2'), {
      kind: 'rejected',
      position: 'entry 2',
      reason: 'invalid arXiv id "http://arxiv.org/abs/16058386"',
    });
    assert.deepEqual(normalizeArxivAtomEntry({ ...entry, id: null }, 'entry 3'), {
      kind: 'rejected',
      position: 'entry 3',
      reason: 'missing arXiv id',
    });
    assert.deepEqual(normalizeArxivAtomEntry({ ...entry, title: '  ' }, 'entry 4'), {
      kind: 'rejected',
      position: 'entry 4',
      reason: 'no title',
    });
  });

  test('every entry of every API fixture is a record: 245 in all', () => {
    const names = [
      ...['q_testing_s0_m100_cfe7536492ca', 'q_testing_s0_m10_bc5a6c384fe9', 'q_testing_s0_m15_80c242b59d59'],
      ...['q_testing_s5_m10_c0e94a259d4a', 'q_testing_s5_m15_bbcf6b23085b', 'q_testing_s9_m15_0b78d4b4d476'],
      ...[
        'q_testing_s10_m10_34e56e15aaac',
        'q_testing_s20_m10_348a237fecab',
        'q_testing_s30_m10_f2e39f0143dc',
      ],
      ...[
        'q_testing_s40_m10_96dd32eb854c',
        'q_testing_s50_m10_7f488ab8598c',
        'id_1605.08386_s0_m100_199195aa31ad',
      ],
      ...['id_1707.08567_s0_m100_6a1afebfc6a3', 'id_0808.05394_1707.08567_s0_m100_42e5aa0ec3af'],
      ...[
        'id_0808.05394_s0_m100_7b0c7d0a7cdd',
        'id_0000.0000_s0_m100_8b51d9633a68',
        'id_2104.12255v1_s0_m100_6ae69987ffe1',
      ],
      ...['id_astro-ph_0601001_s0_m100_3150dca9dc76', 'id_quant-ph_0201082v1_s0_m100_86989fe779ef'],
    ];
    const legacyNames = [
      'id_list_1111.2011v2',
      'search_au_del_maestro',
      'search_au_del_maestro_AND_ti_checkerboard',
      'search_au_del_maestro_AND_ti_quantum_criticality',
      'search_au_del_maestro_ANDNOT_ti_checkerboard_OR_ti_Pyrochlore',
    ];
    const items = [
      ...names.flatMap((n) => recorded(`${n}.json`)),
      ...legacyNames.flatMap((n) => legacy(`${n}.xml`)),
    ];
    assert.equal(items.length, 245);
    for (const item of items) {
      const paper = paperOf(item);
      assert.notEqual(paper.version, null, item.position);
      assert.ok(paper.categories.length > 0, item.position);
      assert.ok(paper.publishedAt, item.position);
    }
  });
});
