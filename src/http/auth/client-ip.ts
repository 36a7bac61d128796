// The client address, for per-address rate limits. Behind a reverse proxy (PAPERBOY_TRUST_PROXY=on)
// it is the last X-Forwarded-For entry, the one our proxy appended; entries before it are whatever
// the client sent and cannot be trusted. Otherwise it is the socket's peer address.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

export function clientIp(c: Context, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for');
    const last = forwarded?.split(',').at(-1)?.trim();
    if (last && last.length <= 64) return last;
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    // app.request() in tests has no socket.
    return null;
  }
}
