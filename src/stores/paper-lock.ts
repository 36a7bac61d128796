// Serializes the writers of one paper's community counts. PostgreSQL: `select ... for update` on the
// paper row, so a concurrent vote waits, and the recount that follows (a new statement, hence a new
// snapshot under READ COMMITTED) sees every committed vote. Without the lock, two transactions that
// each insert a vote would each count only their own. SQLite serializes writing transactions already.
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../db/database.js';
import type { Database } from '../db/schema.js';

/** False when the paper does not exist. */
export async function lockPaper(
  db: Kysely<Database>,
  dialect: DialectName,
  paperId: number,
): Promise<boolean> {
  if (dialect === 'postgres') {
    const { rows } = await sql<{
      id: number;
    }>`select id from papers where id = ${paperId} for update`.execute(db);
    return rows.length > 0;
  }
  // Taking SQLite's write lock now (a no-op update) rather than at the first insert avoids a
  // read-to-write upgrade that another process could make fail with SQLITE_BUSY.
  const res = await db
    .updateTable('papers')
    .set((eb) => ({ upvotes: eb.ref('upvotes') }))
    .where('id', '=', paperId)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
