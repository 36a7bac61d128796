// Email subscriptions: /subscribe, the confirmation link, /subscription (opened by the token of any of
// our emails, or signed in), its forms, RFC 8058 one-click unsubscribe, previews of the next email and
// of today's digest, a sent email in the browser, and the bounce hook for mail providers.
// Each handler: parse, resolve the subscription, one service call, then a redirect (303) or a page.
// Pages that carry a token or a CSRF token are personal: never cached.
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { AppContext } from '../../app.js';
import type { SubscriptionRow } from '../../db/delivery-schema.js';
import { fillPlaceholders } from '../../email/placeholders.js';
import { InvalidInputError, NotFoundError, UnauthorizedError } from '../../services/errors.js';
import { safeEqual } from '../../lib/secrets.js';
import { parseQuery } from '../api/parse-query.js';
import { formCsrfToken } from '../auth/form-token.js';
import { viewerOf } from '../auth/viewer.js';
import { NoticePage } from '../views/pages/notice.page.js';
import { SubscribePage } from '../views/pages/subscribe.page.js';
import {
  ConfirmActionPage,
  ManageLinkPage,
  SubscriptionPage,
  subscriptionNotice,
} from '../views/pages/subscription.page.js';
import { renderPage } from '../views/render.js';
import { withQuery } from '../views/urls.js';
import { noStore, parseForm, parseJson } from './forms.js';
import {
  alertForm,
  bounceBody,
  confirmForm,
  manageLinkForm,
  previewQuery,
  settingsForm,
  subscribeForm,
  subscribeQuery,
  tokenForm,
  tokenQuery,
} from './subscriptions.schemas.js';
import { recordIdParam } from './record-ids.js';

