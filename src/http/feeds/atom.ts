// Atom 1.0 (RFC 4287): feed id, title and updated are required, as are entry id, title and updated;
// every entry needs an author (ours name the paper's authors); dates are RFC 3339.
import { type FeedDocument, feedId, feedUrl } from './feed-document.js';
import { element, xmlAttr } from './xml.js';

export function toAtom(doc: FeedDocument, generator: string): string {
  const entries = doc.items
    .map(
      (i) =>
        `<entry>${element('id', i.id)}${element('title', i.title)}` +
        `<link rel="alternate" type="text/html" href="${xmlAttr(i.url)}"/>` +
        `<link rel="related" type="text/html" href="${xmlAttr(i.externalUrl)}"/>` +
        `${element('published', i.published)}${element('updated', i.updated)}` +
        (i.authors.length > 0
          ? i.authors
              .map((a) => `<author>${element('name', a.name)}${element('uri', a.url)}</author>`)
              .join('')
          : '<author><name>Unknown</name></author>') +
        i.categories.map((c) => `<category term="${xmlAttr(c)}"/>`).join('') +
        `${element('summary', i.summary)}${element('content', i.contentHtml, { type: 'html' })}</entry>`,
    )
    .join('\n');
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">` +
    `${element('id', feedId(doc))}${element('title', doc.title)}${element('subtitle', doc.description)}` +
    `${element('updated', doc.updated)}` +
    `<link rel="self" type="application/atom+xml" href="${xmlAttr(feedUrl(doc, 'atom'))}"/>` +
    `<link rel="alternate" type="text/html" href="${xmlAttr(doc.homeUrl)}"/>` +
    `${element('generator', generator)}\n${entries}\n</feed>\n`
  );
}
