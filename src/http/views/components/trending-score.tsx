// A paper's trending score with the numbers that made it, in the order of the formula on /about.
// The constants come from domain/trending.ts so this can never disagree with the ranking.
import { COMMENT_WEIGHT, GRAVITY, type TrendingBreakdown } from '../../../domain/trending.js';
import { formatNumber, plural } from '../format.js';
import { DateLabel } from './date-label.js';

function ScoreFormula(props: { breakdown: TrendingBreakdown }) {
  const b = props.breakdown;
  const age = formatNumber(b.ageDays);
  return (
    <span class="score-formula">
      = ({plural(b.upvotes, 'upvote')} + {formatNumber(COMMENT_WEIGHT)} × {plural(b.comments, 'comment')}) / (
      {age} {age === '1' ? 'day' : 'days'} + 1)<sup>{formatNumber(GRAVITY)}</sup>
    </span>
  );
}

/**
 * The score with its numbers. On a card (compact) the numbers fold away under the score, so a list
 * of thirty does not repeat the formula thirty times; they open without JavaScript.
 */
export function TrendingScore(props: { breakdown: TrendingBreakdown; compact?: boolean }) {
  const b = props.breakdown;
  if (props.compact)
    return (
      <details class="score score-compact">
        <summary>
          Score <strong>{formatNumber(b.score)}</strong>
        </summary>
        <ScoreFormula breakdown={b} />
      </details>
    );
  return (
    <p class="score">
      <span class="score-value">
        Score <strong>{formatNumber(b.score)}</strong>
      </span>{' '}
      <ScoreFormula breakdown={b} />
    </p>
  );
}

/** The formula once, in words, for the head of a list ranked by it. */
export function TrendingFormula() {
  return (
    <p class="muted formula">
      Score = (upvotes + {formatNumber(COMMENT_WEIGHT)} × comments) / (age in days + 1)
      <sup>{formatNumber(GRAVITY)}</sup>. <a href="/about#trending">How the score works</a>.
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
