import pg from 'pg';
import { openDatabase } from '../../api/src/db/database.js';
import { applyMigrations } from '../../api/src/db/migrations.js';

/** The server the benchmark creates its databases on (same variable as the tests use). */
export const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdmin<T>(fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

/** Drops and recreates the database, then applies the project's migrations to it (api/src/db/migrations.ts). */
export async function freshDatabase(name: string): Promise<{ url: string; migrations: string[] }> {
  if (!/^dispatch_bench_\w+$/.test(name)) throw new Error(`Refusing to recreate ${name}: not a benchmark database`);
  await withAdmin(async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  });
  const url = databaseUrl(name);
  const db = openDatabase({ kind: 'postgres', url });
  try {
    return { url, migrations: await applyMigrations(db.adapterFactory) };
  } finally {
    await db.close();
  }
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
