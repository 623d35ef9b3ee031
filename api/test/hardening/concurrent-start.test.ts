import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MIGRATION_LOCK_KEY } from '../../src/db/migration-lock.js';
import { readMigrations } from '../../src/db/migrations.js';
import { freePort, startInstance, type Instance } from '../support/instance.js';

/** How long Prisma's schema engine waits for its own advisory lock before it gives up. */
const ENGINE_LOCK_TIMEOUT_MS = 10_000;

describe('two instances starting at once on an empty PostgreSQL database', () => {
  const name = `dispatch_concurrent_start_${process.pid}`;
  const databaseUrl = new URL(inject('databaseUrl'));
  databaseUrl.pathname = `/${name}`;
  let admin: pg.Client;
  const instances: Instance[] = [];

  beforeAll(async () => {
    const adminUrl = new URL(inject('databaseUrl'));
    adminUrl.pathname = '/postgres';
    admin = new pg.Client({ connectionString: adminUrl.href });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  });
  afterAll(async () => {
    for (const instance of instances) instance.process.kill('SIGTERM');
    await Promise.all(instances.map((instance) => instance.exited));
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it('take turns: both wait while another migrates, longer than the schema engine would, then start on the schema migrated once', async () => {
    // Someone else is migrating: this connection holds the lock that every start takes first.
    const migrating = new pg.Client({ connectionString: databaseUrl.href });
    await migrating.connect();
    await migrating.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const waiting = async () =>
      Number(
        (
          await migrating.query(
            `SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
          )
        ).rows[0].count,
      );

    const ports = [await freePort(), await freePort()];
    const starting = ports.map((port) => startInstance(databaseUrl.href, port));
    await expect.poll(waiting, { timeout: 60_000, interval: 200 }).toBe(2);
    // Longer than the engine's own lock would have waited: a slow migration must not make the next instance fail.
    await new Promise((resolve) => setTimeout(resolve, ENGINE_LOCK_TIMEOUT_MS + 1_000));
    expect(await waiting()).toBe(2);
    await migrating.end();

    instances.push(...(await Promise.all(starting)));
    for (const instance of instances) {
      expect((await fetch(`${instance.url}/readyz`)).status).toBe(200);
      const answer = await fetch(`${instance.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(((await answer.json()) as { data: unknown }).data).toEqual({ __typename: 'Query' });
    }
    const db = new pg.Client({ connectionString: databaseUrl.href });
    await db.connect();
    try {
      const applied = await db.query<{ migration_name: string }>('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name');
      expect(applied.rows.map((row) => row.migration_name)).toEqual((await readMigrations()).migrationDirectories.map((folder) => folder.path));
      const failed = await db.query('SELECT 1 FROM _prisma_migrations WHERE finished_at IS NULL OR rolled_back_at IS NOT NULL');
      expect(failed.rowCount).toBe(0);
      const queue = await db.query<{ n: string }>('SELECT count(*) AS n FROM graphile_worker.migrations');
      expect(Number(queue.rows[0]!.n)).toBeGreaterThan(0);
    } finally {
      await db.end();
    }
  }, 180_000);
});
