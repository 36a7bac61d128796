// One day of the feed: `/` (the newest day) and `/papers?date=YYYY-MM-DD`.
import type { Config } from '../../../config.js';
import { isoWeekOf, monthOf } from '../../../domain/days.js';
import type { DayFeed, FeedSort } from '../../../services/feed.service.js';
import { DayLabel } from '../components/date-label.js';
import { EmptyState } from '../components/empty-state.js';
import { CardGrid } from '../components/paper-card.js';
import { PeriodNav } from '../components/period-nav.js';
import { SortTabs } from '../components/sort-tabs.js';
import { ScoresAsOf } from '../components/trending-score.js';
import { formatDay, formatMonth, plural } from '../format.js';
import { Layout } from '../layout.js';
import { feedPath } from '../urls.js';

export function DailyPage(props: { config: Config; feed: DayFeed; sort: FeedSort; path: string }) {
  const { feed, sort } = props;
  const week = isoWeekOf(feed.day);
  const month = monthOf(feed.day);
  return (
    <Layout
      config={props.config}
      title={`Papers of ${formatDay(feed.day)}`}
      path={props.path}
      section="daily"
      description={`Research papers featured on ${formatDay(feed.day)}.`}
    >
      <div class="page-head">
        <h1>
          Papers of <DayLabel day={feed.day} />
        </h1>
        <PeriodNav
          label="Days"
          unit="day"
          prev={
            feed.previousDay
              ? {
                  href: feedPath({ date: feed.previousDay }, sort),
                  label: <DayLabel day={feed.previousDay} />,
                }
              : null
          }
          next={
            feed.nextDay
              ? { href: feedPath({ date: feed.nextDay }, sort), label: <DayLabel day={feed.nextDay} /> }
              : null
          }
        />
        <ul class="view-links" aria-label="Longer views">
          <li>
            <a href={feedPath({ week }, sort)}>{`Week ${week}`}</a>
          </li>
          <li>
            <a href={feedPath({ month }, sort)}>{formatMonth(month)}</a>
          </li>
        </ul>
      </div>
      <SortTabs current={sort} href={(s) => feedPath({ date: feed.day }, s)} />
      {sort === 'trending' ? <ScoresAsOf asOf={feed.asOf} stale={feed.stale} /> : null}
      <section aria-labelledby="papers-heading">
        <h2 id="papers-heading">{plural(feed.cards.length, 'paper')}</h2>
        {feed.cards.length > 0 ? (
          <CardGrid cards={feed.cards.map((card) => ({ card }))} />
        ) : (
          <EmptyState title="No papers were featured on this day.">
            <p>Try the previous or next day above, or the week's view.</p>
          </EmptyState>
        )}
      </section>
    </Layout>
  );
}

/** The front page of a catalogue with nothing featured yet. */
export function EmptyFeedPage(props: { config: Config; path: string }) {
  return (
    <Layout config={props.config} title="Daily papers" path={props.path} section="daily">
      <h1>Daily papers</h1>
      <EmptyState title="No papers have been featured yet.">
        <p>
          An operator can load papers with <code>paperboy import FILE</code>; see <a href="/about">About</a>{' '}
          for where papers come from.
        </p>
      </EmptyState>
    </Layout>
  );
}
