// A week (`/papers?week=YYYY-Www`) or a month (`/papers?month=YYYY-MM`) of the feed, a page of
// cards at a time (`&page=N`); each page is its own canonical address.
import type { Config } from '../../../config.js';
import { parseIsoWeek } from '../../../domain/days.js';
import type { FeedSort, RangeFeed } from '../../../services/feed.service.js';
import { DayLabel } from '../components/date-label.js';
import { EmptyState } from '../components/empty-state.js';
import { pageCount, Pagination } from '../components/pagination.js';
import { CardGrid } from '../components/paper-card.js';
import { PeriodNav } from '../components/period-nav.js';
import { SortTabs } from '../components/sort-tabs.js';
import { ScoresAsOf } from '../components/trending-score.js';
import { formatCount, formatDayRange, formatMonth, plural } from '../format.js';
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
  /** The slice of the period in `feed.cards`. */
  feed: RangeFeed;
  sort: FeedSort;
  /** 1-based. */
  page: number;
  perPage: number;
}) {
  const { kind, feed, sort, page } = props;
  const name = periodName(kind, feed.period);
  const pageHref = (p: number) => feedPath(view(kind, feed.period), sort, p);
  const pages = pageCount(feed.total, props.perPage);
  const onPage = page > 1 ? `, page ${formatCount(page)}` : '';
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
      title={`Papers of ${name}${onPage}`}
      path={pageHref(page)}
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
        <h2 id="papers-heading">{plural(feed.total, 'paper')}</h2>
        {feed.cards.length > 0 && pages > 1 ? (
          <p class="muted">
            {`${formatCount(feed.offset + 1)}–${formatCount(feed.offset + feed.cards.length)} of ${formatCount(feed.total)}, page ${formatCount(page)} of ${formatCount(pages)}`}
          </p>
        ) : null}
        {feed.cards.length > 0 ? (
          <CardGrid cards={feed.cards.map((card) => ({ card, showFeaturedDay: true }))} />
        ) : feed.total > 0 ? (
          <EmptyState title="No papers on this page.">
            <p>
              <a href={pageHref(1)}>Back to the first page</a>
            </p>
          </EmptyState>
        ) : (
          <EmptyState title={`No papers were featured in this ${kind}.`} />
        )}
        <Pagination page={page} perPage={props.perPage} total={feed.total} href={pageHref} />
      </section>
    </Layout>
  );
}
