// Markers around matched words in titles and snippets: control characters no paper text contains.
// Search puts them in; views escape the text first and only then turn them into <mark> (or bold on a
// terminal), so paper text can never inject markup.
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';
