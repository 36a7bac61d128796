// A bare HTTP/1.1 client over a TCP socket, for requests no HTTP library would send: broken request
// lines, duplicate or oversized headers, bodies that lie about their type. It tells apart what the
// fuzz and limit tests care about: an answer (status, headers, body, time taken), a reset (the
// server destroyed the connection: ECONNRESET or EPIPE, even after an answer), a connection closed
// without an answer, and a hang (no complete answer within the timeout).
import { connect } from 'node:net';

export type RawOutcome =
  | { kind: 'answer'; status: number; headers: Map<string, string>; body: Buffer; ms: number }
  | { kind: 'reset'; code: string; ms: number; status: number | null }
  | { kind: 'closed'; ms: number }
  | { kind: 'hang'; ms: number };

export interface RawRequestOptions {
  port: number;
  host?: string;
  /** Give up after this long without a complete answer (default 2 s). */
  timeoutMs?: number;
  /** Close our side once the request is written (a request cut short). */
  halfClose?: boolean;
}

/**
 * Writes `request` (one buffer, or several written in turn) and reads one answer. The request
 * should say `Connection: close`; the answer is complete at its Content-Length, at the end of a
 * chunked body, or when the server closes.
 */
export function rawRequest(
  request: string | Buffer | Buffer[],
  options: RawRequestOptions,
): Promise<RawOutcome> {
  const { port, host = '127.0.0.1', timeoutMs = 2000, halfClose = false } = options;
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
  return new Promise((resolve) => {
    const socket = connect(port, host);
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (outcome: RawOutcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ kind: 'hang', ms: elapsed() }), timeoutMs);
    const answer = () => parseAnswer(Buffer.concat(chunks), elapsed());
    socket.on('data', (d: Buffer) => {
      chunks.push(d);
      const parsed = answer();
      if (parsed?.complete) {
        // Wait for the server's close a moment: a reset right after the answer still counts.
        socket.removeAllListeners('data');
        socket.resume();
        setTimeout(() => finish(parsed.outcome), 5);
      }
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      const parsed = answer();
      finish({
        kind: 'reset',
        code: err.code ?? err.message,
        ms: elapsed(),
        status: parsed?.outcome.status ?? null,
      });
    });
    socket.on('close', () => {
      const parsed = answer();
      finish(parsed ? parsed.outcome : { kind: 'closed', ms: elapsed() });
    });
    socket.on('connect', () => {
      for (const part of Array.isArray(request) ? request : [request]) socket.write(part);
      if (halfClose) socket.end();
    });
  });
}

function parseAnswer(
  data: Buffer,
  ms: number,
): { complete: boolean; outcome: Extract<RawOutcome, { kind: 'answer' }> } | null {
  const headEnd = data.indexOf('\r\n\r\n');
  if (headEnd < 0) return null;
  const [statusLine = '', ...lines] = data.subarray(0, headEnd).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? NaN);
  if (!Number.isFinite(status)) return null;
  // An interim answer (100 Continue) comes before the real one.
  if (status >= 100 && status < 200 && status !== 101) return parseAnswer(data.subarray(headEnd + 4), ms);
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  let body = data.subarray(headEnd + 4);
  let complete = false;
  const length = headers.get('content-length');
  if (length !== undefined) {
    complete = body.length >= Number(length);
    body = body.subarray(0, Number(length));
  } else if (/chunked/i.test(headers.get('transfer-encoding') ?? '')) {
    const decoded = dechunk(body);
    complete = decoded !== null;
    body = decoded ?? body;
  } else if (status === 204 || status === 304) complete = true;
  return { complete, outcome: { kind: 'answer', status, headers, body, ms } };
}

/** A chunked body decoded, or null while its last chunk has not arrived. */
function dechunk(data: Buffer): Buffer | null {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) return null;
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size)) return null;
    if (size === 0) return Buffer.concat(parts);
    const start = lineEnd + 2;
    if (data.length < start + size + 2) return null;
    parts.push(data.subarray(start, start + size));
    at = start + size + 2;
  }
}