/** Email HTML is ours and escaped, but styled inline: it gets a policy of its own, with no script. */
const EMAIL_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function subscriptionRoutes(ctx: AppContext): Hono {
  const { config } = ctx;
  const { subscriptions, digests } = ctx.services.delivery;
  const app = new Hono();
  const csrf = (c: Context) => formCsrfToken(ctx, c);

  /** The subscription a request is about: by the token it carries, else the signed-in member's. */
  async function resolve(c: Context, token: string | null): Promise<SubscriptionRow> {
    if (token) return subscriptions.byManageToken(token);
    const user = viewerOf(c).user;
    if (!user) throw new UnauthorizedError('open the link in one of our emails, or sign in');
    const sub = await subscriptions.forUser(user);
    if (!sub) throw new NotFoundError('you have no subscription yet: subscribe first');
    return sub;
  }

  const back = (token: string | null, done: string) => withQuery('/subscription', { token, done });

  app.get('/subscribe', async (c) => {
    const q = parseQuery(subscribeQuery, c);
    const user = viewerOf(c).user;
    const existing = user ? await subscriptions.forUser(user) : null;
    return renderPage(
      c,
      <SubscribePage
        config={config}
        csrf={await csrf(c)}
        email={q.email ?? user?.email ?? ''}
        alert={q.alert ?? ''}
        alreadySubscribed={existing !== null && existing.status !== 'unsubscribed'}
      />,
      200,
      { personal: true },
    );
  });

  app.post('/subscribe', async (c) => {
    const form = parseForm(c, subscribeForm);
    const viewer = viewerOf(c);
    const outcome = await subscriptions.subscribe(
      {
        email: form.email,
        cadence: form.cadence,
        skipWeekends: form.skip_weekends,
        hour: form.hour,
        timeZone: form.time_zone,
        digest: form.digest,
        alert: form.alert,
      },
      { ip: viewer.ip, user: viewer.user },
    );
    if (outcome.status === 'active') return c.redirect(back(null, 'subscribed'), 303);
    return renderPage(
      c,
      <NoticePage config={config} title="Check your inbox">
        <p>
          We sent an email to {form.email}.{' '}
          {outcome.status === 'confirm-sent'
            ? 'Open the link in it to confirm your subscription; nothing is sent until you do.'
            : 'Open the link in it to manage your subscription.'}
        </p>
        <p class="muted">No email within a few minutes? Look in the spam folder, or try again later.</p>
      </NoticePage>,
      200,
      { personal: true },
    );
  });

  // Landing pages of emailed links ask for a click (a POST): mail scanners that fetch every link
  // neither confirm nor unsubscribe anyone. Referrers stay on our site, tokens with them.
  app.get('/subscription/confirm', async (c) => {
    const q = parseQuery(tokenQuery, c);
    if (!q.token)
      throw new InvalidInputError('token', 'this link is incomplete: copy the whole link from the email');
    c.header('Referrer-Policy', 'same-origin');
    return renderPage(
      c,
      <ConfirmActionPage
        config={config}
        csrf={await csrf(c)}
        title="Confirm your subscription"
        text="One click, and your emails start at the time you chose."
        action="/subscription/confirm"
        token={q.token}
        button="Confirm my subscription"
      />,
      200,
      { personal: true },
    );
  });

  app.post('/subscription/confirm', async (c) => {
    const form = parseForm(c, confirmForm);
    const sub = await subscriptions.confirm(form.token);
    // The owner just proved the mailbox: a manage link of their own, for the page they land on.
    const token = await subscriptions.mintManageToken(sub.id);
    noStore(c);
    return c.redirect(back(token, 'confirmed'), 303);
  });

  app.get('/subscription', async (c) => {
    const q = parseQuery(tokenQuery, c);
    const user = viewerOf(c).user;
    if (!q.token && !user)
      return renderPage(c, <ManageLinkPage config={config} csrf={await csrf(c)} message={null} />, 200, {
        personal: true,
      });
    const sub = q.token
      ? await subscriptions.byManageToken(q.token)
      : await subscriptions.forUser(user as NonNullable<typeof user>);
    // Signed in without a subscription: the subscribe form, with the alert asked for.
    if (!sub) return c.redirect(withQuery('/subscribe', { alert: q.alert }), 303);
    c.header('Referrer-Policy', 'same-origin');
    return renderPage(
      c,
      <SubscriptionPage
        config={config}
        csrf={await csrf(c)}
        view={await subscriptions.view(sub)}
        token={q.token}
        pendingAlert={q.alert ?? ''}
        notice={subscriptionNotice(q.done)}
      />,
      200,
      { personal: true },
    );
  });

  app.post('/subscription/link', async (c) => {
    const form = parseForm(c, manageLinkForm);
    await subscriptions.requestManageLink(form.email, viewerOf(c).ip);
    return renderPage(
      c,
      <ManageLinkPage
        config={config}
        csrf={await csrf(c)}
        message={`If ${form.email} subscribes here, a link to manage it is on its way.`}
      />,
      200,
      { personal: true },
    );
  });

  app.post('/subscription/settings', async (c) => {
    const form = parseForm(c, settingsForm);
    const sub = await resolve(c, form.token);
    await subscriptions.updateSettings(sub, {
      cadence: form.cadence,
      skipWeekends: form.skip_weekends,
      hour: form.hour,
      timeZone: form.time_zone,
      digest: form.digest,
    });
    return c.redirect(back(form.token, 'saved'), 303);
  });

  app.post('/subscription/alerts', async (c) => {
    const form = parseForm(c, alertForm);
    const sub = await resolve(c, form.token);
    const { added } = await subscriptions.addAlert(sub, form.query);
    return c.redirect(back(form.token, added ? 'alert-added' : 'alert-exists'), 303);
  });

  app.post('/subscription/alerts/:id{[0-9]+}/delete', async (c) => {
    const id = recordIdParam(c);
    const form = parseForm(c, tokenForm);
    const sub = await resolve(c, form.token);
    await subscriptions.removeAlert(sub, id);
    return c.redirect(back(form.token, 'alert-removed'), 303);
  });

  app.get('/subscription/unsubscribe', async (c) => {
    const q = parseQuery(tokenQuery, c);
    if (!q.token) return c.redirect('/subscription', 303);
    const sub = await subscriptions.byManageToken(q.token);
    c.header('Referrer-Policy', 'same-origin');
    return renderPage(
      c,
      <ConfirmActionPage
        config={config}
        csrf={await csrf(c)}
        title="Unsubscribe"
        text={`Stop every email to ${sub.email}? You can subscribe again from the same link.`}
        action="/subscription/unsubscribe"
        token={q.token}
        button="Unsubscribe"
      />,
      200,
      { personal: true },
    );
  });

  app.post('/subscription/unsubscribe', async (c) => {
    const form = parseForm(c, tokenForm);
    const sub = await resolve(c, form.token);
    await subscriptions.unsubscribe(sub, 'page');
    return c.redirect(back(form.token, 'unsubscribed'), 303);
  });

  app.post('/subscription/resume', async (c) => {
    const form = parseForm(c, tokenForm);
    const sub = await resolve(c, form.token);
    await subscriptions.resume(sub);
    return c.redirect(back(form.token, 'resumed'), 303);
  });

  // RFC 8058: the mail provider POSTs `List-Unsubscribe=One-Click` to the List-Unsubscribe URL. The
  // token in the URL is the only credential (no cookie is read: CSRF-exempt, middleware/csrf.ts).
  app.post('/subscription/one-click', async (c) => {
    const q = parseQuery(tokenQuery, c);
    if (!q.token) throw new InvalidInputError('token', 'the token is missing');
    const sub = await subscriptions.byManageToken(q.token);
    await subscriptions.unsubscribe(sub, 'one-click');
    noStore(c);
    return c.text(`Unsubscribed ${sub.email}: no more emails.\n`);
  });
  // A mail client that opens the header's address in a browser instead gets the page with a button.
  app.get('/subscription/one-click', (c) => {
    const q = parseQuery(tokenQuery, c);
    return c.redirect(withQuery('/subscription/unsubscribe', { token: q.token }), 303);
  });

  app.get('/subscription/preview', async (c) => {
    const q = parseQuery(tokenQuery, c);
    const sub = await resolve(c, q.token);
    const preview = await digests.preview(sub.id);
    noStore(c);
    if (!preview)
      return renderPage(
        c,
        <NoticePage config={config} title="Nothing new yet">
          <p>
            Your next email would be empty: no new trending papers and no new matches for your alerts since
            the last one. When there is nothing new, we send nothing.
          </p>
          <p>
            <a href={withQuery('/subscription', { token: q.token })}>Back to your subscription</a>
          </p>
        </NoticePage>,
        200,
        { personal: true },
      );
    return emailHtml(c, fillPlaceholders(preview.message.html, { token: q.token ?? '', outboxId: 0 }));
  });

  // A sent email in the browser ("view in a browser" in every digest); only with that subscription's token.
  app.get('/subscription/emails/:id{[0-9]+}', async (c) => {
    const id = recordIdParam(c);
    const q = parseQuery(tokenQuery, c);
    if (!q.token) throw new UnauthorizedError('open this from the link in the email');
    const sub = await subscriptions.byManageToken(q.token);
    const message = await ctx.services.delivery.emailFor(sub.id, id);
    if (!message || message.html === '')
      throw new NotFoundError('this email is no longer kept; emails are kept for two weeks');
    noStore(c);
    return emailHtml(c, fillPlaceholders(message.html, { token: q.token, outboxId: message.id }));
  });

  // Today's digest as a new subscriber would get it: the trending part, no alerts, no personal links.
  app.get('/digest/preview', async (c) => {
    const q = parseQuery(previewQuery, c);
    const { content, message, asOf } = await digests.previewGeneric(q.cadence);
    const placeholders = { token: 'preview', outboxId: 0 };
    c.header('Cache-Control', 'public, max-age=60');
    // A quiet feed: the digest of its newest day, dated so (the email's own heading says which day).
    if (asOf) c.header('X-Preview-As-Of', asOf);
    if (content.trending.length === 0)
      return renderPage(
        c,
        <NoticePage config={config} title="Nothing new to send">
          <p>
            No paper was added to the feed in the last {q.cadence === 'weekly' ? 'week' : 'day'}, so a new
            subscriber would get no {q.cadence} email now: when there is nothing new, we send nothing. See the{' '}
            <a href="/trending">trending papers</a> instead.
          </p>
        </NoticePage>,
      );
    if (q.format === 'text') return c.text(fillPlaceholders(message.text, placeholders));
    return emailHtml(c, fillPlaceholders(message.html, placeholders));
  });

  // Bounces and complaints from a mail provider or a bounce processor, with the configured secret.
  app.post('/hooks/mail-bounces', async (c) => {
    const secret = config.delivery.bounceWebhookSecret;
    if (!secret)
      return c.json({ error: 'the bounce hook is off (PAPERBOY_BOUNCE_WEBHOOK_SECRET is unset)' }, 404);
    const m = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
    if (!m?.[1] || !safeEqual(m[1], secret)) {
      c.header('WWW-Authenticate', 'Bearer realm="paperboy-bounces"');
      return c.json({ error: 'missing or wrong bearer secret' }, 401);
    }
    const reports = parseJson(c, bounceBody);
    let recorded = 0;
    for (const r of reports)
      if ((await subscriptions.recordBounce(r.email, r.type, r.reason)) === 'recorded') recorded++;
    return c.json({ received: reports.length, recorded });
  });

  return app;
}

function emailHtml(c: Context, html: string) {
  c.header('Content-Security-Policy', EMAIL_CSP);
  return c.html(html);
}
