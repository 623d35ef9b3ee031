import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/database.js';
import { applyMigrations } from '../../src/db/migrations.js';
import { migrateJobQueue } from '../../src/jobs/queue.js';
import { tasksWith } from '../../src/jobs/tasks.js';

const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** Creates a fresh database for this run, migrates it, and drops it afterwards. */
export default async function setup(project: TestProject) {
  const name = `dispatch_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect().catch((error: Error) => {
    throw new Error(`Tests need PostgreSQL at ${adminUrl} (set TEST_DATABASE_URL): ${error.message}`);
  });
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = openDatabase({ kind: 'postgres', url: url.toString() });
  await applyMigrations(db.adapterFactory);
  await migrateJobQueue(db, Object.keys(tasksWith({ prisma: db.prisma })));
  await db.close();
  project.provide('databaseUrl', url.toString());

  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  };
}
