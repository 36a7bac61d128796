// The http client's shared pacing (ingest/fetch/http-client.ts) on the database every paperboy
// process already shares: one upstream_pacing row per service, so the spacing between requests to
// arXiv (3 s) holds across web processes, workers and CLI runs, not only inside each of them.
import type { SharedPacing } from '../ingest/fetch/http-client.js';
import { isGoneLocalHolder, newHolderId } from '../lib/process-identity.js';
import type { UpstreamPacingStore } from '../stores/upstream-pacing.store.js';

export function databasePacing(
  store: UpstreamPacingStore,
  isGone: (holder: string) => boolean = isGoneLocalHolder,
): SharedPacing {
  const me = newHolderId();
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    async read(upstream) {
      const turn = await store.find(upstream);
      return {
        nextStart: Date.parse(turn.nextRequestAt),
        holderGone: turn.heldBy !== null && turn.heldBy !== me && isGone(turn.heldBy),
      };
    },
    compareAndSet: (upstream, expected, next, hold) =>
      store.compareAndSet(upstream, iso(expected), iso(next), hold ? me : null),
    postpone: (upstream, until) => store.postpone(upstream, iso(until)),
  };
}
