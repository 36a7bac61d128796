// Malformed requests over every route in the app's route table (Hono's `app.routes`, so a route
// added tomorrow is fuzzed without an edit here), as raw HTTP/1.1 bytes. Every request that could
// change data (any method but GET, HEAD and OPTIONS) carries at least one defect that must get it
// refused before anything is written: a body that does not parse as its Content-Type says, a
// compressed body or another charset, a missing, wrong or cross-site CSRF token, an impossible id,
// an oversized address, headers or body, or broken HTTP. On top, any request may carry odd headers
// (bad and duplicate cookies, odd Authorization, Accept-Encoding, If-None-Match, Range,
// X-Forwarded-For...) and hostile path parameters and query strings. Nothing here is a valid
// credential beyond the one session the target hands in, so no defect can be cured by noise.
import { gzipSync } from 'node:zlib';
import { Dice } from './prng.js';

export interface FuzzTarget {
  /** `app.routes` of the app under test. */
  routes: readonly { method: string; path: string }[];
  /** Host header value (`127.0.0.1:PORT`). */
  host: string;
  /** A signed-in admin's cookie and CSRF token, so requests get past sign-in to their defect. */
  session: { cookie: string; csrf: string };
  /** An anonymous visitor's pb_csrf cookie and its token. */
  anonymous: { cookie: string; csrf: string };
  /** Ids that exist: a paper, a comment, an author slug. */
  paper: string;
  comment: number;
  author: string;
}

