// Text that stays text in any feed reader. A feed's titles, summaries and names are text (escaped
// once for XML, a JSON string in JSON Feed), but many readers render summaries, and some titles, as
// HTML anyway: an imported AI summary of `<b onmouseover=...>` would come alive there. So in those
// slots no `<` may start a tag, an end tag, a comment or a declaration: one followed by a letter,
// `/`, `!` or `?` gets a space after it (HTML opens a tag only when the next character is one of
// those). Nothing else changes, so "p < 0.05" and "x<1" read as they did. Our own HTML (escaped
// parts only) goes in the content slots: RSS description, Atom content, JSON Feed content_html.
import type { FeedDocument, FeedItem } from './feed-document.js';

const TAG_OPEN = /<(?=[A-Za-z!/?])/g;

export function inertText(s: string): string {
  return s.replace(TAG_OPEN, '< ');
}

function inertItem(i: FeedItem): FeedItem {
  return {
    ...i,
    title: inertText(i.title),
    summary: inertText(i.summary),
    authors: i.authors.map((a) => ({ ...a, name: inertText(a.name) })),
    categories: i.categories.map(inertText),
  };
}

/** The document with every text slot made inert (a search feed's title holds the query too). */
export function inertFeed(doc: FeedDocument): FeedDocument {
  return {
    ...doc,
    title: inertText(doc.title),
    description: inertText(doc.description),
    items: doc.items.map(inertItem),
  };
}
