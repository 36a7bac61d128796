// RSS 2.0 (https://www.rssboard.org/rss-specification): channel title, link and description are
// required; dates are RFC 822; guid is the paper's permanent address. atom:link rel="self" is the
// RSS Advisory Board's recommendation so readers know the feed's own address. The authors are one
// dc:creator holding every name, as arXiv's own feeds write them: readers such as newsboat keep only
// the last of repeated elements.
import { type FeedDocument, feedUrl } from './feed-document.js';
import { element, xmlAttr } from './xml.js';

const rfc822 = (iso: string) => new Date(iso).toUTCString();

export function toRss(doc: FeedDocument, generator: string): string {
  const items = doc.items
    .map(
      (i) =>
        `<item>${element('title', i.title)}${element('link', i.url)}` +
        `${element('guid', i.id, { isPermaLink: 'true' })}${element('pubDate', rfc822(i.published))}` +
        `${element('description', i.contentHtml)}` +
        element('dc:creator', i.authors.map((a) => a.name).join(', ')) +
        i.categories.map((c) => element('category', c)).join('') +
        `${element('comments', i.url)}</item>`,
    )
    .join('\n');
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n` +
    `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>` +
    `${element('title', doc.title)}${element('link', doc.homeUrl)}${element('description', doc.description)}` +
    `<atom:link href="${xmlAttr(feedUrl(doc, 'rss'))}" rel="self" type="application/rss+xml"/>` +
    `${element('lastBuildDate', rfc822(doc.updated))}${element('generator', generator)}${element('language', 'en')}\n` +
    `${items}\n</channel>\n</rss>\n`
  );
}
