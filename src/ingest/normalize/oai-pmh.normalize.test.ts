import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { IncomingPaper, ParsedItem } from '../../domain/paper-record.js';
import {
  type OaiArxivMetadata,
  type OaiArxivRawMetadata,
  type OaiRecord,
  parseOaiPmh,
} from '../parse/oai-pmh.parse.js';
import { normalizeOaiRecord, normalizeOaiResponse } from './oai-pmh.normalize.js';

const normalizeFixture = (path: string) =>
  normalizeOaiResponse(
    parseOaiPmh(readFileSync(new URL(`../../../fixtures/${path}`, import.meta.url), 'utf8')),
  );

function paperOf(item: ParsedItem | undefined): IncomingPaper {
  assert.equal(item?.kind, 'record', item?.kind === 'rejected' ? item.reason : 'missing');
  return (item as Extract<ParsedItem, { kind: 'record' }>).paper;
}

const metadata: OaiArxivMetadata = {
  id: '1706.05371',
  created: '2017-06-16',
  updated: null,
  authors: [{ keyname: 'Anderson', forenames: 'Tyler', suffix: null }],
  title: 'T',
  categories: 'physics.ins-det hep-ex',
  comments: null,
  journalRef: null,
  doi: null,
  abstract: 'A',
};
const record: OaiRecord = {
  identifier: 'oai:arXiv.org:1706.05371',
  datestamp: '2017-12-14',
  deleted: false,
  metadata,
  raw: null,
};
const raw: OaiArxivRawMetadata = {
  id: '2204.08348',
  versions: [
    { version: 'v1', date: 'Mon, 18 Apr 2022 14:46:24 GMT' },
    { version: 'v2', date: 'Tue, 26 Apr 2022 17:02:11 GMT' },
  ],
  title: 'T',
  authors: 'A. One, B. Two',
  categories: 'cs.SE',
  comments: null,
  journalRef: null,
  doi: null,
  abstract: 'A',
};
const rawRecord: OaiRecord = { ...record, identifier: 'oai:arXiv.org:2204.08348', metadata: null, raw };

