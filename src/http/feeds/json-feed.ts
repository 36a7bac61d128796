// JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): version and title are required, items need
// an id and content; JSON.stringify does the escaping.
import { type FeedDocument, feedUrl } from './feed-document.js';

export function toJsonFeed(doc: FeedDocument): string {
  return JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: doc.title,
      home_page_url: doc.homeUrl,
      feed_url: feedUrl(doc, 'json'),
      description: doc.description,
      language: 'en',
      items: doc.items.map((i) => ({
        id: i.id,
        url: i.url,
        external_url: i.externalUrl,
        title: i.title,
        summary: i.summary,
        content_html: i.contentHtml,
        date_published: i.published,
        date_modified: i.updated,
        authors: i.authors.map((a) => ({ name: a.name, url: a.url })),
        tags: i.categories,
        ...(i.imageUrl ? { image: i.imageUrl } : {}),
      })),
    },
    null,
    2,
  );
}
