// Authors linked to their pages; cards show the first few and count the rest.
import type { AuthorRef } from '../../../services/paper-card.js';
import { plural } from '../format.js';
import { authorPath } from '../urls.js';

export function AuthorList(props: { authors: AuthorRef[]; max?: number }) {
  const { authors } = props;
  if (authors.length === 0) return <p class="authors muted">Authors unknown</p>;
  const shown = props.max !== undefined ? authors.slice(0, props.max) : authors;
  const more = authors.length - shown.length;
  return (
    <p class="authors">
      <span class="visually-hidden">Authors: </span>
      {shown.map((a, i) => (
        <>
          {i > 0 ? ', ' : ''}
          {/* A name that slugifies to nothing (only punctuation) has no author page. */}
          {a.slug ? <a href={authorPath(a.slug)}>{a.name}</a> : a.name}
        </>
      ))}
      {more > 0 ? <span class="muted">{` +${plural(more, 'more', 'more')}`}</span> : null}
    </p>
  );
}
