// Which of our compressed copies a client takes, from its Accept-Encoding (RFC 9110 12.5.3): the
// coding with the highest q above zero, brotli before gzip at equal q; `*` stands for codings not
// named; a malformed q drops its entry. Without a compressed coding the client accepts, the body
// goes as is (identity), which every client reads.

export type Encoding = 'br' | 'gzip' | 'identity';

const Q = /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/i;

export function preferredEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity';
  const q = new Map<string, number>();
  // Long headers are cut: no client needs more than a few dozen entries.
  for (const entry of header.slice(0, 1000).split(',')) {
    const [coding = '', ...params] = entry.split(';').map((s) => s.trim().toLowerCase());
    if (coding === '' || q.has(coding)) continue;
    const qParam = params.find((p) => p.startsWith('q='));
    const m = qParam === undefined ? null : Q.exec(qParam);
    if (qParam !== undefined && !m) continue;
    q.set(coding, m?.[1] === undefined ? 1 : Number(m[1]));
  }
  const of = (coding: string) => q.get(coding) ?? q.get('*') ?? 0;
  const br = of('br');
  const gzip = of('gzip');
  if (br > 0 && br >= gzip) return 'br';
  if (gzip > 0) return 'gzip';
  return 'identity';
}
