// How a service puts an email in the outbox: in the caller's transaction (the stores given are bound
// to it), together with a send-outbox job, so the email exists exactly when its cause committed and a
// worker picks it up at once. The job's unique key keeps one sender queued however many emails wait.
import type { JobQueue } from '../jobs/queue.js';
import type { Stores } from '../stores/index.js';
import type { NewOutboxMessage } from '../stores/outbox.store.js';

export async function queueEmail(
  stores: Stores,
  jobs: JobQueue,
  message: NewOutboxMessage,
  now: string,
): Promise<number | null> {
  const id = await stores.outbox.insertIfAbsent(message, now);
  if (id !== null) await stores.jobs.insertIfAbsent(jobs.prepare('send-outbox', {}), now);
  return id;
}

/** The host part of Message-IDs: the public site's. */
export function messageIdHost(baseUrl: string): string {
  return new URL(baseUrl).hostname;
}
