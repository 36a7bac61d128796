// Signing in and out: /signin (email link or password), /signin/link (the emailed link's landing page,
// a POST confirm so mail scanners cannot consume it), /signout. Every POST here passes the CSRF
// middleware first (anonymous double-submit for the sign-in forms).
import { Hono } from 'hono';
import type { AppContext } from '../../app.js';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from '../auth/cookies.js';
import { formCsrfToken } from '../auth/form-token.js';
import { viewerOf } from '../auth/viewer.js';
import type { SignedIn } from '../../services/auth.service.js';
import { NoticePage } from '../views/pages/notice.page.js';
import { SignInLinkPage, SignInPage } from '../views/pages/signin.page.js';
import { renderPage } from '../views/render.js';
import { confirmLinkForm, linkQuery, passwordSignInForm, signInLinkForm } from './community.schemas.js';
import { noStore, parseForm, safeNext } from './forms.js';
import { parseQuery } from '../api/parse-query.js';

export function authRoutes(ctx: AppContext): Hono {
  const { config } = ctx;
  const { auth } = ctx.services;
  const secure = config.baseUrl.startsWith('https:');
  const app = new Hono();

  const formToken = (c: Parameters<typeof viewerOf>[0]) => formCsrfToken(ctx, c);

  function signedIn(c: Parameters<typeof viewerOf>[0], result: SignedIn, next: string | undefined) {
    setSessionCookie(c, result.sessionToken, result.maxAgeSeconds, secure);
    noStore(c);
    return c.redirect(safeNext(next), 303);
  }

  app.get('/signin', async (c) => {
    const next = safeNext(c.req.query('next'));
    const csrf = await formToken(c);
    return renderPage(c, <SignInPage config={config} csrf={csrf} next={next} />, 200, { personal: true });
  });

  app.post('/signin', async (c) => {
    const form = parseForm(c, signInLinkForm);
    await auth.requestSignInLink(form.email, viewerOf(c).ip, safeNext(form.next));
    return renderPage(
      c,
      <NoticePage config={config} title="Check your email">
        <p>
          If {form.email} can sign in here, a link is on its way. It works once, within{' '}
          {config.community.signInLinkMinutes} minutes.
        </p>
      </NoticePage>,
      200,
      { personal: true },
    );
  });

  app.post('/signin/password', async (c) => {
    const form = parseForm(c, passwordSignInForm);
    const result = await auth.signInWithPassword(
      form.email,
      form.password,
      viewerOf(c).ip,
      readSessionCookie(c),
    );
    return signedIn(c, result, form.next);
  });

  // The token stays out of Referer headers sent elsewhere: same-origin referrers only. (Not
  // no-referrer: that would make the confirm POST send `Origin: null`, which the CSRF check refuses.)
  app.get('/signin/link', async (c) => {
    const q = parseQuery(linkQuery, c);
    const csrf = await formToken(c);
    c.header('Referrer-Policy', 'same-origin');
    return renderPage(
      c,
      <SignInLinkPage config={config} csrf={csrf} token={q.token} next={safeNext(q.next)} />,
      200,
      { personal: true },
    );
  });

  app.post('/signin/link', async (c) => {
    const form = parseForm(c, confirmLinkForm);
    const result = await auth.signInWithLink(form.token, viewerOf(c).ip, readSessionCookie(c));
    return signedIn(c, result, form.next);
  });

  app.post('/signout', async (c) => {
    const cookie = readSessionCookie(c);
    if (cookie) await auth.signOut(cookie);
    clearSessionCookie(c, secure);
    noStore(c);
    return c.redirect('/', 303);
  });

  return app;
}
