// One fast-xml-parser set-up for every XML source (arXiv Atom, OAI-PMH), plus small readers for the
// object tree it produces. Choices, and why:
// - namespace prefixes are dropped (`arxiv:comment` -> `comment`): arXiv's files mix prefixed and
//   default namespaces, and some fixtures even lack the xmlns on <arXiv>; local names are unambiguous
//   inside each format;
// - values stay strings (`1706.05371` and `0704.0001` are ids, not numbers);
// - repeatable elements are always arrays, so one author and twelve authors read the same way;
// - only XML's own entities are decoded (&amp; &lt; &gt; &quot; &apos; and numeric references);
//   entities declared in a DOCTYPE are left as written, never expanded.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { MalformedFileError } from '../errors.js';

/** A parsed element: a string for a plain text element, else an object of children and `@_attributes`. */
export type XmlNode = string | XmlElement;
export interface XmlElement {
  [name: string]: unknown;
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g;

function decodeXmlEntity(match: string, dec?: string, hex?: string, name?: string): string {
  if (name) return PREDEFINED[name] ?? match;
  const code = dec !== undefined ? Number(dec) : parseInt(hex ?? '', 16);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
}

const xmlOwnEntities = {
  setExternalEntities: () => undefined,
  addInputEntities: () => undefined, // DOCTYPE entities: ignored on purpose
  reset: () => undefined,
  setXmlVersion: () => undefined,
  decode: (text: string) => (text.includes('&') ? text.replace(ENTITY, decodeXmlEntity) : text),
};

/**
 * The longest tag read (attributes included). Real tags are short; the parser slows down badly on
 * megabytes inside one tag, so such a file is refused before it is parsed.
 */
export const MAX_TAG_BYTES = 64 * 1024;

/**
 * Checks well-formedness, then parses. `repeatable` names the elements (local names) that are
 * always returned as arrays. Throws MalformedFileError with line and column for broken XML, and
 * for what the parser refuses on its own (external entities, elements nested too deep).
 */
export function parseXmlDocument(text: string, repeatable: readonly string[]): XmlElement {
  const long = longTag(text);
  if (long !== null)
    throw new MalformedFileError(`a tag is longer than ${MAX_TAG_BYTES / 1024} KiB`, {
      position: `line ${text.slice(0, long).split('\n').length}`,
    });
  try {
    return parseChecked(text, repeatable);
  } catch (err) {
    if (err instanceof MalformedFileError) throw err;
    throw new MalformedFileError(
      `XML the parser refuses: ${err instanceof Error ? err.message : String(err)}`,
      {},
      { cause: err },
    );
  }
}

/** Where the first tag longer than MAX_TAG_BYTES starts, or null. */
function longTag(text: string): number | null {
  for (let open = text.indexOf('<'); open >= 0; open = text.indexOf('<', open + 1)) {
    const close = text.indexOf('>', open);
    if ((close < 0 ? text.length : close) - open > MAX_TAG_BYTES) return open;
    if (close < 0) return null;
    open = close;
  }
  return null;
}

function parseChecked(text: string, repeatable: readonly string[]): XmlElement {
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) throw notWellFormed(verdict.err, text);
  const arrays = new Set(repeatable);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    entityDecoder: xmlOwnEntities,
    isArray: (name, _path, _isLeaf, isAttribute) => !isAttribute && arrays.has(name),
  });
  const root: unknown = parser.parse(text);
  if (!isElement(root)) throw new MalformedFileError('XML document has no root element');
  return root;
}

/**
 * The validator reports elements left open (a truncated file) at line 1, column 1, listing them in
 * an awkward message; say instead where the file ends and what was still open.
 */
function notWellFormed(err: { msg: string; line: number; col?: number }, text: string): MalformedFileError {
  const unclosed = /^Unclosed tag '([^']+)'/.exec(err.msg)?.[1];
  const openTags = unclosed ? [unclosed] : /^Invalid '\[(.*)\]' found/.exec(err.msg)?.[1]?.match(/[^\s",]+/g);
  if (openTags) {
    const inside = openTags.map((tag) => `<${tag}>`).join(' ');
    const lines = text.split('\n').length;
    return new MalformedFileError(`not well-formed XML: the file ends inside ${inside} (truncated?)`, {
      position: `end of file (line ${lines})`,
    });
  }
  const position = err.col === undefined ? `line ${err.line}` : `line ${err.line}, column ${err.col}`;
  return new MalformedFileError(`not well-formed XML: ${err.msg}`, { position });
}

export function isElement(value: unknown): value is XmlElement {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The element's child (the first one if it repeats), or null. */
export function child(node: unknown, name: string): XmlElement | null {
  if (!isElement(node)) return null;
  const value = node[name];
  const first = Array.isArray(value) ? value[0] : value;
  if (isElement(first)) return first;
  // `<metadata></metadata>` or a text-only child: an element with no children of its own.
  return typeof first === 'string' ? { '#text': first } : null;
}

/** All children of that name (repeatable elements are arrays already; single ones are wrapped). */
export function children(node: unknown, name: string): unknown[] {
  if (!isElement(node)) return [];
  const value = node[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Text content of a node (`<a>x</a>` or `<a b="1">x</a>`); '' for an empty element, null for none. */
export function textOf(node: unknown): string | null {
  const first = Array.isArray(node) ? (node as unknown[])[0] : node;
  if (typeof first === 'string') return first;
  if (isElement(first)) {
    const text = first['#text'];
    return typeof text === 'string' ? text : '';
  }
  return null;
}

/** Text of the named child, or null when absent. */
export function childText(node: unknown, name: string): string | null {
  return isElement(node) ? textOf(node[name]) : null;
}

export function attribute(node: unknown, name: string): string | null {
  if (!isElement(node)) return null;
  const value = node[`@_${name}`];
  return typeof value === 'string' ? value : null;
}

/** A non-negative integer from an element or attribute text, else null. */
export function integerOf(text: string | null): number | null {
  if (text === null || !/^\s*\d+\s*$/.test(text)) return null;
  return Number(text);
}
