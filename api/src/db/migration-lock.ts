import pg from 'pg';
import type { DatabaseTarget } from './database.js';
import { poolConfig } from './pool.js';

/** The advisory lock key of "migrating or seeding this database" (any constant the schema uses nowhere else). */
export const MIGRATION_LOCK_KEY = 7_316_160_427;

/**
 * Runs `work` (migrations, the job queue's schema, the demo seed) holding a PostgreSQL advisory lock on a
 * connection of its own, so that instances starting at once on one database take turns: the next one waits
 * for as long as the first takes, then finds nothing left to do. (The schema engine's own lock gives up after
 * 10 s, and the job queue's schema install and the seed have none.) The embedded database belongs to one
 * process: nothing to wait for.
 */
export async function withMigrationLock<T>(target: DatabaseTarget, work: () => Promise<T>, onWait: () => void = () => {}): Promise<T> {
  if (target.kind !== 'postgres') return work();
  const client = new pg.Client(poolConfig(target.url));
  // A connection lost while waiting is reported by the query below; without a listener it would end the process.
  client.on('error', () => {});
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [MIGRATION_LOCK_KEY]);
    if (!rows[0]!.locked) {
      onWait();
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    }
    return await work();
  } finally {
    // Ending the session releases the lock.
    await client.end();
  }
}
