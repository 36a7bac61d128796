import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { MalformedFileError } from '../errors.js';
import { parseArxivAtom, parseRecordedArxivResponse } from './arxiv-atom.parse.js';

const fixture = (path: string) =>
  readFileSync(new URL(`../../../fixtures/arxiv-api/${path}`, import.meta.url), 'utf8');
const recorded = (name: string): unknown => JSON.parse(fixture(`recorded-json/${name}`));

describe('parseArxivAtom', () => {
  test('reads paging from the current feed (opensearch without inline namespace)', () => {
    const feed = parseRecordedArxivResponse(recorded('q_testing_s0_m100_cfe7536492ca.json'));
    assert.deepEqual(feed.paging, { totalResults: 214881, startIndex: 0, itemsPerPage: 100 });
    assert.equal(feed.entries.length, 100);
    const page = parseRecordedArxivResponse(recorded('q_testing_s50_m10_7f488ab8598c.json'));
    assert.deepEqual(page.paging, { totalResults: 214881, startIndex: 50, itemsPerPage: 10 });
  });

  test('reads paging from the 2016 feed (opensearch with inline namespaces)', () => {
    const feed = parseArxivAtom(fixture('legacy-atom-xml/search_au_del_maestro.xml'));
    assert.deepEqual(feed.paging, { totalResults: 31, startIndex: 0, itemsPerPage: 10 });
    assert.equal(feed.entries.length, 10);
    assert.equal(feed.entries[1]?.position, 'entry 2 (cond-mat/0412498v1)');
  });

  test('gives raw entry fields, primary category and extensions', () => {
    const feed = parseArxivAtom(fixture('legacy-atom-xml/id_list_1111.2011v2.xml'));
    const entry = feed.entries[0]?.entry;
    assert.equal(feed.entries[0]?.position, 'entry 1 (1111.2011v2)');
    assert.equal(entry?.id, 'http://arxiv.org/abs/1111.2011v2');
    assert.equal(
      entry?.title,
      'Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large\n  Connectivity Limit',
    );
    assert.deepEqual(entry?.authors, ['James M. Murray', 'Adrian Del Maestro', 'Zlatko Tesanovic']);
    assert.equal(entry?.primaryCategory, 'cond-mat.str-el');
    assert.deepEqual(entry?.categories, ['cond-mat.str-el', 'cond-mat.stat-mech']);
    assert.equal(entry?.doi, '10.1103/PhysRevB.85.115117');
    assert.equal(entry?.journalRef, 'Phys. Rev. B 85, 115117 (2012)');
    assert.equal(entry?.comment, '8 pages, 3 figures. Published version');
    assert.equal(entry?.published, '2011-11-08T18:48:36Z');
    assert.equal(entry?.updated, '2012-04-02T12:38:54Z');
  });

  test('an empty result is zero entries, not an error', () => {
    const feed = parseRecordedArxivResponse(recorded('id_0000.0000_s0_m100_8b51d9633a68.json'));
    assert.deepEqual(feed, { paging: { totalResults: 0, startIndex: 0, itemsPerPage: 100 }, entries: [] });
  });

  test("arXiv's error feed is refused with arXiv's message", () => {
    assert.throws(
      () => parseRecordedArxivResponse(recorded('id_abc_s0_m100_b79c8dcf6bc3.json')),
      (err: unknown) => {
        assert.ok(err instanceof MalformedFileError);
        assert.equal(err.message, 'entry 1: arXiv API error: incorrect id format for abc');
        assert.equal(err.upstreamMessage, 'incorrect id format for abc');
        return true;
      },
    );
  });

  test('an error status without an error feed is refused with the status', () => {
    const value = { url: 'https://export.arxiv.org/api/query', status_code: 503, body: '<html>busy</html>' };
    assert.throws(() => parseRecordedArxivResponse(value), /recorded arXiv API response has HTTP status 503/);
  });

  test('a JSON object that is no recorded response is refused', () => {
    assert.throws(() => parseRecordedArxivResponse({ body: 1 }), /not a recorded arXiv API response/);
  });

  test('XML of another kind is refused', () => {
    assert.throws(
      () => parseArxivAtom('<rss><channel/></rss>'),
      /not an Atom feed \(root element is <rss>\)/,
    );
  });
});
