// A parser for Python literals as `repr()` writes them: some Hugging Face daily files hold entries as
// strings like "{'paper': {'id': '2412.07730', 'hidden': False}}" (str(dict) instead of JSON).
// Supported: dict, list, tuple (as an array), str (both quote kinds, triple quotes, r/u prefixes,
// escapes, implicit concatenation), int, float, True, False, None. Nothing is evaluated.

export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

export class PythonLiteralError extends Error {
  override readonly name = 'PythonLiteralError';
  constructor(
    message: string,
    /** Offset (in UTF-16 code units) into the source where the problem is. */
    readonly offset: number,
  ) {
    super(message);
  }
}

const MAX_DEPTH = 200;
const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};
const NUMBER = /(\d(?:_?\d)*)?(\.(?:\d(?:_?\d)*)?)?([eE][+-]?\d(?:_?\d)*)?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const OCTAL = /[0-7]{1,3}/y;

/** Parses one Python literal; throws PythonLiteralError naming the offset and what was expected. */
export function parsePythonLiteral(source: string): PyValue {
  const parser = new LiteralParser(source);
  const value = parser.value(0);
  parser.skipSpace();
  if (!parser.atEnd()) parser.fail('unexpected content after the value');
  return value;
}

class LiteralParser {
  private pos = 0;

  constructor(private readonly src: string) {}

  atEnd(): boolean {
    return this.pos >= this.src.length;
  }

  fail(message: string, at = this.pos): never {
    const near = this.src.slice(at, at + 24);
    const where = at >= this.src.length ? 'at end of input' : `at offset ${at} near ${JSON.stringify(near)}`;
    throw new PythonLiteralError(`${message} ${where}`, at);
  }

