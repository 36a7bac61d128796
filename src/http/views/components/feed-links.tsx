// <link rel="alternate"> tags that let feed readers and browsers discover a page's feeds, in all
// three formats.

export interface PageFeed {
  title: string;
  /** Feed address without extension, e.g. `/feeds/trending`; `.rss`, `.atom` and `.json` follow. */
  base: string;
  /** Query string of a search feed, without the `?`. */
  query?: string;
}

export function feedHref(feed: PageFeed, ext: 'rss' | 'atom' | 'json'): string {
  return `${feed.base}.${ext}${feed.query ? `?${feed.query}` : ''}`;
}

export const DAILY_FEED: PageFeed = { title: 'Daily papers', base: '/feeds/daily' };

const TYPES = [
  ['rss', 'application/rss+xml', 'RSS'],
  ['atom', 'application/atom+xml', 'Atom'],
  ['json', 'application/feed+json', 'JSON Feed'],
] as const;

export function FeedLinks(props: { feeds: PageFeed[] }) {
  return (
    <>
      {props.feeds.flatMap((feed) =>
        TYPES.map(([ext, type, label]) => (
          <link rel="alternate" type={type} title={`${feed.title} (${label})`} href={feedHref(feed, ext)} />
        )),
      )}
    </>
  );
}
