// /users/:handle: what a member submitted, upvoted and said.
import { raw } from 'hono/html';
import type { Config } from '../../../config.js';
import type { Profile } from '../../../services/accounts.service.js';
import { CardGrid } from '../components/paper-card.js';
import { DateLabel } from '../components/date-label.js';
import { EmptyState } from '../components/empty-state.js';
import { Layout } from '../layout.js';
import { paperPath } from '../urls.js';

export function ProfilePage(props: { config: Config; profile: Profile }) {
  const p = props.profile;
  return (
    <Layout
      config={props.config}
      title={`${p.displayName} (@${p.handle})`}
      path={`/users/${p.handle}`}
      noindex={p.banned}
    >
      <h1>
        {p.displayName} <span class="muted">@{p.handle}</span>
      </h1>
      <p class="muted">
        {p.role === 'member' ? 'Member' : p.role === 'curator' ? 'Curator' : 'Admin'} since{' '}
        <DateLabel iso={p.joinedAt} />
        {p.banned ? ' · banned' : ''}
      </p>
      <section aria-labelledby="submissions-heading">
        <h2 id="submissions-heading">Submitted</h2>
        {p.submissions.length > 0 ? (
          <CardGrid cards={p.submissions.map((card) => ({ card, showFeaturedDay: true }))} />
        ) : (
          <EmptyState title="Nothing submitted yet" />
        )}
      </section>
      <section aria-labelledby="upvoted-heading">
        <h2 id="upvoted-heading">Upvoted</h2>
        {p.upvoted.length > 0 ? (
          <CardGrid cards={p.upvoted.map((card) => ({ card }))} />
        ) : (
          <EmptyState title="No upvotes yet" />
        )}
      </section>
      <section aria-labelledby="comments-heading">
        <h2 id="comments-heading">Comments</h2>
        {p.comments.length > 0 ? (
          <ul class="profile-comments">
            {p.comments.map((c) => (
              <li>
                <p class="muted">
                  On <a href={`${paperPath(c.arxiv_id)}#comment-${c.id}`}>{c.title}</a>,{' '}
                  <DateLabel iso={c.created_at} />:
                </p>
                {/* Rendered when it was written, raw HTML off (services/markdown.ts), as on the paper page. */}
                <div class="comment-body">{raw(c.body_html)}</div>
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title="No comments yet" />
        )}
      </section>
    </Layout>
  );
}
