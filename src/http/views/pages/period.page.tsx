// A week (`/papers?week=YYYY-Www`) or a month (`/papers?month=YYYY-MM`) of the feed.
import type { Config } from '../../../config.js';
import { parseIsoWeek } from '../../../domain/days.js';
import type { FeedSort, RangeFeed } from '../../../services/feed.service.js';
import { DayLabel } from '../components/date-label.js';
import { EmptyState } from '../components/empty-state.js';
import { CardGrid } from '../components/paper-card.js';
import { PeriodNav } from '../components/period-nav.js';
import { SortTabs } from '../components/sort-tabs.js';
import { ScoresAsOf } from '../components/trending-score.js';
import { formatDayRange, formatMonth, plural } from '../format.js';
import { Layout } from '../layout.js';
import { feedPath } from '../urls.js';

export type PeriodKind = 'week' | 'month';

function periodName(kind: PeriodKind, period: string): string {
  if (kind === 'month') return formatMonth(period);
  const range = parseIsoWeek(period);
  return range ? `week ${period} (${formatDayRange(range)})` : `week ${period}`;
}

const view = (kind: PeriodKind, period: string) => (kind === 'week' ? { week: period } : { month: period });

export function PeriodPage(props: {
  config: Config;
  kind: PeriodKind;
  feed: RangeFeed;
  sort: FeedSort;
  path: string;
}) {
  const { kind, feed, sort } = props;
  const name = periodName(kind, feed.period);
  const link = (period: string | null) =>
    period
      ? {
          href: feedPath(view(kind, period), sort),
          label: kind === 'week' ? `Week ${period}` : formatMonth(period),
        }
      : null;
  return (
    <Layout
      config={props.config}
      title={`Papers of ${name}`}
      path={props.path}
      section={kind === 'week' ? 'weekly' : 'monthly'}
      description={`Research papers featured in ${name}.`}
      feed={
        kind === 'week'
          ? { title: 'Top papers of the week', base: '/feeds/weekly' }
          : { title: 'Top papers of the month', base: '/feeds/monthly' }
      }
    >
      <div class="page-head">
        <h1>
          Papers of{' '}
          <time datetime={feed.period}>
            {kind === 'week' ? `week ${feed.period}` : formatMonth(feed.period)}
          </time>
        </h1>
        <p class="muted">
          From <DayLabel day={feed.range.from} /> to <DayLabel day={feed.range.to} />
        </p>
        <PeriodNav
          label={kind === 'week' ? 'Weeks' : 'Months'}
          unit={kind}
          prev={link(feed.previous)}
          next={link(feed.next)}
        />
      </div>
      <SortTabs current={sort} href={(s) => feedPath(view(kind, feed.period), s)} />
      {sort === 'trending' ? <ScoresAsOf asOf={feed.asOf} stale={feed.stale} /> : null}
      <section aria-labelledby="papers-heading">
        <h2 id="papers-heading">{plural(feed.cards.length, 'paper')}</h2>
        {feed.cards.length > 0 ? (
          <CardGrid cards={feed.cards.map((card) => ({ card, showFeaturedDay: true }))} />
        ) : (
          <EmptyState title={`No papers were featured in this ${kind}.`} />
        )}
      </section>
    </Layout>
  );
}
