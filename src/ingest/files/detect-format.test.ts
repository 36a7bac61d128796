import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MalformedFileError } from '../errors.js';
import { classifyJsonDocument, detectFormat } from './detect-format.js';

const detect = (text: string, complete = true) => detectFormat(Buffer.from(text, 'utf8'), complete);

describe('detectFormat', () => {
  test('XML by its root element, past declaration, comments and DOCTYPE', () => {
    assert.equal(detect(`<?xml version='1.0'?>\n<feed xmlns="http://www.w3.org/2005/Atom">`), 'arxiv-atom');
    assert.equal(
      detect('\uFEFF  <!-- saved 2017 -->\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">'),
      'oai-pmh',
    );
    assert.equal(detect('<!DOCTYPE feed [<!ENTITY a "b">]><atom:feed xmlns:atom="x">'), 'arxiv-atom');
  });

  test('XML of another kind is named in the error', () => {
    assert.throws(
      () => detect('<?xml version="1.0"?><rss version="2.0">'),
      /XML with root element <rss> is neither/,
    );
  });

  test('JSON Lines by the keys of the first whole line', () => {
    assert.equal(detect('{"paper": {"id": "2401.00001"}, "title": "T"}\n{"paper": {}}\n'), 'hf-daily-jsonl');
    assert.equal(detect('{"id": "2511.11552", "title": "T", "authors": []}\n'), 'arxiv-listing');
    assert.equal(detect('{"id": "2511.11552", "abs": "https://arxiv.org/abs/2511.11552"}'), 'arxiv-listing');
  });

  test('a broken first line does not hide the JSON Lines after it', () => {
    assert.equal(detect('{"id": "2511.1\n{"id": "2511.11552", "title": "T"}\n'), 'arxiv-listing');
  });

  test('a line cut off by the head limit is not trusted', () => {
    assert.equal(detect('{"id": "2511.11552", "title": "T"}', false), 'json-document');
  });

  test('arrays are Hugging Face daily files; pretty-printed and one-line objects are documents', () => {
    assert.equal(detect('[\n  {\n    "paper": {'), 'hf-daily');
    assert.equal(detect('{\n    "status": "success",\n    "date": "2025-01-10",'), 'json-document');
    assert.equal(detect('{"url": "u", "status_code": 200, "body": "<feed/>"}'), 'json-document');
  });

  test('an unknown one-line object is refused with its keys', () => {
    assert.throws(() => detect('{"foo": 1, "bar": 2}\n'), /unrecognised JSON object with keys foo, bar/);
  });

  test('empty files and unknown bytes are refused, showing the first bytes', () => {
    assert.throws(() => detect('  \n'), /file is empty/);
    assert.throws(
      () => detectFormat(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x41]), true),
      (err: unknown) => {
        assert.ok(err instanceof MalformedFileError);
        assert.match(err.message, /^unknown content: .*\(first bytes: 50 4b 03 04 14 00 41 "PK...\.A"\)$/);
        return true;
      },
    );
    assert.throws(() => detect('id,title\n2401.00001,T\n'), /first bytes: 69 64 2c 74 69 74 6c 65/);
  });
});

describe('classifyJsonDocument', () => {
  test('recorded API exchange, HF wrapper, HF array', () => {
    assert.equal(classifyJsonDocument({ url: 'u', status_code: 200, body: '<feed/>' }), 'arxiv-atom');
    assert.equal(
      classifyJsonDocument({ status: 'success', date: '2025-01-10', count: 0, data: [] }),
      'hf-daily',
    );
    assert.equal(classifyJsonDocument([]), 'hf-daily');
  });

  test('anything else is refused, saying what it was', () => {
    assert.throws(
      () => classifyJsonDocument({ results: [] }),
      /unrecognised JSON document \(an object with keys results\)/,
    );
    assert.throws(() => classifyJsonDocument(42), /unrecognised JSON document \(a number\)/);
    assert.throws(() => classifyJsonDocument(null), /unrecognised JSON document \(a null\)/);
  });
});