describe('normalizeOaiRecord', () => {
  test('ListRecords hep-ex: ids, dates, categories primary first, comments collapsed', () => {
    const items = normalizeFixture('arxiv-oai-pmh/functional-arxiv-physics-hep-ex.xml');
    assert.equal(items.length, 3);
    const first = paperOf(items[0]);
    assert.equal(items[0]?.position, 'record 1 (oai:arXiv.org:1706.05371)');
    assert.equal(first.arxivId, '1706.05371');
    assert.equal(first.version, null);
    assert.equal(
      first.title,
      'Evaluation of Silicon Photomultipliers for use as Photosensors in Liquid Xenon Detectors',
    );
    assert.equal(first.authors.length, 13);
    assert.deepEqual(first.authors.slice(0, 3), ['Tyler Anderson', 'Jacob Cutter', 'Navneet Dhaliwal']);
    assert.deepEqual(first.categories, ['physics.ins-det', 'hep-ex']);
    assert.equal(first.comment, '10 pages, 9 figures');
    assert.equal(first.publishedAt, '2017-06-16T00:00:00.000Z');
    assert.equal(first.updatedAt, '2017-12-12T00:00:00.000Z');
    assert.equal(first.source, 'arxiv-oai');
    assert.ok(
      first.abstract.startsWith(
        'Silicon photomultipliers (SiPMs) are potential solid-state alternatives to traditional',
      ),
    );

    const second = paperOf(items[1]);
    assert.equal(second.arxivId, '1706.09418');
    assert.equal(
      second.comment,
      '43 pages, 13 tables, 17 figures; updated Figs. 11-17 and Tab. 12 including NLO corrections; version accepted for publication in EPJC',
    );
    assert.equal(second.journalRef, 'Eur. Phys. J. C (2017) 77:856');
    assert.equal(second.doi, '10.1140/epjc/s10052-017-5414-4');
  });

  test('GetRecord: an abstract with two paragraphs keeps them', () => {
    const paper = paperOf(normalizeFixture('arxiv-oai-pmh/functional-arxiv-single.xml')[0]);
    assert.equal(paper.arxivId, '1401.2122');
    assert.deepEqual(paper.categories, ['math.AP', 'hep-th', 'math-ph', 'math.DG', 'math.MP', 'nlin.SI']);
    assert.deepEqual(paper.abstract.split('\n\n').length, 2);
    assert.ok(paper.abstract.split('\n\n')[1]?.startsWith('In particular, we present new large classes'));
  });

  test('the record whose <arXiv> lacks its xmlns; several DOIs give the first', () => {
    const paper = paperOf(normalizeFixture('arxiv-oai-pmh/unit-sample_arxiv_record0.xml')[0]);
    assert.equal(paper.arxivId, '1601.03238');
    assert.deepEqual(paper.authors, [
      'Planck Collaboration',
      'Jieci Wang',
      'Zehua Tian',
      'Jiliang Jing',
      'Heng Fan',
    ]);
    assert.deepEqual(paper.categories, ['quant-ph', 'gr-qc', 'hep-th', 'chao-dyn', 'nlin.CD']);
    assert.equal(paper.doi, '10.1103/PhysRevD.93.016005');
    assert.equal(paper.updatedAt, null);
  });

  test('authors: forenames, keyname and suffix; debris such as ":" is dropped', () => {
    const paper = paperOf(normalizeFixture('arxiv-oai-pmh/unit-sample_arxiv_record4.xml')[0]);
    assert.equal(paper.arxivId, '1603.05976');
    assert.equal(
      paper.title,
      'BICEP2 / Keck Array VII: Matrix based E/B Separation applied to BICEP2 and the Keck Array',
    );
    assert.deepEqual(paper.authors.slice(0, 3), ['Keck Array', 'BICEP2 Collaborations', 'P. Ade']);
    assert.ok(paper.authors.includes('R. W. IV'));
    assert.ok(!paper.authors.includes(':'));
    assert.equal(paper.authors.length, 65); // 66 <author> elements, one of them ":"
  });

  test('the 12-record envelope gives 12 papers in order', () => {
    const items = normalizeFixture('arxiv-oai-pmh/unit-sample_arxiv_record.xml');
    assert.deepEqual(
      items.map((item) => paperOf(item).arxivId),
      [
        '1601.03238',
        '1512.07978',
        '1603.00997',
        '1603.01251',
        '1603.05976',
        '1604.05585',
        '1606.06775',
        '1606.07066',
        '1606.07538',
        '1607.00786',
        '1606.04259',
        '1808.04927',
      ],
    );
    assert.deepEqual(paperOf(items[11]).categories, ['hep-ex', 'nucl-ex', 'chao-dyn']);
  });

  test('a deleted record is rejected as deleted upstream', () => {
    const items = normalizeFixture('handmade/oai-pmh-deleted-with-token.xml');
    assert.equal(paperOf(items[0]).arxivId, '1412.8323');
    assert.deepEqual(items[1], {
      kind: 'rejected',
      position: 'record 2 (oai:arXiv.org:hep-th/9901001)',
      reason: 'deleted upstream',
    });
  });

  test('rejects a record without arXiv metadata, with an invalid id, or without a title', () => {
    assert.deepEqual(normalizeOaiRecord({ ...record, metadata: null }, 'record 1'), {
      kind: 'rejected',
      position: 'record 1',
      reason: 'no <arXivRaw> or <arXiv> metadata (harvest with metadataPrefix=arXivRaw)',
    });
    const badId = { ...record, metadata: { ...metadata, id: '1706-05371' } };
    assert.deepEqual(normalizeOaiRecord(badId, 'record 2'), {
      kind: 'rejected',
      position: 'record 2',
      reason: 'invalid arXiv id "1706-05371"',
    });
    const noTitle = { ...record, metadata: { ...metadata, title: null } };
    assert.equal(normalizeOaiRecord(noTitle, 'record 3').kind, 'rejected');
  });

  test('arXivRaw: the latest version, v1 and latest times, every version, the authors split', () => {
    const items = normalizeFixture('handmade/oai-pmh-cs-2022-07-07.xml');
    const paper = paperOf(items[0]);
    assert.deepEqual(
      [paper.arxivId, paper.version, paper.publishedAt, paper.updatedAt, paper.source],
      ['2204.08348', 3, '2022-04-18T14:46:24.000Z', '2022-07-06T05:12:56.000Z', 'arxiv-oai'],
    );
    assert.deepEqual(paper.versions, [
      { version: 1, submittedAt: '2022-04-18T14:46:24.000Z' },
      { version: 2, submittedAt: '2022-04-26T17:02:11.000Z' },
      { version: 3, submittedAt: '2022-07-06T05:12:56.000Z' },
    ]);
    assert.deepEqual(paper.authors, ['Myeongsoo Kim', 'Qi Xin', 'Saurabh Sinha', 'Alessandro Orso']);
    assert.deepEqual(paper.categories, ['cs.SE']);
    assert.equal(
      paper.comment,
      '13 pages, 6 figures, In Proceedings of the 31st ACM SIGSOFT International Symposium on Software Testing and Analysis (ISSTA) 2022',
    );
    assert.equal(paper.doi, '10.1145/3533767.3534401');
    assert.ok(paper.abstract.startsWith('Modern web services routinely provide REST APIs'));
  });

  test('arXivRaw pages of set cs: names split from the authors field as the arXiv format lists them', () => {
    const rawItems = normalizeFixture('handmade/oai-pmh-cs-page1.xml');
    const ids = rawItems.map((item) => paperOf(item).arxivId);
    assert.deepEqual(ids, ['2507.02092', '2507.02754', '2507.02016', '2507.02029', '2507.02074']);
    const first = paperOf(rawItems[0]);
    assert.equal(first.authors.length, 10);
    assert.deepEqual(first.authors.slice(0, 2), ['Alexi Gladstone', 'Ganesh Nanduru']);
    assert.deepEqual(paperOf(rawItems[1]).authors.slice(-2), ['Manzil Zaheer', 'Rohan Anil']);
    assert.deepEqual(paperOf(rawItems[3]).authors[0], 'BAAI RoboBrain Team');
    assert.equal(first.title, 'Energy-Based Transformers are Scalable Learners and Thinkers');
    assert.deepEqual([first.version, first.publishedAt], [1, '2025-07-02T19:17:29.000Z']);
  });

  test('arXivRaw: versions out of order or repeated are sorted once; bad ones reject the record', () => {
    const shuffled = {
      ...raw,
      versions: [raw.versions[1]!, raw.versions[0]!, raw.versions[1]!],
    };
    const paper = paperOf(normalizeOaiRecord({ ...rawRecord, raw: shuffled }, 'record 1'));
    assert.deepEqual(
      paper.versions.map((v) => v.version),
      [1, 2],
    );
    assert.deepEqual([paper.version, paper.updatedAt], [2, '2022-04-26T17:02:11.000Z']);
    const reason = (versions: OaiArxivRawMetadata['versions']) => {
      const item = normalizeOaiRecord({ ...rawRecord, raw: { ...raw, versions } }, 'record 2');
      return item.kind === 'rejected' ? item.reason : 'accepted';
    };
    assert.equal(reason([]), 'no <version> in <arXivRaw>');
    assert.equal(
      reason([{ version: 'version 1', date: 'Mon, 18 Apr 2022 14:46:24 GMT' }]),
      'invalid version "version 1"',
    );
    assert.equal(reason([{ version: 'v1', date: 'soon' }]), 'version v1: invalid date "soon"');
  });

  test('falls back to the header identifier when <id> is missing', () => {
    const paper = paperOf(normalizeOaiRecord({ ...record, metadata: { ...metadata, id: null } }, 'record 1'));
    assert.equal(paper.arxivId, '1706.05371');
  });
});