export interface FuzzRequest {
  /** What was sent, in words: enough to reproduce by hand. */
  label: string;
  /** The bytes, in the order to write them. */
  parts: Buffer[];
  /** Close our side after writing (a request cut short). */
  halfClose: boolean;
  /** A request that could change data: it must be refused (4xx). */
  mustRefuse: boolean;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const WRONG_METHODS = ['PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'TRACE', 'FOO', 'get', 'POST'];

const HOSTILE_TEXT = [
  '',
  ' ',
  '..',
  '../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f',
  '%252e%252e%252f',
  '%E0%A4%A',
  '%C0%AE%C0%AE',
  '%ED%A0%80',
  '%FF%FE',
  '%0d%0aSet-Cookie:%20x=1',
  '<script>alert(1)</script>',
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  "' OR '1'='1",
  '"; DROP TABLE papers; --',
  '\u00e9t\u00e9',
  '%F0%9F%8E%89',
  '__proto__',
  'constructor',
  '%7B%7D',
  '${jndi:ldap://x}',
  '{{7*7}}',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1e309',
  'a'.repeat(300),
];
const HUGE_NUMBERS = [
  '2147483648',
  '2147483647',
  '9007199254740992',
  '9007199254740993',
  '1' + '0'.repeat(30),
  '0',
  '00',
  '0001',
  '-0',
  '4294967296',
];
const PAPER_IDS = [
  '2406.12345',
  '2406.12345v999999999999',
  'hep-th/9901001',
  'arXiv:2406.12345',
  'https://arxiv.org/abs/2406.12345',
  '9999.99999',
  '0000.00000',
];
const QUERY_KEYS = [
  'q',
  'date',
  'week',
  'month',
  'sort',
  'page',
  'limit',
  'p',
  'from',
  'to',
  'category',
  'author',
  'token',
  'next',
  'cadence',
  'format',
  'alert',
  'email',
  'done',
  'saved',
  'flagged',
];
const QUERY_VALUES = [
  ...HOSTILE_TEXT,
  ...HUGE_NUMBERS,
  '2026-02-30',
  '2026-W99',
  '2026-13',
  '9999-12-31',
  'top',
  'trending',
  'relevance',
  'weekly',
  'text',
  'cat:cs.CL author:"x',
  '"unterminated phrase',
  '-',
  '*',
  '//evil.example',
  '/\\evil.example',
  'javascript:alert(1)',
];

/** Odd header values, by name. */
export const ODD_HEADERS: Record<string, string[]> = {
  cookie: [
    'pb_session=%E0%A4%A',
    'pb_session=a; pb_session=b',
    'pb_session=',
    ';;; =x; pb_session',
    `pb_session=${'a'.repeat(3000)}`,
    'pb_csrf=%00',
    'pb_session="q"',
  ],
  authorization: [
    'Bearer',
    'Bearer    ',
    'Bearer a b c',
    'Basic Zm9vOmJhcg==',
    `Bearer pb_${'x'.repeat(3000)}`,
    'Negotiate',
    'Bearer pb_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  ],
  'accept-encoding': [
    'br;q=0, gzip;q=0',
    '*',
    '*;q=0',
    'identity;q=0',
    'gzip;q=abc',
    `${'gzip, '.repeat(500)}br`,
    'x-unknown',
  ],
  'if-none-match': ['*', 'W/"x"', '"a", "b"', '"""', `"${'e'.repeat(3000)}"`, ','],
  'if-modified-since': ['yesterday', 'Thu, 99 Foo 9999 99:99:99 GMT'],
  range: ['bytes=0-0', 'bytes=999999999999-', 'bytes=-1', 'chars=1-2', 'bytes=5-1, 0-', 'nonsense'],
  'x-forwarded-for': ['unknown', '1.1.1.1, ::1', '999.999.999.999', ', , ,', 'x'.repeat(3000), '[::1]:80'],
  accept: ['application/json', '*/*;q=abc', 'text/html;level=1;level=2', ''],
  'user-agent': ['x'.repeat(4000), ''],
  'x-csrf-token': ['', 'x'.repeat(100), 'null'],
  origin: ['null', 'https://evil.example'],
  referer: ['https://evil.example/', 'not a url', '//evil'],
  'content-language': ['\u00ff'],
};

type Defect = (r: Draft, dice: Dice, t: FuzzTarget) => void;

interface Draft {
  method: string;
  target: string;
  headers: [string, string][];
  body: Buffer | null;
  /** A Content-Length other than the body's own (a body cut short), or null. */
  declaredLength: number | null;
  /** Raw bytes replacing the whole request (protocol-level defects). */
  raw: Buffer | null;
  halfClose: boolean;
  words: string[];
}

const part = (name: string | null, value: string, extra = '') =>
  `--fz\r\nContent-Disposition: form-data${name === null ? '' : `; name="${name}"`}${extra}\r\n\r\n${value}\r\n`;

/** Bodies that must be refused by the body layer whatever the route. */
const BAD_BODIES: [string, string, string | Buffer, [string, string][]?][] = [
  ['multipart without boundary', 'multipart/form-data', `${part('body', 'x')}--fz--\r\n`],
  ['not multipart', 'multipart/form-data; boundary=fz', 'vote=1&_csrf=x'],
  ['empty multipart part', 'multipart/form-data; boundary=fz', '--fz\r\n\r\n\r\n--fz--\r\n'],
  ['nameless part', 'multipart/form-data; boundary=fz', `${part(null, 'x')}--fz--\r\n`],
  [
    'multipart cut short',
    'multipart/form-data; boundary=fz',
    '--fz\r\nContent-Disposition: form-data; name="body"\r\n\r\nhal',
  ],
  ['empty multipart', 'multipart/form-data; boundary=fz', ''],
  [
    'multipart file',
    'multipart/form-data; boundary=fz',
    `${part('body', 'x', '; filename="a.sh"')}--fz--\r\n`,
  ],
  ['quoted boundary mismatch', 'multipart/form-data; boundary="other"', `${part('body', 'x')}--fz--\r\n`],
  ['broken percent escape', 'application/x-www-form-urlencoded', 'body=%E0%A4%A&_csrf=%'],
  ['field twice', 'application/x-www-form-urlencoded', 'day=1&day=2'],
  ['nameless field', 'application/x-www-form-urlencoded', 'a=1&=2'],
  ['NUL in field', 'application/x-www-form-urlencoded', 'body=a%00b&reason=a%00b'],
  ['not UTF-8', 'application/x-www-form-urlencoded', Buffer.from([0x62, 0x3d, 0xff, 0xfe, 0xc0])],
  ['latin-1 charset', 'application/x-www-form-urlencoded; charset=iso-8859-1', 'body=caf%E9'],
  ['gzip body', 'application/x-www-form-urlencoded', gzipSync('body=x'), [['content-encoding', 'gzip']]],
  ['deflate body', 'application/json', Buffer.from('xx'), [['content-encoding', 'deflate']]],
  ['broken JSON', 'application/json', '{"body": "x",'],
  ['JSON NUL', 'application/json', '{"body": "a\\u0000b", "id": "2406.12345"}'],
  ['JSON not UTF-8', 'application/json', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d])],
  ['JSON deep nesting', 'application/json', '['.repeat(20_000) + ']'.repeat(19_999)],
  ['bad content type', 'form data please', 'x'],
  ['content type with bad params', 'application/json; =x', '{}'],
  ['body over the limit', 'application/x-www-form-urlencoded', `body=${'a'.repeat(140 * 1024)}`],
];

const DEFECTS: Record<string, Defect> = {
  body(r, dice) {
    const [name, type, body, extra] = dice.pick(BAD_BODIES);
    r.headers = r.headers.filter(([k]) => k !== 'content-type');
    r.headers.push(['content-type', type], ...(extra ?? []));
    r.body = Buffer.from(body);
    r.declaredLength = null;
    r.words.push(`body: ${name}`);
  },
  csrf(r, dice, t) {
    const how = dice.pick([
      'no token',
      'wrong token',
      'cross-site origin',
      'cross-site fetch',
      'anonymous without token',
    ]);
    r.headers = r.headers.filter(([k]) => k !== 'x-csrf-token');
    if (how === 'anonymous without token')
      r.headers = r.headers.filter(([k]) => k !== 'cookie').concat([['cookie', t.anonymous.cookie]]);
    if (how === 'wrong token') r.headers.push(['x-csrf-token', `${t.session.csrf.slice(0, -2)}xx`]);
    if (how === 'cross-site origin')
      r.headers.push(['origin', 'https://evil.example'], ['x-csrf-token', t.session.csrf]);
    if (how === 'cross-site fetch')
      r.headers.push(['sec-fetch-site', 'cross-site'], ['x-csrf-token', t.session.csrf]);
    // A form body of the right kind, so the token is the only thing wrong (it stays out of it).
    if (r.body === null) {
      r.headers.push(['content-type', 'application/x-www-form-urlencoded']);
      r.body = Buffer.from(
        'body=fuzz&reason=fuzz&day=2026-08-21&email=fuzz%40example.org&vote=1&scope=read&name=x',
      );
    }
    r.words.push(`csrf: ${how}`);
  },
  id(r, dice) {
    // Only for routes with a record id: the id is parsed before anything else the route does.
    r.target = r.target.replace(
      /\/(\d+)(\/|$|\?)/,
      (_m, _id: string, after: string) =>
        `/${dice.pick(HUGE_NUMBERS.filter((n) => !/^(2147483647|0001)$/.test(n)))}${after}`,
    );
    r.words.push('id: impossible record id');
  },
  url(r, dice) {
    const size = dice.pick([9 * 1024, 40 * 1024, 300 * 1024]);
    r.target += `${r.target.includes('?') ? '&' : '?'}q=${'a'.repeat(size)}`;
    r.words.push(`url: ${size} bytes`);
  },
  nul(r) {
    r.target += `${r.target.includes('?') ? '&' : '?'}q=%00`;
    r.words.push('url: %00');
  },
  headers(r, dice) {
    const how = dice.pick(['one 20 KiB header', 'one 64 KiB header', '150 headers', '2 MB of headers']);
    if (how === 'one 20 KiB header') r.headers.push(['x-big', 'b'.repeat(20 * 1024)]);
    if (how === 'one 64 KiB header') r.headers.push(['x-big', 'b'.repeat(64 * 1024)]);
    if (how === '150 headers') for (let i = 0; i < 150; i++) r.headers.push([`x-h${i}`, 'v']);
    if (how === '2 MB of headers')
      for (let i = 0; i < 256; i++) r.headers.push([`x-h${i}`, 'v'.repeat(8000)]);
    r.words.push(`headers: ${how}`);
  },
  http(r, dice, t) {
    const [name, raw] = dice.pick(brokenHttp(r, t));
    r.raw = Buffer.from(raw, 'latin1');
    r.words.push(`http: ${name}`);
  },
  short(r) {
    r.headers = r.headers.filter(([k]) => k !== 'content-type');
    r.headers.push(['content-type', 'application/x-www-form-urlencoded']);
    r.body = Buffer.from('body=cut');
    r.declaredLength = 100;
    r.halfClose = true;
    r.words.push('body: shorter than its Content-Length, then the connection half-closed');
  },
};

function brokenHttp(r: Draft, t: FuzzTarget): [string, string][] {
  const path = r.target.length > 200 ? '/' : r.target;
  const host = `Host: ${t.host}\r\n`;
  const close = 'Connection: close\r\n';
  return [
    ['header without colon', `GET ${path} HTTP/1.1\r\n${host}Bad Header\r\n${close}\r\n`],
    ['HTTP/0.9', `GET ${path}\r\n\r\n`],
    ['HTTP/9.9', `GET ${path} HTTP/9.9\r\n${host}${close}\r\n`],
    ['two Hosts', `GET ${path} HTTP/1.1\r\n${host}Host: evil.example\r\n${close}\r\n`],
    ['no Host', `GET ${path} HTTP/1.1\r\n${close}\r\n`],
    ['bad Host', `GET ${path} HTTP/1.1\r\nHost: a b\r\n${close}\r\n`],
    [
      'two Content-Lengths',
      `POST ${path} HTTP/1.1\r\n${host}Content-Length: 5\r\nContent-Length: 6\r\n${close}\r\nhello!`,
    ],
    [
      'Content-Length and chunked',
      `POST ${path} HTTP/1.1\r\n${host}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n${close}\r\nhello`,
    ],
    [
      'bad chunk size',
      `POST ${path} HTTP/1.1\r\n${host}Transfer-Encoding: chunked\r\n${close}\r\nzz\r\nhello\r\n0\r\n\r\n`,
    ],
    ['negative Content-Length', `POST ${path} HTTP/1.1\r\n${host}Content-Length: -1\r\n${close}\r\n`],
    ['Content-Length not a number', `POST ${path} HTTP/1.1\r\n${host}Content-Length: 1e3\r\n${close}\r\n`],
    ['NUL in a header', `GET ${path} HTTP/1.1\r\n${host}X-A: a\u0000b\r\n${close}\r\n`],
    ['folded header', `GET ${path} HTTP/1.1\r\n${host}X-A: a\r\n b\r\n${close}\r\n`],
    ['bare LF', `GET ${path} HTTP/1.1\n${host.replace('\r\n', '\n')}Connection: close\n\n`],
    ['long method', `${'A'.repeat(200)} ${path} HTTP/1.1\r\n${host}${close}\r\n`],
    ['bad method', `G@T ${path} HTTP/1.1\r\n${host}${close}\r\n`],
    ['asterisk form', `OPTIONS * HTTP/1.1\r\n${host}${close}\r\n`],
    [
      'absolute form to elsewhere',
      `POST http://evil.example${path.startsWith('/') ? path : '/'} HTTP/1.1\r\n${host}Content-Length: 0\r\n${close}\r\n`,
    ],
    ['CONNECT', `CONNECT evil.example:443 HTTP/1.1\r\n${host}${close}\r\n`],
    [
      'websocket upgrade',
      `GET ${path} HTTP/1.1\r\n${host}Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: x\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    ],
    [
      'h2c upgrade',
      `GET ${path} HTTP/1.1\r\n${host}Upgrade: h2c\r\nConnection: Upgrade, HTTP2-Settings\r\nHTTP2-Settings: AAA\r\n\r\n`,
    ],
    ['HTTP/2 preface', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'],
    ['TLS hello', '\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003'],
    ['space in target', `GET /a b HTTP/1.1\r\n${host}${close}\r\n`],
    ['control in target', `GET /a\u0001b HTTP/1.1\r\n${host}${close}\r\n`],
    ['backslash path', `GET /\\evil.example HTTP/1.1\r\n${host}${close}\r\n`],
    [
      'Expect: 100-continue',
      `POST ${path} HTTP/1.1\r\n${host}Expect: 100-continue\r\nContent-Length: 3\r\n${close}\r\nx=1`,
    ],
    ['bad Expect', `POST ${path} HTTP/1.1\r\n${host}Expect: 200-ok\r\nContent-Length: 3\r\n${close}\r\nx=1`],
    ['garbage pipelined after a read', `GET ${path} HTTP/1.1\r\n${host}\r\nNOT HTTP\r\n\r\n`],
    [
      'a body longer than its Content-Length (a second request smuggled in it)',
      `POST ${path} HTTP/1.1\r\n${host}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\n\r\nx=1POST /signout HTTP/1.1\r\n${host}Content-Length: 0\r\n${close}\r\n`,
    ],
  ];
}

/** A concrete value for each `:param` of a route pattern: real ones, or hostile ones. */
function fillPattern(pattern: string, dice: Dice, t: FuzzTarget): string {
  return pattern.replace(/:([a-z]+)(\{[^}]*\})?/gi, (_m, name: string, regex?: string) => {
    if (regex === '{[0-9]+}') return dice.chance(0.6) ? String(t.comment) : dice.pick(HUGE_NUMBERS);
    if (regex === '{.+}') return dice.chance(0.6) ? t.paper : dice.pick([...PAPER_IDS, ...HOSTILE_TEXT]);
    if (name === 'file')
      return `${dice.chance(0.6) ? encodeURIComponent(t.author) : dice.pick(HOSTILE_TEXT)}.${dice.pick(['rss', 'atom', 'json', 'xml', ''])}`;
    if (name === 'slug') return dice.chance(0.6) ? encodeURIComponent(t.author) : dice.pick(HOSTILE_TEXT);
    return dice.pick(HOSTILE_TEXT);
  });
}

function hostileQuery(dice: Dice): string {
  const n = dice.int(4);
  const pairs: string[] = [];
  for (let i = 0; i < n; i++) {
    const key = dice.chance(0.8)
      ? dice.pick(QUERY_KEYS)
      : dice.pick(['a[]', 'a[b]', '__proto__', '', '%E0', 'x'.repeat(50)]);
    pairs.push(dice.chance(0.1) ? key : `${key}=${encodeQueryValue(dice.pick(QUERY_VALUES))}`);
  }
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

/** Values already holding % escapes go as they are; others are encoded. */
const encodeQueryValue = (v: string) => (/%[0-9A-Fa-f]{2}|%E0%A4%A/.test(v) ? v : encodeURIComponent(v));

const NON_ROUTES = [
  '/',
  '/../../etc/passwd',
  '/%2e%2e/%2e%2e/etc/passwd',
  '//evil.example',
  '/assets/../package.json',
  '/assets/%2e%2e%2fpackage.json',
  '/.env',
  '/.git/config',
  '/api',
  '/api/',
  '/feeds/',
  '/feeds/daily',
  '/feeds/daily.xml',
  '/papers/',
  '/wp-admin',
  '/%00',
  '/a%2fb',
  `/${'x'.repeat(2000)}`,
];

export function* fuzzRequests(t: FuzzTarget, seed: number, count: number): Generator<FuzzRequest> {
  const dice = new Dice(seed);
  const routes = t.routes.filter((r) => r.method !== 'ALL');
  for (let n = 0; n < count; n++) {
    const route = dice.chance(0.9) ? dice.pick(routes) : { method: 'GET', path: dice.pick(NON_ROUTES) };
    const draft: Draft = {
      method: dice.chance(0.85) ? route.method : dice.pick(WRONG_METHODS),
      target: (route.path.includes(':') ? fillPattern(route.path, dice, t) : route.path) + hostileQuery(dice),
      headers: [],
      body: null,
      declaredLength: null,
      raw: null,
      halfClose: false,
      words: [],
    };
    if (dice.chance(0.7)) draft.headers.push(['cookie', t.session.cookie], ['x-csrf-token', t.session.csrf]);
    else if (dice.chance(0.5)) draft.headers.push(['cookie', t.anonymous.cookie]);
    for (const name of dice.some(Object.keys(ODD_HEADERS), dice.int(3))) {
      const value = dice.pick(ODD_HEADERS[name] ?? ['']);
      draft.headers = draft.headers.filter(([k]) => k !== name);
      draft.headers.push([name, value]);
      draft.words.push(`odd ${name}`);
    }
    const mustRefuse = !SAFE.has(draft.method.toUpperCase());
    const kinds = Object.keys(DEFECTS).filter((k) => k !== 'id' || /\/\d+(\/|$|\?)/.test(draft.target));
    // Requests that could write get one defect at least; reads get one most of the time.
    if (mustRefuse || dice.chance(0.6)) {
      const defect = DEFECTS[dice.pick(kinds)];
      defect?.(draft, dice, t);
      // A body defect cured by nothing else; give a second defect now and then.
      if (dice.chance(0.2)) DEFECTS[dice.pick(kinds)]?.(draft, dice, t);
    }
    yield encode(draft, t, mustRefuse && draft.raw === null);
  }
}

function encode(d: Draft, t: FuzzTarget, mustRefuse: boolean): FuzzRequest {
  const label = `${d.method} ${d.target.length > 120 ? `${d.target.slice(0, 120)}...(${d.target.length})` : d.target} [${d.words.join('; ')}]`;
  if (d.raw) return { label, parts: [d.raw], halfClose: false, mustRefuse: false };
  const head = [`${d.method} ${d.target} HTTP/1.1`, `Host: ${t.host}`];
  for (const [k, v] of d.headers) head.push(`${k}: ${v}`);
  if (d.body) head.push(`Content-Length: ${d.declaredLength ?? d.body.length}`);
  head.push('Connection: close', '', '');
  return {
    label,
    parts: [Buffer.from(head.join('\r\n'), 'latin1'), ...(d.body ? [d.body] : [])],
    halfClose: d.halfClose,
    mustRefuse,
  };
}
