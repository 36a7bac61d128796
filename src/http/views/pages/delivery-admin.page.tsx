// /mod/delivery, for admins: how many subscribe, what the outbox holds, the subscriptions whose mail
// keeps failing (paused ones can be resumed once the address works again) and the emails given up
// (they can be queued again, after fixing the SMTP settings, say).
import type { Config } from '../../../config.js';
import type { SubscriptionsService } from '../../../services/subscriptions.service.js';
import { CsrfField } from '../components/csrf-field.js';
import { DateLabel } from '../components/date-label.js';
import { Layout } from '../layout.js';

export type DeliveryStatus = Awaited<ReturnType<SubscriptionsService['deliveryStatus']>>;

function Counts(props: { label: string; counts: Record<string, number> }) {
  return (
    <dl class="stat-list">
      {Object.entries(props.counts).map(([k, n]) => (
        <div>
          <dt>{k}</dt>
          <dd>{n.toLocaleString('en-US')}</dd>
        </div>
      ))}
    </dl>
  );
}

export function DeliveryAdminPage(props: { config: Config; status: DeliveryStatus; notice: string | null }) {
  const s = props.status;
  return (
    <Layout config={props.config} title="Email delivery" noindex>
      <h1>Email delivery</h1>
      <p>
        <a href="/mod">Moderation</a> · <a href="/digest/preview">Preview today's digest</a>
      </p>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <section aria-labelledby="counts-heading">
        <h2 id="counts-heading">Subscriptions and outbox</h2>
        <h3>Subscriptions</h3>
        <Counts label="subscriptions" counts={s.subscriptions} />
        <h3>Outbox</h3>
        <Counts label="emails" counts={{ ...s.outbox, 'sent in 24 h': s.sentToday }} />
      </section>
      <section aria-labelledby="troubled-heading">
        <h2 id="troubled-heading">Paused and failing subscriptions</h2>
        {s.troubled.length === 0 ? (
          <p class="muted">None: every address takes its mail.</p>
        ) : (
          <table class="mod-log">
            <thead>
              <tr>
                <th scope="col">Address</th>
                <th scope="col">Status</th>
                <th scope="col">Failures</th>
                <th scope="col">Last error</th>
                <th scope="col"></th>
              </tr>
            </thead>
            <tbody>
              {s.troubled.map((t) => (
                <tr>
                  <td>{t.email}</td>
                  <td>{t.status}</td>
                  <td>
                    {t.failures}
                    {t.last_failure_at ? (
                      <>
                        {', last '}
                        <DateLabel iso={t.last_failure_at} withTime />
                      </>
                    ) : null}
                  </td>
                  <td>{t.paused_reason ?? t.last_error ?? ''}</td>
                  <td>
                    {t.status === 'paused' ? (
                      <form
                        method="post"
                        action={`/mod/delivery/subscriptions/${t.id}/resume`}
                        class="inline-form"
                      >
                        <CsrfField />
                        <button type="submit">Resume</button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="failed-heading">
        <h2 id="failed-heading">Emails refused or given up</h2>
        {s.failedEmails.length === 0 ? (
          <p class="muted">None.</p>
        ) : (
          <table class="mod-log">
            <thead>
              <tr>
                <th scope="col">To</th>
                <th scope="col">Email</th>
                <th scope="col">Status</th>
                <th scope="col">Error</th>
                <th scope="col"></th>
              </tr>
            </thead>
            <tbody>
              {s.failedEmails.map((m) => (
                <tr>
                  <td>{m.to_address}</td>
                  <td>
                    {m.subject}
                    <br />
                    <span class="muted">
                      {m.kind} · {m.attempts} attempt{m.attempts === 1 ? '' : 's'} ·{' '}
                      <DateLabel iso={m.updated_at} withTime />
                    </span>
                  </td>
                  <td>{m.status === 'dead' ? 'given up' : 'refused'}</td>
                  <td>{m.last_error ?? ''}</td>
                  <td>
                    <form method="post" action={`/mod/delivery/emails/${m.id}/retry`} class="inline-form">
                      <CsrfField />
                      <button type="submit">Send again</button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Layout>
  );
}
