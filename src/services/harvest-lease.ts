// One harvest of an ingest cursor at a time, whoever runs it: `paperboy ingest arxiv --oai`, a
// queued harvest job, a second CLI run. Two harvests of one set would both write its
// `arxiv-oai:<set>` cursor, each from its own idea of where the list stands. The job queue's unique
// key already keeps two jobs apart; this lease, a row in ingest_leases, keeps apart everything else.
// - Taken before the cursor is read; a lease held by someone else is refused with HarvestBusyError
//   (a ConflictError: the CLI says so and exits 1, a job fails and is retried later), unless it lapsed
//   or its holder is a process on this machine that is gone (killed mid-harvest, Ctrl-C).
// - Renewed every third of its length while the harvest runs (requests can wait on the network for
//   long), and inside every page's transaction (`confirm`): there it also locks the row until the page
//   commits, and a harvest that lost its lease writes nothing.
// - Released when the harvest ends, however it ends.
import type { Db } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { isGoneLocalHolder, newHolderId } from '../lib/process-identity.js';
import type { IngestLeaseRow } from '../stores/ingest-leases.store.js';
import { inTransaction, type Stores } from '../stores/index.js';
import { ConflictError } from './errors.js';

/** Long enough that renewing it costs nothing; a holder on another machine that died blocks this long. */
export const HARVEST_LEASE_MS = 120_000;

export class HarvestBusyError extends ConflictError {
  override name = 'HarvestBusyError';
  constructor(
    what: string,
    readonly lease: IngestLeaseRow,
  ) {
    super(
      `another harvest of ${what} is running (process ${lease.holder}, since ${lease.acquired_at}); ` +
        'try again once it has finished',
    );
  }
}

/** The lease passed to another harvest (it lapsed while this one was stalled): stop writing. */
export class HarvestLeaseLostError extends Error {
  override name = 'HarvestLeaseLostError';
}

export interface HarvestLeaseOptions {
  leaseMs?: number;
  /** Whether a holder is a process known to be gone (tests replace it). */
  isGone?: (holder: string) => boolean;
}

export class HarvestLease {
  private readonly timer: NodeJS.Timeout;
  private lost = false;

  private constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: Logger,
    readonly name: string,
    readonly holder: string,
    private readonly leaseMs: number,
  ) {
    this.timer = setInterval(() => void this.renewNow(), Math.max(50, leaseMs / 3));
    // The harvest keeps the process alive; the timer must not keep it alive after it.
    this.timer.unref();
  }

  /** Takes the lease on cursor `name` (`what` names it for people: "set cs"), or throws HarvestBusyError. */
  static async take(
    db: Db,
    clock: Clock,
    log: Logger,
    name: string,
    what: string,
    options: HarvestLeaseOptions = {},
  ): Promise<HarvestLease> {
    const leaseMs = options.leaseMs ?? HARVEST_LEASE_MS;
    const isGone = options.isGone ?? isGoneLocalHolder;
    const holder = newHolderId();
    const now = clock.now();
    const [at, until] = [now.toISOString(), new Date(now.getTime() + leaseMs).toISOString()];
    const taken = await inTransaction(db, async (stores) => {
      const row = await stores.ingestLeases.acquire(name, holder, at, until);
      if (row.holder === holder || !isGone(row.holder)) return row;
      if (!(await stores.ingestLeases.takeOver(name, row.holder, holder, at, until))) return row;
      log.warn({ cursor: name, holder: row.holder }, 'harvest lease of a process that is gone taken over');
      return { ...row, holder };
    });
    if (taken.holder !== holder) throw new HarvestBusyError(what, taken);
    return new HarvestLease(db, clock, log, name, holder, leaseMs);
  }

  /** Inside a page's transaction: renews the lease and locks it until the page commits. */
  async confirm(stores: Stores): Promise<void> {
    if (!(await stores.ingestLeases.renew(this.name, this.holder, this.until()))) {
      this.lost = true;
      const now = await stores.ingestLeases.find(this.name);
      throw new HarvestLeaseLostError(
        `the harvest lease of ${this.name} passed to ${now?.holder ?? 'nobody'} while this harvest waited; ` +
          'this page was not written',
      );
    }
  }

  async release(): Promise<void> {
    clearInterval(this.timer);
    try {
      await inTransaction(this.db, (stores) => stores.ingestLeases.release(this.name, this.holder));
    } catch (err) {
      // It lapses by itself.
      this.log.warn({ cursor: this.name, err: errorText(err) }, 'harvest lease could not be released');
    }
  }

  private until(): string {
    return new Date(this.clock.now().getTime() + this.leaseMs).toISOString();
  }

  private async renewNow(): Promise<void> {
    if (this.lost) return;
    try {
      const renewed = await inTransaction(this.db, (stores) =>
        stores.ingestLeases.renew(this.name, this.holder, this.until()),
      );
      if (!renewed) {
        this.lost = true;
        this.log.warn({ cursor: this.name }, 'harvest lease lost; the next page will not be written');
      }
    } catch (err) {
      this.log.warn({ cursor: this.name, err: errorText(err) }, 'harvest lease could not be renewed');
    }
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
