// The upvote control on cards and the paper page. Signed in: a form that works without JavaScript
// (POST, then back to the page it was on, at the card: a vote from the feed stays in the feed);
// assets/app.js upgrades it to a fetch and updates the count in place,
// announcing it through the aria-live status. Anonymous: a link to sign in.
import { useContext } from 'hono/jsx';
import type { PaperCard } from '../../../services/paper-card.js';
import { ViewerContext } from '../../auth/viewer.js';
import { plural } from '../format.js';
import { paperPath, withQuery } from '../urls.js';
import { CsrfField } from './csrf-field.js';

export function VoteButton(props: { card: PaperCard; next?: string; anchor?: string }) {
  const viewer = useContext(ViewerContext);
  const { card } = props;
  const path = paperPath(card.arxivId);
  const back = props.next ?? (viewer.here ? `${viewer.here}${props.anchor ? `#${props.anchor}` : ''}` : path);
  const title = `${card.localUpvotes} here, ${card.mirroredUpvotes} mirrored from Hugging Face`;
  if (!viewer.user) {
    return (
      <a class="vote vote-anon" href={withQuery('/signin', { next: back })} title={title}>
        <span aria-hidden="true">▲ </span>
        {plural(card.upvotes, 'upvote')}
        <span class="visually-hidden"> (sign in to upvote)</span>
      </a>
    );
  }
  return (
    <form class="vote-form" method="post" action={`${path}/upvote`}>
      <CsrfField />
      <input type="hidden" name="vote" value={card.viewerVoted ? '0' : '1'} />
      <input type="hidden" name="next" value={back} />
      <button
        type="submit"
        class="vote"
        aria-pressed={card.viewerVoted ? 'true' : 'false'}
        title={title}
        data-upvotes={String(card.upvotes)}
      >
        <span aria-hidden="true">▲ </span>
        <span class="vote-count">{plural(card.upvotes, 'upvote')}</span>
        <span class="visually-hidden">
          {card.viewerVoted ? ' (upvoted; press to take back)' : ' (press to upvote)'}
        </span>
      </button>
      <span class="visually-hidden vote-status" role="status" aria-live="polite"></span>
    </form>
  );
}
