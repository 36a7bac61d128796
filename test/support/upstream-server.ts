// A stand-in for arXiv and Hugging Face on loopback: a real HTTP server (node:http, port 0) that
// answers with the recorded responses in fixtures/, can be told to misbehave for the next matching
// requests, and remembers every request it got (to check spacing, User-Agent and retries).
//   /api/query            arXiv API: the recording whose `url` has the same id_list, search_query,
//                         start and max_results (fixtures/arxiv-api/recorded-json, handmade/arxiv-api-*);
//                         an id_list never recorded gets a feed of the recorded entries of those ids
//                         (ids nobody recorded are absent, as arXiv leaves out ids it does not know)
//   /oai                  OAI-PMH: set cs in arXivRaw (what the harvester asks for): the first recorded
//                         list whose day is in from..until (OAI_CS_LISTS); the 2025-07-04 list walks
//                         handmade/oai-pmh-cs-page{1,2,3}.xml by resumption token. The physics sets in
//                         the arXiv format, as recorded in arxiv-oai-pmh/. Anything else: noRecordsMatch
//   /api/daily_papers     Hugging Face: fixtures/hf-daily-papers/DATE.json, `[]` for other days
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

const FIXTURES = new URL('../../fixtures/', import.meta.url);
const fixture = (path: string) => readFileSync(new URL(path, FIXTURES));
const fixtureText = (path: string) => fixture(path).toString('utf8');

export interface RecordedRequest {
  path: string;
  query: Record<string, string>;
  userAgent: string | null;
  /** Milliseconds since the server started. */
  at: number;
  /** When the answer was sent in full (same clock); null while unanswered, or when it never was. */
  endedAt: number | null;
  /** The fault applied to it, if any. */
  fault: FaultKind['kind'] | null;
}

export type FaultKind =
  /** Answer with this status (and Retry-After, and body) instead. */
  | { kind: 'status'; status: number; retryAfter?: string; body?: string }
  /** The recorded answer cut off in the middle, with a Content-Length that matches the cut. */
  | { kind: 'truncate' }
  /** 200 with binary noise (fixtures/malformed/garbage.bin). */
  | { kind: 'garbage' }
  /** Headers and half the body at once, the rest after `ms`. */
  | { kind: 'slow'; ms: number }
  /** No answer at all until the server closes. */
  | { kind: 'stall' }
  /** The connection is dropped without an answer. */
  | { kind: 'reset' };

export type RequestMatch = (req: RecordedRequest) => boolean;

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface UpstreamServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** Config overrides pointing every source here. */
  urls: { arxivApiUrl: string; arxivOaiUrl: string; hfApiUrl: string };
  requests: RecordedRequest[];
  /** The next `times` requests that match misbehave this way. */
  fail(match: RequestMatch, fault: FaultKind, times?: number): void;
  /** Forgets faults and recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

/** Request matchers for the recorded OAI-PMH sequence and the other routes. */
export const match = {
  any: (): RequestMatch => () => true,
  oaiFirstPage: (): RequestMatch => (r) => r.path === '/oai' && r.query.resumptionToken === undefined,
  oaiToken:
    (token: string): RequestMatch =>
    (r) =>
      r.path === '/oai' && r.query.resumptionToken === token,
  hfDay:
    (day: string): RequestMatch =>
    (r) =>
      r.path === '/api/daily_papers' && r.query.date === day,
  arxivIds:
    (idList: string): RequestMatch =>
    (r) =>
      r.path === '/api/query' && r.query.id_list === idList,
};

/** The handmade OAI-PMH ListRecords sequence of set cs: its tokens, in order. */
export const OAI_CS_TOKENS = ['7094212|6', '7094212|11'] as const;

/**
 * Set cs in arXivRaw, recorded at three moments: the datestamp day of a list's records and its first
 * page. 2204.08348 appears twice: as v1 on the day it was announced, and with v1-v3 on the day v3
 * was (a real server lists a record once, at its latest datestamp; these are two recordings).
 */
const OAI_CS_LISTS = [
  { day: '2022-04-19', file: 'handmade/oai-pmh-cs-2022-04-19.xml' },
  { day: '2022-07-07', file: 'handmade/oai-pmh-cs-2022-07-07.xml' },
  { day: '2025-07-04', file: 'handmade/oai-pmh-cs-page1.xml' },
] as const;

