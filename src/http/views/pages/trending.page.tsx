// `/trending`: the papers of the trending window, best score first, 30 to a page; the formula once
// at the top, each card's numbers folded under its score.
import type { Config } from '../../../config.js';
import { daysBetween } from '../../../domain/days.js';
import type { TrendingFeed } from '../../../services/feed.service.js';
import { DateLabel, DayLabel } from '../components/date-label.js';
import { EmptyState } from '../components/empty-state.js';
import { CardGrid } from '../components/paper-card.js';
import { Pagination } from '../components/pagination.js';
import { TrendingFormula } from '../components/trending-score.js';
import { formatCount, plural } from '../format.js';
import { withQuery } from '../urls.js';
import { Layout } from '../layout.js';

export function TrendingPage(props: { config: Config; feed: TrendingFeed; page: number; perPage: number }) {
  const { feed, page, perPage } = props;
  const offset = (page - 1) * perPage;
  const shown = feed.cards.slice(offset, offset + perPage);
  const href = (p: number) => withQuery('/trending', { page: p > 1 ? p : null });
  return (
    <Layout
      config={props.config}
      title={page > 1 ? `Trending papers, page ${page}` : 'Trending papers'}
      path={href(page)}
      section="trending"
      description="Research papers ranked by an open, time-decayed community score."
      feed={{ title: 'Trending papers', base: '/feeds/trending' }}
    >
      <div class="page-head">
        <h1>Trending papers</h1>
        <p>
          Papers featured from <DayLabel day={feed.range.from} /> to <DayLabel day={feed.range.to} /> (
          {plural(daysBetween(feed.range.from, feed.range.to) + 1, 'day')}) compete, ranked by points that
          decay with age.
        </p>
        <TrendingFormula />
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
            ? `${formatCount(offset + 1)}–${formatCount(offset + shown.length)} of ${plural(feed.cards.length, 'paper')}`
            : plural(feed.cards.length, 'paper')}
        </h2>
        {shown.length > 0 ? (
          <CardGrid
            cards={shown.map((card, i) => ({
              card,
              rank: offset + i + 1,
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
        <Pagination page={page} perPage={perPage} total={feed.cards.length} href={href} />
      </section>
    </Layout>
  );
}
