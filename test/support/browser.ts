// What the browser tests share: the real HTTP server on a loopback port, the system Chromium driven by
// playwright-core (PAPERBOY_CHROMIUM_PATH or /usr/bin/chromium; it never downloads a browser), and
// browser contexts that abort every request leaving the machine, so no test needs the network.
import type { AddressInfo } from 'node:net';
import type { Hono } from 'hono';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { createNodeServer } from '../../src/http/node-server.js';
import { silentLogger } from '../../src/lib/logger.js';

export interface TestServer {
  /** `http://127.0.0.1:PORT`. */
  base: string;
  /** The app to serve; until it is set, requests get a 503 (its config may need `base` first). */
  setApp(app: Hono): void;
  close(): Promise<void>;
}

export async function startTestServer(app: Hono | null = null): Promise<TestServer> {
  let current = app;
  // The server `paperboy serve` runs, around whichever app is current.
  const server = createNodeServer(
    (req) => (current ? current.fetch(req) : new Response('starting', { status: 503 })),
    silentLogger,
  );
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
    server.listen(0, '127.0.0.1');
  });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setApp: (next) => {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.PAPERBOY_CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A fresh context (cookies, storage) whose requests outside `base` are aborted. */
export async function openPage(
  browser: Browser,
  base: string,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options);
  await context.route(
    (url) => !url.href.startsWith(base),
    (route) => route.abort(),
  );
  return { context, page: await context.newPage() };
}

/** Signs a browser context in as a user of test/support/community.ts (its session cookie). */
export function addSessionCookie(context: BrowserContext, base: string, sessionToken: string): Promise<void> {
  return context.addCookies([
    { name: 'pb_session', value: sessionToken, url: base, httpOnly: true, sameSite: 'Lax' },
  ]);
}
