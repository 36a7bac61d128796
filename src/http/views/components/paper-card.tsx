// One paper in a list (daily, week, month, trending, search, author). Cards are <article>s with an
// h3 title: every list page puts them under an h2 so headings stay in order.
import { truncateWords } from '../../../domain/text.js';
import type { TrendingBreakdown } from '../../../domain/trending.js';
import type { PaperCard as PaperCardModel } from '../../../services/paper-card.js';
import { feedPath, paperPath, thumbnailPath } from '../urls.js';
import { CommentCount } from './comment-count.js';
import { AuthorList } from './author-list.js';
import { DayLabel } from './date-label.js';
import { MarkedText } from './marked-text.js';
import { PaperLinks } from './paper-links.js';
import { SubmitterLabel } from './submitter.js';
import { TrendingScore } from './trending-score.js';
import { VoteButton } from './vote-button.js';

/** Authors named on a card before "+N more". */
const CARD_AUTHORS = 4;
/** Characters of abstract shown when there is no AI summary. */
const TEASER_CHARS = 240;
/** Thumbnails are Hugging Face's social images, about 1.9:1; fixed size so nothing shifts as they load. */
const THUMB = { width: 400, height: 210 };

export interface PaperCardProps {
  card: PaperCardModel;
  /** Week and month views say which day each paper was featured. */
  showFeaturedDay?: boolean;
  /** Position on a ranked list. */
  rank?: number;
  /** The trending page shows each score's breakdown. */
  trending?: TrendingBreakdown;
  /** Search results: title and snippet with MARK_START/MARK_END around matches. */
  marked?: { title: string; snippet: string };
}

export function PaperCard(props: PaperCardProps) {
  const { card } = props;
  const headingId = `paper-${card.paperId}`;
  return (
    <article class="card" aria-labelledby={headingId}>
      {/* Every paper has a picture, served by us (a cover when it has none); the title follows, so it is decorative. */}
      <img
        class="card-thumb"
        src={thumbnailPath(card.arxivId)}
        alt=""
        width={THUMB.width}
        height={THUMB.height}
        loading="lazy"
        decoding="async"
      />
      <div class="card-body">
        <h3 class="card-title" id={headingId}>
          {props.rank !== undefined ? <span class="rank">{`${props.rank}. `}</span> : null}
          <a href={paperPath(card.arxivId)}>
            {props.marked ? <MarkedText text={props.marked.title} /> : card.title}
          </a>
        </h3>
        <AuthorList authors={card.authors} max={CARD_AUTHORS} />
        <Teaser {...props} />
        <ul class="card-meta" aria-label="Details">
          <li class="votes">
            <VoteButton card={card} anchor={headingId} />
          </li>
          <li>
            <CommentCount
              arxivId={card.arxivId}
              local={card.localComments}
              mirrored={card.mirroredComments}
              href={`${paperPath(card.arxivId)}#comments-heading`}
            />
          </li>
          {props.showFeaturedDay && card.featured ? (
            <li>
              Featured{' '}
              <a href={feedPath({ date: card.featured.day })}>
                <DayLabel day={card.featured.day} />
              </a>
            </li>
          ) : null}
          {card.featured?.submitter ? (
            <li>
              <SubmitterLabel submitter={card.featured.submitter} />
            </li>
          ) : null}
          {card.organization ? <li class="org">{card.organization}</li> : null}
        </ul>
        {card.categories.length > 0 ? (
          <ul class="tags" aria-label="Categories">
            {card.categories.map((c) => (
              <li>{c}</li>
            ))}
          </ul>
        ) : null}
        <PaperLinks card={card} />
        {props.trending ? <TrendingScore breakdown={props.trending} compact /> : null}
      </div>
    </article>
  );
}

function Teaser(props: PaperCardProps) {
  const { card } = props;
  if (props.marked?.snippet.trim()) {
    return (
      <p class="teaser">
        <MarkedText text={props.marked.snippet} />
      </p>
    );
  }
  if (card.aiSummary) {
    return (
      <p class="teaser">
        <span class="label" title="Written by a language model">
          AI summary
        </span>{' '}
        {card.aiSummary}
      </p>
    );
  }
  return <p class="teaser">{truncateWords(card.abstract.replace(/\s+/g, ' '), TEASER_CHARS)}</p>;
}

/** A grid of cards; the empty case is the caller's. */
export function CardGrid(props: { cards: PaperCardProps[] }) {
  return (
    <ol class="card-grid">
      {props.cards.map((p) => (
        <li>
          <PaperCard {...p} />
        </li>
      ))}
    </ol>
  );
}
