// Outbox bodies are written before their links' secrets exist: the sender mints a fresh token for
// each email as it goes out, so no usable link ever sits in the database in clear text. Templates
// write these markers where the token and the message's outbox id go; the sender fills them in.
export const TOKEN_PLACEHOLDER = '@@PAPERBOY_TOKEN@@';
export const OUTBOX_ID_PLACEHOLDER = '@@PAPERBOY_OUTBOX_ID@@';

export function fillPlaceholders(text: string, values: { token: string; outboxId: number }): string {
  return text
    .replaceAll(TOKEN_PLACEHOLDER, values.token)
    .replaceAll(OUTBOX_ID_PLACEHOLDER, String(values.outboxId));
}
