// /mod: open flags (admins), ban and unban (admins), and the moderation log (curators and admins).
import { raw } from 'hono/html';
import type { Config } from '../../../config.js';
import type { AuthUser } from '../../../services/actor.js';
import { hasRole } from '../../../services/actor.js';
import type { OpenFlag } from '../../../services/moderation.service.js';
import type { ModerationLogWithActor } from '../../../stores/moderation-log.store.js';
import { CsrfField } from '../components/csrf-field.js';
import { DateLabel } from '../components/date-label.js';
import { Layout } from '../layout.js';
import { paperPath } from '../urls.js';

export function ModPage(props: {
  config: Config;
  user: AuthUser;
  flags: OpenFlag[] | null;
  log: ModerationLogWithActor[];
}) {
  const admin = hasRole(props.user, 'admin');
  return (
    <Layout config={props.config} title="Moderation" noindex>
      <h1>Moderation</h1>
      {admin ? (
        <p>
          <a href="/mod/delivery">Email delivery</a>: subscriptions, the outbox, paused addresses.
        </p>
      ) : null}
      {admin && props.flags ? (
        <section aria-labelledby="flags-heading">
          <h2 id="flags-heading">Open flags</h2>
          {props.flags.length === 0 ? <p class="muted">No open flags.</p> : null}
          <ul class="flag-list">
            {props.flags.map((f) => (
              <li>
                <p>
                  <strong>{f.target_type === 'comment' ? `Comment ${f.target_id}` : 'Paper'}</strong>
                  {f.target ? (
                    <>
                      {' on '}
                      <a
                        href={`${paperPath(f.target.arxivId)}${f.target_type === 'comment' ? `#comment-${f.target_id}` : ''}`}
                      >
                        {f.target.title}
                      </a>
                    </>
                  ) : (
                    ' (gone)'
                  )}{' '}
                  flagged by <a href={`/users/${f.reporter_handle}`}>@{f.reporter_handle}</a>,{' '}
                  <DateLabel iso={f.created_at} />
                </p>
                <p>Reason: {f.reason}</p>
                {f.target?.commentHtml ? (
                  <blockquote class="comment-body">
                    {f.target.commentState !== 'visible' ? (
                      <p class="muted">{`[${f.target.commentState ?? ''}]`}</p>
                    ) : null}
                    {raw(f.target.commentHtml)}
                  </blockquote>
                ) : null}
                {f.target_type === 'comment' && f.target?.commentState === 'visible' ? (
                  <form method="post" action={`/mod/comments/${f.target_id}/hide`} class="inline-form">
                    <CsrfField />
                    <button type="submit">Hide comment</button>
                  </form>
                ) : null}{' '}
                <form method="post" action={`/mod/flags/${f.id}/resolve`} class="inline-form">
                  <CsrfField />
                  <button type="submit">Mark resolved</button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {admin ? (
        <section aria-labelledby="ban-heading">
          <h2 id="ban-heading">Ban or unban a user</h2>
          <form method="post" action="/mod/ban" class="stack-form">
            <CsrfField />
            <label for="ban-handle">Handle</label>
            <input id="ban-handle" name="handle" type="text" required pattern="[a-z0-9_]{2,30}" />
            <label for="ban-reason">Reason (kept in the log)</label>
            <input id="ban-reason" name="reason" type="text" maxlength={500} />
            <button type="submit" name="action" value="ban">
              Ban
            </button>
            <button type="submit" name="action" value="unban">
              Unban
            </button>
          </form>
        </section>
      ) : null}
      <section aria-labelledby="log-heading">
        <h2 id="log-heading">Moderation log</h2>
        {props.log.length === 0 ? <p class="muted">Nothing yet.</p> : null}
        <table class="mod-log">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {props.log.map((e) => (
              <tr>
                <td>
                  <DateLabel iso={e.created_at} />
                </td>
                <td>{e.actor_handle ? `@${e.actor_handle}` : 'operator'}</td>
                <td>{e.action}</td>
                <td>{`${e.target_type} ${e.target_id}`}</td>
                <td>{e.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Layout>
  );
}
