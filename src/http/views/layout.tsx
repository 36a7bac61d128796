// The one page layout: header with the site name, main navigation and a search box; main; footer.
// Every page goes through it, so landmarks, the skip link, the canonical link and the stylesheet are
// the same everywhere.
import type { Child } from 'hono/jsx';
import type { Config } from '../../config.js';
import { favicon, script, stylesheet } from '../assets/assets.js';
import { DAILY_FEED, FeedLinks, feedHref, type PageFeed } from './components/feed-links.js';
import { SearchBox } from './components/search-box.js';
import { UserMenu } from './components/user-menu.js';

export type Section = 'daily' | 'weekly' | 'monthly' | 'trending' | 'about' | 'search';

export interface LayoutProps {
  config: Config;
  /** What the page shows; the site name is appended. */
  title: string;
  /** Canonical path with its query, e.g. `/papers?date=2026-08-21`; error pages have none. */
  path?: string;
  description?: string;
  /** The nav item to mark as current. */
  section?: Section | null;
  /** Error and search-result pages should not be indexed. */
  noindex?: boolean;
  /** The page's own feed, announced for discovery beside the site's daily feed (see FeedLinks). */
  feed?: PageFeed;
  children: Child;
}

const NAV: { section: Section; href: string; label: string }[] = [
  { section: 'daily', href: '/', label: 'Daily' },
  { section: 'weekly', href: '/weekly', label: 'Weekly' },
  { section: 'monthly', href: '/monthly', label: 'Monthly' },
  { section: 'trending', href: '/trending', label: 'Trending' },
  { section: 'about', href: '/about', label: 'About' },
];

export function Layout(props: LayoutProps) {
  const { config } = props;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{`${props.title} · ${config.siteName}`}</title>
        <meta
          name="description"
          content={props.description ?? `${config.siteName}: the research papers that matter, day by day.`}
        />
        {props.noindex ? <meta name="robots" content="noindex" /> : null}
        {props.path !== undefined ? <link rel="canonical" href={`${config.baseUrl}${props.path}`} /> : null}
        <link rel="stylesheet" href={stylesheet.path} />
        <link rel="icon" href={favicon.path} type="image/svg+xml" />
        <script src={script.path} defer></script>
        <FeedLinks feeds={[DAILY_FEED, ...(props.feed ? [props.feed] : [])]} />
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <div class="wrap header-inner">
            <a class="brand" href="/">
              {config.siteName}
            </a>
            <nav class="site-nav" aria-label="Main">
              <ul>
                {NAV.map((item) => (
                  <li>
                    <a href={item.href} aria-current={props.section === item.section ? 'page' : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            {props.section === 'search' ? null : <SearchBox id="site-search" />}
            <UserMenu />
          </div>
        </header>
        <main id="main" class="wrap" tabindex={-1}>
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <form
              method="get"
              action="/subscribe"
              class="subscribe-footer"
              aria-labelledby="footer-subscribe"
            >
              <label id="footer-subscribe" for="footer-subscribe-email">
                Get the trending papers in your inbox
              </label>
              <div class="subscribe-row">
                <input
                  id="footer-subscribe-email"
                  name="email"
                  type="email"
                  autocomplete="email"
                  required
                  maxlength={254}
                  placeholder="you@example.org"
                />
                <button type="submit">Subscribe</button>
              </div>
            </form>
            <p>
              {config.siteName} is an open-source, self-hostable hub for research papers.{' '}
              <a href="/about">How it works</a> · <a href="/openapi.json">JSON API</a> ·{' '}
              <a href={feedHref(props.feed ?? DAILY_FEED, 'rss')}>RSS</a> ·{' '}
              <a href={feedHref(props.feed ?? DAILY_FEED, 'atom')}>Atom</a> ·{' '}
              <a href={feedHref(props.feed ?? DAILY_FEED, 'json')}>JSON Feed</a>
            </p>
            <p class="muted">
              Paper metadata from <a href="https://arxiv.org/">arXiv</a> and{' '}
              <a href="https://huggingface.co/papers">Hugging Face Daily Papers</a>. Thank you to arXiv for
              use of its open access interoperability.
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
