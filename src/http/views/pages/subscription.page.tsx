// /subscription: one subscriber's page, opened by the link in any of our emails (or signed in):
// schedule, topic alerts, a preview of the next email, unsubscribe or subscribe again. Every form
// carries the link's token (when there is one) and the CSRF token.
import type { Config } from '../../../config.js';
import { localTime } from '../../../domain/delivery-schedule.js';
import type { SubscriptionView } from '../../../services/subscriptions.service.js';
import { formatDay } from '../format.js';
import { withQuery } from '../urls.js';
import { CsrfField } from '../components/csrf-field.js';
import { DateLabel } from '../components/date-label.js';
import { ScheduleFields } from '../components/schedule-fields.js';
import { Layout } from '../layout.js';

export interface SubscriptionPageProps {
  config: Config;
  csrf: string;
  view: SubscriptionView;
  /** The manage token the page was opened with; null when signed in. */
  token: string | null;
  /** An alert to add, filled in from a link. */
  pendingAlert: string;
  notice: string | null;
}

const NOTICES: Record<string, string> = {
  confirmed: 'Thank you: your subscription is confirmed. Your first email comes at the next time below.',
  saved: 'Saved.',
  'alert-added': 'Alert added. New papers that match come with your next email.',
  'alert-exists': 'You have that alert already.',
  'alert-removed': 'Alert removed.',
  unsubscribed: 'You are unsubscribed: no more emails. Changed your mind? Subscribe again below.',
  resumed: 'Welcome back: your emails start again at the next time below.',
  subscribed: 'You are subscribed.',
};

export function subscriptionNotice(done: string | undefined): string | null {
  return done ? (NOTICES[done] ?? null) : null;
}

/** "21 Aug 2026, 08:00 Europe/Berlin": when the next email goes, on the subscriber's clock. */
function localLabel(iso: string, timeZone: string): string {
  const t = localTime(new Date(iso), timeZone);
  const hh = String(t.hour).padStart(2, '0');
  const mm = String(t.minute).padStart(2, '0');
  return `${formatDay(t.day)}, ${hh}:${mm} ${timeZone.replaceAll('_', ' ')}`;
}

function TokenField(props: { token: string | null }) {
  return props.token ? <input type="hidden" name="token" value={props.token} /> : null;
}

