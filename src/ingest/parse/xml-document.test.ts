import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MalformedFileError } from '../errors.js';
import {
  attribute,
  child,
  children,
  childText,
  integerOf,
  parseXmlDocument,
  textOf,
} from './xml-document.js';

describe('parseXmlDocument', () => {
  test('drops namespace prefixes, keeps values as strings and attributes beside text', () => {
    const root = parseXmlDocument(
      `<?xml version="1.0"?><feed xmlns:arxiv="http://arxiv.org/schemas/atom">
        <arxiv:id>1706.05371</arxiv:id><n>007</n><t kind="x">text</t><arxiv:primary_category term="cs.CL"/>
      </feed>`,
      [],
    );
    const feed = child(root, 'feed');
    assert.equal(childText(feed, 'id'), '1706.05371');
    assert.equal(childText(feed, 'n'), '007');
    assert.equal(childText(feed, 't'), 'text');
    assert.equal(attribute(child(feed, 't'), 'kind'), 'x');
    assert.equal(attribute(child(feed, 'primary_category'), 'term'), 'cs.CL');
  });

  test('repeatable elements are arrays even when they occur once', () => {
    const one = parseXmlDocument('<r><author><name>A</name></author></r>', ['author']);
    assert.deepEqual(
      children(child(one, 'r'), 'author').map((a) => childText(a, 'name')),
      ['A'],
    );
    const two = parseXmlDocument('<r><author><name>A</name></author><author><name>B</name></author></r>', [
      'author',
    ]);
    assert.deepEqual(
      children(child(two, 'r'), 'author').map((a) => childText(a, 'name')),
      ['A', 'B'],
    );
  });

  test("decodes XML's own entities and character references, and CDATA", () => {
    const root = parseXmlDocument(
      '<r><t>p &gt;= 3 &amp; caf&#233; &#x3b1; &quot;q&apos;</t><c><![CDATA[a < b]]></c></r>',
      [],
    );
    assert.equal(childText(child(root, 'r'), 't'), `p >= 3 & café α "q'`);
    assert.equal(childText(child(root, 'r'), 'c'), 'a < b');
  });

  test('does not expand entities declared in a DOCTYPE', () => {
    const root = parseXmlDocument('<!DOCTYPE r [<!ENTITY boom "BOOM BOOM">]><r><t>&boom;</t></r>', []);
    assert.equal(childText(child(root, 'r'), 't'), '&boom;');
  });

  test('keeps inner line breaks (abstract paragraphs) and trims the ends', () => {
    const root = parseXmlDocument('<r><a>  One\nline.\n  Two.\n</a></r>', []);
    assert.equal(childText(child(root, 'r'), 'a'), 'One\nline.\n  Two.');
  });

  test('an empty element reads as empty text, a missing one as null', () => {
    const root = parseXmlDocument('<r><e/><f a="1"/></r>', []);
    const r = child(root, 'r');
    assert.equal(childText(r, 'e'), '');
    assert.equal(childText(r, 'f'), '');
    assert.equal(childText(r, 'missing'), null);
    assert.equal(textOf(undefined), null);
  });

  test('truncated XML is refused with line, column and a hint', () => {
    assert.throws(
      () => parseXmlDocument('<feed>\n  <entry>\n    <title>Cut', []),
      (err: unknown) => {
        assert.ok(err instanceof MalformedFileError);
        assert.equal(
          err.message,
          'end of file (line 3): not well-formed XML: the file ends inside <feed> <entry> <title> (truncated?)',
        );
        return true;
      },
    );
  });

  test('a single unclosed element is named too', () => {
    assert.throws(
      () => parseXmlDocument('<feed><entry></entry>', []),
      /the file ends inside <feed> \(truncated\?\)/,
    );
  });

  test('mismatched tags are refused with the position of the problem', () => {
    assert.throws(
      () => parseXmlDocument('<a>\n<b>x</a>', []),
      (err: unknown) => err instanceof MalformedFileError && err.position === 'line 2, column 5',
    );
  });

  test('integerOf reads whole numbers only', () => {
    assert.equal(integerOf(' 214881 '), 214881);
    assert.equal(integerOf('1.5'), null);
    assert.equal(integerOf(''), null);
    assert.equal(integerOf(null), null);
  });
});
