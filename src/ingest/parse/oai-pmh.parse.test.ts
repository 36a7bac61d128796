import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { MalformedFileError } from '../errors.js';
import { parseOaiPmh } from './oai-pmh.parse.js';

const fixture = (path: string) => readFileSync(new URL(`../../../fixtures/${path}`, import.meta.url), 'utf8');

describe('parseOaiPmh', () => {
  test('ListRecords: records with positions, verb and no resumption token', () => {
    const response = parseOaiPmh(fixture('arxiv-oai-pmh/functional-arxiv-physics-hep-ex.xml'));
    assert.equal(response.verb, 'ListRecords');
    assert.equal(response.responseDate, '2017-12-14T13:00:41Z');
    assert.equal(response.resumptionToken, null);
    assert.deepEqual(
      response.records.map((r) => r.position),
      [
        'record 1 (oai:arXiv.org:1706.05371)',
        'record 2 (oai:arXiv.org:1706.09418)',
        'record 3 (oai:arXiv.org:1707.00874)',
      ],
    );
    const meta = response.records[0]?.record.metadata;
    assert.equal(meta?.id, '1706.05371'); // a string, not the number 1706.05371
    assert.equal(meta?.created, '2017-06-16');
    assert.equal(meta?.updated, '2017-12-12');
    assert.equal(meta?.categories, 'physics.ins-det hep-ex');
    assert.deepEqual(meta?.authors[0], { keyname: 'Anderson', forenames: 'Tyler', suffix: null });
    assert.equal(meta?.authors.length, 13);
  });

  test('GetRecord, including the record whose <arXiv> lacks its xmlns', () => {
    const response = parseOaiPmh(fixture('arxiv-oai-pmh/unit-sample_arxiv_record0.xml'));
    assert.equal(response.verb, 'GetRecord');
    assert.equal(response.records.length, 1);
    const meta = response.records[0]?.record.metadata;
    assert.equal(meta?.id, '1601.03238');
    assert.deepEqual(meta?.authors[0], { keyname: 'Planck Collaboration', forenames: null, suffix: null });
    assert.equal(meta?.journalRef, 'Phys.Rev. D93 (2015) 016005');
  });

  test('arXivRaw: every version with its date, the authors as submitted', () => {
    const response = parseOaiPmh(fixture('handmade/oai-pmh-cs-2022-07-07.xml'));
    const { record } = response.records[0] ?? {};
    assert.equal(record?.metadata, null);
    assert.deepEqual(record?.raw?.versions, [
      { version: 'v1', date: 'Mon, 18 Apr 2022 14:46:24 GMT' },
      { version: 'v2', date: 'Tue, 26 Apr 2022 17:02:11 GMT' },
      { version: 'v3', date: 'Wed, 6 Jul 2022 05:12:56 GMT' },
    ]);
    assert.equal(record?.raw?.id, '2204.08348');
    assert.equal(record?.raw?.authors, 'Myeongsoo Kim, Qi Xin, Saurabh Sinha, Alessandro Orso');
    assert.equal(record?.raw?.doi, '10.1145/3533767.3534401');
    // One version is a list of one too.
    const single = parseOaiPmh(fixture('handmade/oai-pmh-cs-page1.xml')).records[0]?.record.raw;
    assert.deepEqual(single?.versions, [{ version: 'v1', date: 'Wed, 02 Jul 2025 19:17:29 GMT' }]);
  });

  test('a resumption token and a deleted record', () => {
    const response = parseOaiPmh(fixture('handmade/oai-pmh-deleted-with-token.xml'));
    assert.deepEqual(response.resumptionToken, {
      token: '6155243|1001',
      cursor: 0,
      completeListSize: 2417,
      expirationDate: null,
    });
    const deleted = response.records[1];
    assert.equal(deleted?.position, 'record 2 (oai:arXiv.org:hep-th/9901001)');
    assert.equal(deleted?.record.deleted, true);
    assert.equal(deleted?.record.metadata, null);
    assert.equal(deleted?.record.raw, null);
    assert.equal(response.records[0]?.record.deleted, false);
  });

  test('an empty resumption token ends the list', () => {
    const xml = `<OAI-PMH><ListRecords><resumptionToken completeListSize="3" cursor="2"/></ListRecords></OAI-PMH>`;
    assert.deepEqual(parseOaiPmh(xml).resumptionToken, {
      token: null,
      cursor: 2,
      completeListSize: 3,
      expirationDate: null,
    });
  });

  test('noRecordsMatch is zero records, not an error', () => {
    const response = parseOaiPmh(fixture('handmade/oai-pmh-no-records-match.xml'));
    assert.deepEqual(response.records, []);
    assert.equal(response.resumptionToken, null);
  });

  test('any other OAI-PMH error refuses the file with the server message', () => {
    assert.throws(
      () => parseOaiPmh(fixture('malformed/oai-pmh-bad-argument.xml')),
      (err: unknown) => {
        assert.ok(err instanceof MalformedFileError);
        assert.equal(
          err.message,
          'OAI-PMH error: badArgument (Illegal argument: from=yesterday is not a valid date)',
        );
        return true;
      },
    );
  });

  test('XML that is not OAI-PMH is refused', () => {
    assert.throws(() => parseOaiPmh('<feed/>'), /not an OAI-PMH response/);
  });
});
