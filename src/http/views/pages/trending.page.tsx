// `/trending`: the papers of the trending window, best score first, each with its breakdown.
import type { Config } from '../../../config.js';
import { daysBetween } from '../../../domain/days.js';
import type { TrendingFeed } from '../../../services/feed.service.js';
import { DateLabel, DayLabel } from '../components/date-label.js';
import { EmptyState } from '../components/empty-state.js';
import { CardGrid } from '../components/paper-card.js';
import { plural } from '../format.js';
import { Layout } from '../layout.js';

/** The ranking is for skimming: past this many, a reader wants the daily or weekly views. */
export const TRENDING_SHOWN = 50;

export function TrendingPage(props: { config: Config; feed: TrendingFeed }) {
  const { feed } = props;
  const shown = feed.cards.slice(0, TRENDING_SHOWN);
  return (
    <Layout
      config={props.config}
      title="Trending papers"
      path="/trending"
      section="trending"
      description="Research papers ranked by an open, time-decayed community score."
      feed={{ title: 'Trending papers', base: '/feeds/trending' }}
    >
      <div class="page-head">
        <h1>Trending papers</h1>
        <p>
          Papers featured from <DayLabel day={feed.range.from} /> to <DayLabel day={feed.range.to} /> (
          {plural(daysBetween(feed.range.from, feed.range.to) + 1, 'day')}) compete, ranked by points that
          decay with age. <a href="/about#trending">How the score works</a>.
        </p>
        {feed.stale ? (
          <p class="notice" role="note">
            No papers have been featured since <DayLabel day={feed.range.to} />, so scores are as of{' '}
            <DateLabel iso={feed.asOf} withTime />.
          </p>
        ) : (
          <p class="muted">
            Scores as of <DateLabel iso={feed.asOf} withTime />.
          </p>
        )}
      </div>
      <section aria-labelledby="papers-heading">
        <h2 id="papers-heading">
          {feed.cards.length > shown.length
            ? `Top ${shown.length} of ${plural(feed.cards.length, 'paper')}`
            : plural(feed.cards.length, 'paper')}
        </h2>
        {shown.length > 0 ? (
          <CardGrid
            cards={shown.map((card, i) => ({
              card,
              rank: i + 1,
              trending: card.trending,
              showFeaturedDay: true,
            }))}
          />
        ) : (
          <EmptyState title="No papers were featured in this window.">
            <p>
              See the <a href="/">daily papers</a> instead.
            </p>
          </EmptyState>
        )}
      </section>
    </Layout>
  );
}
