// How large a request may be, in one place: the middleware that answers 413/414/431 and the Node
// server that stops larger ones before they reach the app read these.

/**
 * The largest request body read. Every form and JSON body here is small (a comment is at most 5,000
 * characters, under 64 KiB even percent-encoded); without a cap a stranger's endless POST would be
 * read into memory before the CSRF check could refuse it.
 */
export const MAX_BODY_BYTES = 128 * 1024;

/**
 * The longest request target (path and query). Our longest addresses are searches (a 500-character
 * query with filters, percent-encoded: under 4 KiB); 8 KiB is also what common proxies allow.
 */
export const MAX_URL_BYTES = 8 * 1024;

/** All request headers together, names and values: cookies and tokens of ours are well under 1 KiB. */
export const MAX_HEADER_BYTES = 16 * 1024;

/**
 * Node's own parser limit on the request line plus headers (its default is 16 KiB). Above ours, so
 * that most oversized requests get the app's 414 or 431 page; what exceeds even this is answered
 * by the server itself (http/node-server.ts) without reaching the app.
 */
export const NODE_MAX_HEADER_BYTES = 32 * 1024;

/**
 * Header fields per request. Node drops those past its count limit without a word (and then stops
 * counting their bytes), so the server answers 431 when a request reaches it; browsers send 10-20.
 */
export const MAX_HEADER_COUNT = 100;
