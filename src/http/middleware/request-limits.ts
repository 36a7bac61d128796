// Limits on the request line and headers, answered with the status that says which was too large:
// 414 for an address over `maxUrlBytes`, 431 for headers over `maxHeaderBytes`, and 400 for an
// address holding an encoded NUL (`%00`), which no page takes and PostgreSQL text cannot store.
// Requests larger still never get this far: Node's parser stops them (http/node-server.ts answers
// those with the same statuses).
import type { Context, MiddlewareHandler } from 'hono';

export interface RequestLimitsOptions {
  maxUrlBytes: number;
  maxHeaderBytes: number;
  /** The answer for a refused request (JSON or a page, as the path wants). */
  refuse: (c: Context, status: 400 | 414 | 431, message: string) => Response | Promise<Response>;
}

export function requestLimits(options: RequestLimitsOptions): MiddlewareHandler {
  const { maxUrlBytes, maxHeaderBytes, refuse } = options;
  return async function requestLimitsMiddleware(c, next) {
    const target = requestTarget(c.req.url);
    if (target.length > maxUrlBytes)
      return refuse(c, 414, `the address is longer than ${maxUrlBytes} bytes (${target.length})`);
    if (/%00/i.test(target)) return refuse(c, 400, 'the address holds an encoded NUL character (%00)');
    let headerBytes = 0;
    c.req.raw.headers.forEach((value, name) => {
      headerBytes += name.length + value.length + 4;
    });
    if (headerBytes > maxHeaderBytes)
      return refuse(c, 431, `the request headers are larger than ${maxHeaderBytes} bytes (${headerBytes})`);
    return next();
  };
}

/** Path and query of an absolute URL. */
function requestTarget(url: string): string {
  const afterScheme = url.indexOf('//');
  const slash = url.indexOf('/', afterScheme < 0 ? 0 : afterScheme + 2);
  return slash < 0 ? '/' : url.slice(slash);
}
