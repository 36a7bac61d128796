// RFC 4180 CSV (quoted fields may hold commas, quotes doubled, and newlines), and the NumPy array
// reprs SciFact's export wrote into its cells: `['Sentence one.' "It's two."]` and `[123 456]`.

/** Rows as objects keyed by the header line. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows;
  if (!header) return [];
  return body
    .filter((r) => r.length > 1 || r[0] !== '')
    .map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** `['a' "b's"]` → ['a', "b's"]: Python string literals separated by whitespace, inside brackets. */
export function parseNumpyStrings(repr: string): string[] {
  const s = repr.trim();
  if (!s.startsWith('[') || !s.endsWith(']')) throw new Error(`not a list repr: ${s.slice(0, 40)}`);
  const out: string[] = [];
  let i = 1;
  while (i < s.length - 1) {
    const ch = s[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch !== "'" && ch !== '"') throw new Error(`unexpected ${JSON.stringify(ch)} at ${i} in a list repr`);
    let value = '';
    i++;
    while (i < s.length && s[i] !== ch) {
      if (s[i] === '\\') {
        const next = s[i + 1] as string;
        value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
        i += 2;
      } else value += s[i++] as string;
    }
    if (i >= s.length) throw new Error('unterminated string in a list repr');
    out.push(value);
    i++;
  }
  return out;
}

/** `[123 456]` → [123, 456]. */
export function parseNumpyInts(repr: string): number[] {
  const inner = repr.trim().replace(/^\[/, '').replace(/\]$/, '').trim();
  return inner === '' ? [] : inner.split(/[\s,]+/).map(Number);
}
