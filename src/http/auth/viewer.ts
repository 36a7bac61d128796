// Who is looking at a page or calling the API, as the http layer knows it. The session middleware
// sets it on every request (`c.get('viewer')`); views read it through ViewerContext, so a vote button
// deep in a card knows the viewer and the CSRF token without threading props through every page.
import type { Context } from 'hono';
import { createContext } from 'hono/jsx';
import type { TokenScope } from '../../db/community-schema.js';
import type { Actor, AuthUser } from '../../services/actor.js';
import { UnauthorizedError } from '../../services/errors.js';

export interface Viewer {
  user: AuthUser | null;
  /** How the user was recognised: a browser session cookie or an API token. */
  via: 'session' | 'token' | null;
  /** SHA-256 of the session cookie, when signed in by cookie. */
  sessionHash: string | null;
  /** Scope of the API token, when signed in by token. */
  scope: TokenScope | null;
  /** The token forms carry (session-bound when signed in; null until an anonymous form needs one). */
  csrfToken: string | null;
  ip: string | null;
  /** The page being rendered (path and query), set by renderPage: forms that come back to it say so. */
  here?: string;
}

declare module 'hono' {
  interface ContextVariableMap {
    viewer: Viewer;
  }
}

export const ANONYMOUS: Viewer = {
  user: null,
  via: null,
  sessionHash: null,
  scope: null,
  csrfToken: null,
  ip: null,
};

export const ViewerContext = createContext<Viewer>(ANONYMOUS);

export function viewerOf(c: Context): Viewer {
  return c.get('viewer') ?? ANONYMOUS;
}

/** The signed-in actor, or UnauthorizedError (pages turn it into a redirect to /signin). */
export function requireActor(c: Context): Actor {
  const v = viewerOf(c);
  if (!v.user || !v.via) throw new UnauthorizedError('sign in first');
  return { user: v.user, ip: v.ip, via: v.via };
}