/** The recorded 503 with Retry-After (fixtures/handmade/oai-pmh-503-retry-after.json) as a fault. */
export function recorded503(): FaultKind {
  const recorded = JSON.parse(fixtureText('handmade/oai-pmh-503-retry-after.json')) as {
    status_code: number;
    headers: Record<string, string>;
    body: string;
  };
  return {
    kind: 'status',
    status: recorded.status_code,
    retryAfter: recorded.headers['Retry-After'] ?? '1',
    body: recorded.body,
  };
}

export async function startUpstreamServer(): Promise<UpstreamServer> {
  const arxiv = loadArxivRecordings();
  const requests: RecordedRequest[] = [];
  let faults: { match: RequestMatch; fault: FaultKind; left: number }[] = [];
  const started = performance.now();
  const stalled = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://upstream.test');
    const recorded: RecordedRequest = {
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      userAgent: req.headers['user-agent'] ?? null,
      at: performance.now() - started,
      endedAt: null,
      fault: null,
    };
    requests.push(recorded);
    res.on('finish', () => (recorded.endedAt = performance.now() - started));
    const pending = faults.find((f) => f.left > 0 && f.match(recorded));
    if (pending) {
      pending.left--;
      recorded.fault = pending.fault.kind;
    }
    const answer = route(recorded, arxiv);
    misbehave(req, res, answer, pending?.fault ?? null, stalled);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    urls: { arxivApiUrl: `${url}/api/query`, arxivOaiUrl: `${url}/oai`, hfApiUrl: url },
    requests,
    fail(m, fault, times = 1) {
      faults.push({ match: m, fault, left: times });
    },
    reset() {
      faults = [];
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of stalled) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function misbehave(
  req: IncomingMessage,
  res: ServerResponse,
  answer: Answer,
  fault: FaultKind | null,
  stalled: Set<ServerResponse>,
): void {
  const send = (a: Answer) => {
    res.writeHead(a.status, { ...a.headers, 'content-length': String(a.body.length) });
    res.end(a.body);
  };
  if (fault === null) return send(answer);
  switch (fault.kind) {
    case 'status':
      return send({
        status: fault.status,
        headers: {
          'content-type': 'text/html; charset=utf-8',
          ...(fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {}),
        },
        body: Buffer.from(fault.body ?? `HTTP ${fault.status}`),
      });
    case 'truncate':
      return send({ ...answer, body: answer.body.subarray(0, Math.floor(answer.body.length / 2)) });
    case 'garbage':
      return send({ ...answer, body: fixture('malformed/garbage.bin') });
    case 'slow': {
      const half = Math.floor(answer.body.length / 2);
      res.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) });
      res.write(answer.body.subarray(0, half));
      setTimeout(() => {
        if (!res.destroyed) res.end(answer.body.subarray(half));
      }, fault.ms).unref();
      return;
    }
    case 'stall':
      stalled.add(res);
      res.on('close', () => stalled.delete(res));
      return;
    case 'reset':
      req.socket.destroy();
      return;
  }
}

function route(req: RecordedRequest, arxiv: ArxivRecordings): Answer {
  switch (req.path) {
    case '/api/query':
      return (
        arxiv.recorded.get(arxivKey(req.query)) ??
        (req.query.id_list ? composedFeed(req.query.id_list.split(','), arxiv.entries) : undefined) ??
        notFound(`no arXiv API recording for ${JSON.stringify(req.query)}`)
      );
    case '/oai':
      return oai(req.query);
    case '/api/daily_papers':
      return hfDay(req.query.date ?? '');
    // Pictures, as Hugging Face's CDN serves them: a PNG, an SVG (refused by the media cache) and a
    // page that is not an image at all.
    case '/cdn/thumbnail.png':
      return {
        status: 200,
        headers: { 'content-type': 'image/png' },
        body: fixture('handmade/thumbnail.png'),
      };
    case '/cdn/avatar.svg':
      return {
        status: 200,
        headers: { 'content-type': 'image/svg+xml' },
        body: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      };
    case '/cdn/not-an-image.png':
      return {
        status: 200,
        headers: { 'content-type': 'image/png' },
        body: Buffer.from('<html>nope</html>'),
      };
    default:
      return notFound(`no route ${req.path}`);
  }
}

/** The parameters that tell recordings apart (sortBy/sortOrder are arXiv's defaults in all of them). */
function arxivKey(query: Record<string, string>): string {
  return JSON.stringify(['id_list', 'search_query', 'start', 'max_results'].map((k) => query[k] ?? ''));
}

