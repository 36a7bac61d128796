// A paper's trending score with the numbers that made it, in the order of the formula on /about.
// The constants come from domain/trending.ts so this can never disagree with the ranking.
import { COMMENT_WEIGHT, GRAVITY, type TrendingBreakdown } from '../../../domain/trending.js';
import { formatNumber, plural } from '../format.js';
import { DateLabel } from './date-label.js';

export function TrendingScore(props: { breakdown: TrendingBreakdown; compact?: boolean }) {
  const b = props.breakdown;
  const age = formatNumber(b.ageDays);
  return (
    <p class={props.compact ? 'score score-compact' : 'score'}>
      <span class="score-value">
        Score <strong>{formatNumber(b.score)}</strong>
      </span>{' '}
      <span class="score-formula">
        = ({plural(b.upvotes, 'upvote')} + {formatNumber(COMMENT_WEIGHT)} × {plural(b.comments, 'comment')}) /
        ({age} {age === '1' ? 'day' : 'days'} + 1)<sup>{formatNumber(GRAVITY)}</sup>
      </span>{' '}
      {props.compact ? (
        <a class="score-help" href="/about#trending">
          How is this computed?
        </a>
      ) : null}
    </p>
  );
}

/** Under a list ordered by trending score: the moment the scores are computed at. */
export function ScoresAsOf(props: { asOf: string; stale: boolean }) {
  return (
    <p class="muted scores-as-of">
      Trending scores as of <DateLabel iso={props.asOf} withTime />
      {props.stale ? ', the end of the last day papers were featured.' : '.'}{' '}
      <a href="/about#trending">How the score works</a>.
    </p>
  );
}