  skipSpace(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos] ?? '')) this.pos++;
  }

  value(depth: number): PyValue {
    if (depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH} levels`);
    this.skipSpace();
    const ch = this.src[this.pos];
    if (ch === undefined) this.fail('expected a value');
    if (ch === '{') return this.dict(depth);
    if (ch === '[') return this.sequence(']', depth);
    if (ch === '(') return this.parenthesized(depth);
    if (this.startsString()) return this.strings();
    if (ch === '-' || ch === '+') return this.signed();
    if (/[0-9.]/.test(ch)) return this.number(1);
    if (/[A-Za-z_]/.test(ch)) return this.name();
    return this.fail(`unexpected character ${JSON.stringify(ch)}`);
  }

  private expect(ch: string, what: string): void {
    this.skipSpace();
    if (this.src[this.pos] !== ch) this.fail(`expected ${what}`);
    this.pos++;
  }

  /** After an item: true when the container closes, false after a comma (a trailing comma is allowed). */
  private endOfItem(close: string): boolean {
    this.skipSpace();
    const ch = this.src[this.pos];
    if (ch === close) {
      this.pos++;
      return true;
    }
    if (ch !== ',') this.fail(`expected ',' or '${close}'`);
    this.pos++;
    this.skipSpace();
    if (this.src[this.pos] === close) {
      this.pos++;
      return true;
    }
    return false;
  }

  private sequence(close: string, depth: number): PyValue[] {
    this.pos++; // the opening bracket
    const items: PyValue[] = [];
    this.skipSpace();
    if (this.src[this.pos] === close) {
      this.pos++;
      return items;
    }
    do items.push(this.value(depth + 1));
    while (!this.endOfItem(close));
    return items;
  }

  /** `()` is an empty tuple, `(x,)` and `(x, y)` are tuples, `(x)` is just x. */
  private parenthesized(depth: number): PyValue {
    const start = this.pos;
    this.pos++;
    this.skipSpace();
    if (this.src[this.pos] === ')') {
      this.pos++;
      return [];
    }
    const first = this.value(depth + 1);
    this.skipSpace();
    if (this.src[this.pos] === ')') {
      this.pos++;
      return first;
    }
    this.pos = start;
    return this.sequence(')', depth);
  }

  private dict(depth: number): { [key: string]: PyValue } {
    this.pos++;
    const out: { [key: string]: PyValue } = {};
    this.skipSpace();
    if (this.src[this.pos] === '}') {
      this.pos++;
      return out;
    }
    do {
      this.skipSpace();
      const keyAt = this.pos;
      const key = this.value(depth + 1);
      this.skipSpace();
      if (this.src[this.pos] !== ':') {
        const ch = this.src[this.pos];
        if (ch === ',' || ch === '}') this.fail('sets are not supported (expected a dict)', keyAt);
      }
      this.expect(':', "':' after a dict key");
      if (typeof key !== 'string' && !(typeof key === 'number' && Number.isInteger(key))) {
        this.fail('dict keys must be strings or integers', keyAt);
      }
      // defineProperty, not assignment: a key named "__proto__" must stay an ordinary key.
      Object.defineProperty(out, String(key), {
        value: this.value(depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } while (!this.endOfItem('}'));
    return out;
  }

  private signed(): number {
    const sign = this.src[this.pos] === '-' ? -1 : 1;
    this.pos++;
    this.skipSpace();
    if (!/[0-9.]/.test(this.src[this.pos] ?? '')) this.fail('expected a number after the sign');
    return this.number(sign);
  }

  private number(sign: number): number {
    const start = this.pos;
    NUMBER.lastIndex = start;
    const m = NUMBER.exec(this.src);
    const [text = '', int, fraction, exponent] = m ?? [];
    if (!int && !(fraction && fraction.length > 1)) this.fail('expected a number', start);
    this.pos = start + text.length;
    if (/[A-Za-z0-9_]/.test(this.src[this.pos] ?? '')) {
      this.fail('unsupported number (hex, octal, binary and complex literals are not accepted)', start);
    }
    const value = sign * Number(text.replace(/_/g, ''));
    if (fraction === undefined && exponent === undefined && !Number.isSafeInteger(value)) {
      this.fail('integer too large to represent exactly', start);
    }
    return value;
  }

  private name(): boolean | null {
    const start = this.pos;
    NAME.lastIndex = start;
    const word = NAME.exec(this.src)?.[0] ?? '';
    const next = this.src[start + word.length];
    if ((next === "'" || next === '"') && /^[rRuUbBfF]{1,2}$/.test(word)) {
      this.fail(
        /[bBfF]/.test(word) ? 'bytes and f-strings are not literals' : 'unsupported string prefix',
        start,
      );
    }
    this.pos = start + word.length;
    if (word === 'True') return true;
    if (word === 'False') return false;
    if (word === 'None') return null;
    return this.fail(`unexpected name ${JSON.stringify(word)}`, start);
  }

  /** One string or several adjacent ones, which Python concatenates: 'a' "b" -> 'ab'. */
  private strings(): string {
    let out = this.string();
    for (;;) {
      const save = this.pos;
      this.skipSpace();
      if (!this.startsString()) {
        this.pos = save;
        return out;
      }
      out += this.string();
    }
  }

  private startsString(): boolean {
    const ch = this.src[this.pos];
    if (ch === "'" || ch === '"') return true;
    return /^[rRuU]['"]/.test(this.src.slice(this.pos, this.pos + 2));
  }

  private string(): string {
    const start = this.pos;
    let raw = false;
    while (/[rRuU]/.test(this.src[this.pos] ?? '')) {
      if (/[rR]/.test(this.src[this.pos] ?? '')) raw = true;
      this.pos++;
    }
    const quote = this.src[this.pos] ?? '';
    const triple = this.src.startsWith(quote.repeat(3), this.pos);
    const delimiter = triple ? quote.repeat(3) : quote;
    this.pos += delimiter.length;
    let out = '';
    for (;;) {
      const ch = this.src[this.pos];
      if (ch === undefined) this.fail('unterminated string', start);
      if (this.src.startsWith(delimiter, this.pos)) {
        this.pos += delimiter.length;
        return out;
      }
      if (ch === '\n' && !triple) this.fail('line break inside a single-quoted string', start);
      if (ch === '\\') {
        out += raw ? this.rawEscape() : this.escape();
        continue;
      }
      out += ch;
      this.pos++;
    }
  }

  /** In a raw string a backslash stays, but it still keeps the next quote from closing the string. */
  private rawEscape(): string {
    const next = this.src[this.pos + 1];
    if (next === undefined) this.fail('unterminated string');
    this.pos += 2;
    return `\\${next}`;
  }

  private escape(): string {
    const at = this.pos;
    const ch = this.src[at + 1];
    if (ch === undefined) this.fail('unterminated string');
    this.pos += 2;
    const simple = SIMPLE_ESCAPES[ch];
    if (simple !== undefined) return simple;
    if (ch === '\n') return ''; // a backslash at the end of a line continues the string
    if (/[0-7]/.test(ch)) {
      OCTAL.lastIndex = at + 1;
      const digits = OCTAL.exec(this.src)?.[0] ?? ch;
      this.pos = at + 1 + digits.length;
      return String.fromCodePoint(parseInt(digits, 8));
    }
    const hexLength = ch === 'x' ? 2 : ch === 'u' ? 4 : ch === 'U' ? 8 : 0;
    if (hexLength > 0) {
      const hex = this.src.slice(this.pos, this.pos + hexLength);
      if (!new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(hex)) {
        this.fail(`\\${ch} escape needs ${hexLength} hex digits`, at);
      }
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) this.fail(`\\${ch} escape beyond U+10FFFF`, at);
      this.pos += hexLength;
      return String.fromCodePoint(code);
    }
    if (ch === 'N') this.fail('\\N{...} named escapes are not supported', at);
    // Python keeps unknown escapes such as "\d" as they are.
    return `\\${ch}`;
  }
}
