// What lets several processes on one database (web processes, workers, a CLI run beside them) share
// the upstream services and the harvests politely:
// - upstream_pacing: per upstream service (`arxiv`, `hf`), the earliest time its next request may
//   start, and who holds the turn while a request is out. A client takes the turn by compare-and-set
//   (setting the time past its own request, so one request is out at a time across processes), then
//   moves it to the end of the request plus the spacing. Backoffs and Retry-After move it too, so
//   they hold back every process. `held_by` lets a process on the same machine see that the holder
//   died mid-request instead of waiting for the hold to lapse.
// - ingest_leases: who is running the harvest of a cursor (`arxiv-oai:cs`), until when. A harvest
//   takes the lease before it starts and renews it inside each page's transaction, so two harvests of
//   one set (a CLI run and a queued job, say) never write its cursor at once.
// Numbered 008: 007 is the delivery tables, written at the same time; migrations run by name, so
// either may land first.
import { sql } from 'kysely';
import type { Migration } from '../migrate.js';

export const migration: Migration = {
  name: '008-ingest-coordination',
  async up(db) {
    const run = (statement: string) => sql.raw(statement).execute(db);
    await run(
      `create table upstream_pacing (
        upstream text primary key,
        next_request_at text not null,
        held_by text
      )`,
    );
    await run(
      `create table ingest_leases (
        name text primary key,
        holder text not null,
        acquired_at text not null,
        expires_at text not null
      )`,
    );
  },
};
