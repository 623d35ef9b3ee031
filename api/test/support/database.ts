import { inject } from 'vitest';
import { openDatabase, type Database, type OpenOptions } from '../../src/db/database.js';
import { applyMigrations } from '../../src/db/migrations.js';
import { migrateJobQueue } from '../../src/jobs/queue.js';
import { tasksWith } from '../../src/jobs/tasks.js';

/**
 * The database a test file runs against: the run's PostgreSQL database, or a fresh in-memory
 * PGlite migrated for this file when the project is the embedded one.
 */
export async function openTestDatabase(options: OpenOptions = {}): Promise<Database> {
  if (process.env.TEST_DATABASE === 'pglite') {
    const db = openDatabase({ kind: 'pglite', dataDir: undefined }, options);
    await applyMigrations(db.adapterFactory);
    await migrateJobQueue(db, Object.keys(tasksWith({ prisma: db.prisma })));
    return db;
  }
  return openDatabase({ kind: 'postgres', url: inject('databaseUrl') }, options);
}