interface ArxivRecordings {
  recorded: Map<string, Answer>;
  /** Every recorded entry's XML, by id with version and by bare id (the latest version seen). */
  entries: Map<string, string>;
}

function loadArxivRecordings(): ArxivRecordings {
  const files = [
    ...readdirSync(new URL('arxiv-api/recorded-json/', FIXTURES)).map((f) => `arxiv-api/recorded-json/${f}`),
    ...readdirSync(new URL('handmade/', FIXTURES))
      .filter((f) => f.startsWith('arxiv-api-'))
      .map((f) => `handmade/${f}`),
  ].filter((f) => f.endsWith('.json'));
  const recorded = new Map<string, Answer>();
  const entries = new Map<string, string>();
  const latest = new Map<string, number>();
  for (const file of files) {
    const exchange = JSON.parse(fixtureText(file)) as { url: string; status_code: number; body: string };
    const query = Object.fromEntries(new URL(exchange.url).searchParams);
    recorded.set(arxivKey(query), xml(exchange.body, exchange.status_code, 'application/atom+xml'));
    for (const [entry] of exchange.body.matchAll(/ {2}<entry>[\s\S]*?<\/entry>\n/g)) {
      const id = /<id>https?:\/\/arxiv\.org\/abs\/(.+?)v(\d+)<\/id>/.exec(entry);
      if (!id?.[1] || !id[2]) continue;
      entries.set(`${id[1]}v${id[2]}`, entry);
      if ((latest.get(id[1]) ?? 0) < Number(id[2])) {
        latest.set(id[1], Number(id[2]));
        entries.set(id[1], entry);
      }
    }
  }
  return { recorded, entries };
}

/** An id_list answer put together from recorded entries, in the shape of the recorded ones. */
function composedFeed(ids: string[], entries: Map<string, string>): Answer {
  const found = ids.flatMap((id) => entries.get(id) ?? []);
  const body = `<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">
  <id>https://arxiv.org/api/composed</id>
  <title>arXiv Query: search_query=&amp;id_list=${ids.join(',')}&amp;start=0&amp;max_results=100</title>
  <updated>2026-04-12T22:10:26Z</updated>
  <opensearch:itemsPerPage>100</opensearch:itemsPerPage>
  <opensearch:totalResults>${found.length}</opensearch:totalResults>
  <opensearch:startIndex>0</opensearch:startIndex>
${found.join('')}</feed>
`;
  return xml(body, 200, 'application/atom+xml');
}

function oai(query: Record<string, string>): Answer {
  const token = query.resumptionToken;
  if (token !== undefined) {
    const page = OAI_CS_TOKENS.indexOf(token as (typeof OAI_CS_TOKENS)[number]);
    return page === -1
      ? xml(fixtureText('handmade/oai-pmh-bad-resumption-token.xml'))
      : xml(fixtureText(`handmade/oai-pmh-cs-page${page + 2}.xml`));
  }
  if (query.verb !== 'ListRecords' || !['arXiv', 'arXivRaw'].includes(query.metadataPrefix ?? '')) {
    return xml(fixtureText('malformed/oai-pmh-bad-argument.xml'));
  }
  const inRange = (day: string) =>
    (query.from === undefined || query.from <= day) && (query.until === undefined || day <= query.until);
  const recorded = (file: string | undefined) =>
    xml(fixtureText(file ?? 'handmade/oai-pmh-no-records-match.xml'));
  if (query.metadataPrefix === 'arXivRaw') {
    return recorded(query.set === 'cs' ? OAI_CS_LISTS.find((list) => inRange(list.day))?.file : undefined);
  }
  switch (query.set ?? '') {
    case 'physics:hep-th':
      return recorded('arxiv-oai-pmh/functional-arxiv-physics-hep-th.xml');
    case 'physics:hep-ex':
      return recorded('arxiv-oai-pmh/functional-arxiv-physics-hep-ex.xml');
    default:
      return recorded(undefined);
  }
}

function hfDay(day: string): Answer {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return notFound(`bad date ${day}`);
  let body: Buffer;
  try {
    body = fixture(`hf-daily-papers/${day}.json`);
  } catch {
    body = Buffer.from('[]');
  }
  return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body };
}

function xml(text: string, status = 200, type = 'text/xml'): Answer {
  return { status, headers: { 'content-type': `${type}; charset=utf-8` }, body: Buffer.from(text) };
}

function notFound(why: string): Answer {
  return { status: 404, headers: { 'content-type': 'text/plain' }, body: Buffer.from(why) };
}
