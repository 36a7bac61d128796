// A topic alert's query in the search syntax, optionally marked to match by meaning too: a query
// that starts with `~` ("~robots that learn from videos of people") mails the new papers that match
// its words strictly, as every alert does, and also the new papers whose embedding lies as close to
// the query's as the catalogue's nearest papers do. A prefix rather than a setting: it travels
// with the query through every form, link and email, and needs no column.

export interface AlertQuery {
  /** Also match by meaning. */
  meaning: boolean;
  /** The query in the search syntax, without the marker. */
  query: string;
}

export const MEANING_MARK = '~';

export function parseAlertQuery(query: string): AlertQuery {
  const trimmed = query.trim();
  if (!trimmed.startsWith(MEANING_MARK)) return { meaning: false, query: trimmed };
  return { meaning: true, query: trimmed.slice(MEANING_MARK.length).trim() };
}
