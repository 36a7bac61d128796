// The HTTP server `paperboy serve` listens with: the app behind @hono/node-server's request
// listener, on Node's http server, with two things the defaults get wrong for hostile clients.
// 1. Requests Node's own parser refuses (a request line or headers over NODE_MAX_HEADER_BYTES,
//    malformed syntax, a timeout) get a status that says why (414, 431, 400, 408) with a one-line
//    body, and the connection is then half-closed and drained, not destroyed: destroying a socket
//    with unread data makes the kernel send a reset, and a client still writing a 4 MB URL never
//    sees its 431 (that was "the connection resets").
// 2. CONNECT is a 405, not a connection dropped unanswered; a client that half-closes after its
//    request still gets the answer.
// 3. A request with more header fields than MAX_HEADER_COUNT is a 431 (Node would drop the rest).
// 4. Requests whose URL or Host header cannot even be made into a Request get a 400 saying so,
//    instead of an empty 400.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { getRequestListener, RequestError } from '@hono/node-server';
import type { Logger } from '../lib/logger.js';
import { MAX_HEADER_COUNT, MAX_URL_BYTES, NODE_MAX_HEADER_BYTES } from './limits.js';

/** How long a refused connection may go on sending before it is cut. */
const DRAIN_MS = 2000;

export type FetchHandler = (request: Request) => Response | Promise<Response>;

export function createNodeServer(
  fetch: FetchHandler,
  log: Logger,
  options: { hostname?: string } = {},
): Server {
  const listener = getRequestListener(
    (request, env) => {
      // Node kept only the first MAX_HEADER_COUNT fields; a request that reached it may have lost some.
      if ('incoming' in env && env.incoming.rawHeaders.length >= 2 * MAX_HEADER_COUNT)
        return plainAnswer(431, `the request has more than ${MAX_HEADER_COUNT - 1} header fields`);
      return fetch(request);
    },
    {
      // The Host of HTTP/1.0 requests that send none, as @hono/node-server's serve() does.
      ...(options.hostname ? { hostname: options.hostname } : {}),
      errorHandler: (err) => {
        // The request could not be built from what the client sent (bad Host header, bad URL).
        if (err instanceof RequestError) return plainAnswer(400, `bad request: ${err.message}`);
        log.error({ err }, 'request failed before the app');
        return plainAnswer(500, 'internal error');
      },
    },
  );
  const server = createServer(
    { maxHeaderSize: NODE_MAX_HEADER_BYTES },
    (req, res) => void listener(req, res),
  );
  // Node keeps this many header fields and drops the rest; the listener above answers 431 at it.
  server.maxHeadersCount = MAX_HEADER_COUNT;
  // A client that half-closes once its request is sent (shutdown after writing, as some do) still
  // gets its answer; by default Node takes the half-close for an abort and drops the response.
  (server as Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
  // CONNECT asks us to be a proxy; without a listener Node would drop the connection unanswered.
  server.on('connect', (_req, socket: Socket) => {
    const body = 'this server is not a proxy\n';
    closeAndDrain(
      socket,
      `HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD, POST, DELETE, OPTIONS\r\n` +
        `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  });
  server.on('clientError', (err: NodeJS.ErrnoException & { rawPacket?: Buffer; reason?: string }, socket) =>
    answerClientError(err, socket as Socket),
  );
  return server;
}

const answered = new WeakSet<Socket>();

function answerClientError(
  err: NodeJS.ErrnoException & { rawPacket?: Buffer; reason?: string },
  socket: Socket,
): void {
  // The parser stays in its error state and reports again for every chunk that arrives: once is enough.
  if (answered.has(socket)) return;
  answered.add(socket);
  if (err.code === 'ECONNRESET' || err.code === 'EPIPE' || !socket.writable) {
    socket.destroy();
    return;
  }
  const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (inFlight && !inFlight.writableFinished) {
    if (inFlight.req.complete) {
      // The answer to an earlier, whole request on this connection is still on its way
      // (pipelining): writing ours now would cut into it. It goes out whole, then the connection
      // closes; what came after it was not a request we could read.
      inFlight.shouldKeepAlive = false;
      inFlight.once('finish', () => setImmediate(() => closeAndDrain(socket)));
      return;
    }
    // The broken part is this request's own body: answer it here, unless the app already began to.
    if (inFlight.headersSent) {
      socket.destroy();
      return;
    }
  }
  const [status, text] = clientErrorAnswer(err);
  const body = `${text}\n`;
  closeAndDrain(
    socket,
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Ends our side (after `last`), and keeps reading and dropping what the client still sends, for a while. */
function closeAndDrain(socket: Socket, last?: string): void {
  if (socket.destroyed) return;
  if (last === undefined) socket.end();
  else socket.end(last);
  socket.resume();
  socket.once('end', () => socket.destroy());
  setTimeout(() => socket.destroy(), DRAIN_MS).unref();
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  413: 'Content Too Large',
  414: 'URI Too Long',
  431: 'Request Header Fields Too Large',
};

export function clientErrorAnswer(err: {
  code?: string;
  rawPacket?: Buffer;
  reason?: string;
}): [number, string] {
  if (err.code === 'HPE_HEADER_OVERFLOW')
    return requestLineTooLong(err.rawPacket)
      ? [414, `the address is too long (the limit is ${MAX_URL_BYTES} bytes)`]
      : [
          431,
          `the request headers are too large (the limit is ${NODE_MAX_HEADER_BYTES} bytes with the address)`,
        ];
  if (err.code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW')
    return [413, 'the chunk extensions of the body are too large'];
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return [408, 'the request took too long to arrive'];
  return [400, `bad request: ${(err.reason ?? err.code ?? 'malformed HTTP').slice(0, 100)}`];
}

/**
 * Whether the parser gave up inside the request line. Node hands over the chunk it was parsing:
 * when that is the start of the request and its first line has not ended within the address
 * limit, the address was the problem (414); otherwise the headers were (431). A request that
 * arrives in many small pieces can be judged 431 when its address was at fault; nothing worse.
 */
function requestLineTooLong(packet: Buffer | undefined): boolean {
  if (!packet || !/^[A-Z]+ /.test(packet.subarray(0, 12).toString('latin1'))) return false;
  const lineEnd = packet.indexOf('\r\n');
  return lineEnd < 0 || lineEnd > MAX_URL_BYTES;
}

function plainAnswer(status: number, text: string): Response {
  return new Response(`${text}\n`, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
  });
}