export function SubscriptionPage(props: SubscriptionPageProps) {
  const { subscription: s, alerts, schedule } = props.view;
  const t = props.token;
  const withToken = (path: string) => (t ? withQuery(path, { token: t }) : path);
  return (
    <Layout config={props.config} title="Your subscription" noindex>
      <div class="narrow">
        <h1>Your subscription</h1>
        {props.notice ? (
          <p class="notice" role="status">
            {props.notice}
          </p>
        ) : null}
        <p>
          Emails to <strong>{s.email}</strong>:{' '}
          {s.status === 'active' ? (
            <>
              {s.digest === 1 ? 'the trending digest' : 'alerts only'}, {schedule}.
              {s.next_due_at ? (
                <>
                  {' '}
                  Next: <time datetime={s.next_due_at}>{localLabel(s.next_due_at, s.time_zone)}</time>.
                </>
              ) : null}
            </>
          ) : s.status === 'paused' ? (
            <>paused. {s.paused_reason ?? ''}</>
          ) : s.status === 'pending' ? (
            <>waiting for you to confirm the address with the link we emailed.</>
          ) : (
            <>none: you unsubscribed.</>
          )}
        </p>
        {s.status === 'active' ? (
          <p>
            <a href={withToken('/subscription/preview')}>Preview your next email</a>
          </p>
        ) : null}

        <section aria-labelledby="schedule-heading">
          <h2 id="schedule-heading">What and when</h2>
          <form method="post" action="/subscription/settings" class="stack-form">
            <CsrfField token={props.csrf} />
            <TokenField token={t} />
            <ScheduleFields
              idPrefix="manage"
              values={{
                cadence: s.cadence,
                skipWeekends: s.skip_weekends === 1,
                hour: s.hour,
                timeZone: s.time_zone,
                digest: s.digest === 1,
              }}
            />
            <button type="submit">Save</button>
          </form>
        </section>

        <section aria-labelledby="alerts-heading">
          <h2 id="alerts-heading">Topic alerts</h2>
          <p class="muted">
            A saved search: new papers that match it come with your email, with why they matched.
          </p>
          {alerts.length > 0 ? (
            <ul class="alert-list">
              {alerts.map((a) => (
                <li>
                  <a href={withQuery('/search', { q: a.query, sort: 'date' })}>{a.query}</a>{' '}
                  <span class="muted">
                    (since <DateLabel iso={a.createdAt} />)
                  </span>{' '}
                  <form method="post" action={`/subscription/alerts/${a.id}/delete`} class="inline-form">
                    <CsrfField token={props.csrf} />
                    <TokenField token={t} />
                    <button type="submit" class="link-button">
                      Remove<span class="visually-hidden">{` the alert ${a.query}`}</span>
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          ) : (
            <p>No alerts yet.</p>
          )}
          <form method="post" action="/subscription/alerts" class="stack-form">
            <CsrfField token={props.csrf} />
            <TokenField token={t} />
            <label for="alert-query">New alert: a search, as you would type it</label>
            <input
              id="alert-query"
              name="query"
              type="text"
              required
              maxlength={300}
              value={props.pendingAlert}
              placeholder={'author:"Yann LeCun" or "continual pre-training"'}
            />
            <button type="submit">Add alert</button>
          </form>
        </section>

        <section aria-labelledby="leave-heading">
          <h2 id="leave-heading">{s.status === 'active' ? 'Unsubscribe' : 'Subscribe again'}</h2>
          {s.status === 'active' ? (
            <form method="post" action="/subscription/unsubscribe" class="stack-form">
              <CsrfField token={props.csrf} />
              <TokenField token={t} />
              <button type="submit">Unsubscribe from all emails</button>
            </form>
          ) : s.status === 'pending' ? (
            <p>Use the confirmation link we emailed to start.</p>
          ) : (
            <form method="post" action="/subscription/resume" class="stack-form">
              <CsrfField token={props.csrf} />
              <TokenField token={t} />
              <button type="submit">Start my emails again</button>
            </form>
          )}
        </section>
      </div>
    </Layout>
  );
}

/** /subscription without a link: ask for one by email. */
export function ManageLinkPage(props: { config: Config; csrf: string; message: string | null }) {
  return (
    <Layout config={props.config} title="Manage your subscription" path="/subscription" noindex>
      <div class="narrow">
        <h1>Manage your subscription</h1>
        {props.message ? (
          <p class="notice" role="status">
            {props.message}
          </p>
        ) : null}
        <p>
          Every email we send has a link to manage your subscription. Lost it? We email you a new one. Not
          subscribed yet? <a href="/subscribe">Subscribe</a>.
        </p>
        <form method="post" action="/subscription/link" class="stack-form">
          <CsrfField token={props.csrf} />
          <label for="link-email">Email</label>
          <input id="link-email" name="email" type="email" autocomplete="email" required maxlength={254} />
          <button type="submit">Email me a link</button>
        </form>
      </div>
    </Layout>
  );
}

/** The landing page of a confirmation link, or of an unsubscribe link: one button, a POST. */
export function ConfirmActionPage(props: {
  config: Config;
  csrf: string;
  title: string;
  text: string;
  action: string;
  token: string;
  button: string;
}) {
  return (
    <Layout config={props.config} title={props.title} noindex>
      <div class="narrow">
        <h1>{props.title}</h1>
        <p>{props.text}</p>
        <form method="post" action={props.action} class="stack-form">
          <CsrfField token={props.csrf} />
          <input type="hidden" name="token" value={props.token} />
          <button type="submit">{props.button}</button>
        </form>
      </div>
    </Layout>
  );
}
