// What an embedder throws when it cannot produce vectors. Search catches it (and aborts) and falls
// back to keywords; the embed job lets the queue retry.
export class EmbedderError extends Error {
  override name = 'EmbedderError';
  constructor(
    message: string,
    /** Worth trying again later (429, 5xx, timeout, dropped connection) rather than a setup mistake. */
    readonly retryable: boolean = false,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
