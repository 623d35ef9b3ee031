import { resolve } from 'node:path';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { PGlite } from '@electric-sql/pglite';
import { PrismaClient } from '../generated/prisma/client.js';
import { openPGlite, PGliteAdapterFactory } from './pglite.js';
import { PostgresAdapterFactory } from './postgres.js';
import { pgListen } from './pg-listen.js';
import { withoutEmptySelects } from './empty-select.js';
import type { Listen } from './listen.js';

/** The one place that decides between PostgreSQL (DATABASE_URL) and embedded PGlite. */
export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  | { kind: 'pglite'; dataDir: string | undefined };

export const defaultDataDir = resolve(import.meta.dirname, '../../../.data/pglite');

export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  if (env.DATABASE_URL) return { kind: 'postgres', url: env.DATABASE_URL };
  const dir = env.PGLITE_DATA_DIR ?? defaultDataDir;
  return { kind: 'pglite', dataDir: dir === 'memory://' ? undefined : dir };
}

export interface Database {
  target: DatabaseTarget;
  /** Notifications of this database (NOTIFY is delivered on commit), to every process that listens. */
  listen: Listen;
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  prisma: PrismaClient;
  /** Set only for the embedded database, which lives in this process. */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Receives every SQL statement the client runs (used by tests that count statements). */
  onQuery?: (sql: string) => void;
}

export function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Database {
  const pglite = target.kind === 'pglite' ? openPGlite(target.dataDir) : undefined;
  const adapterFactory =
    target.kind === 'postgres' ? new PostgresAdapterFactory(target.url) : new PGliteAdapterFactory(pglite!);
  const listener = target.kind === 'postgres' ? pgListen(target.url) : null;
  const client = new PrismaClient({
    adapter: adapterFactory,
    log: options.onQuery ? [{ emit: 'event', level: 'query' }] : [],
  });
  if (options.onQuery) {
    const onQuery = options.onQuery;
    (client as unknown as { $on(e: 'query', cb: (e: { query: string }) => void): void }).$on('query', (e) => onQuery(e.query));
  }
  const prisma = withoutEmptySelects(client);
  return {
    target,
    adapterFactory,
    prisma,
    pglite,
    listen: listener ? listener.listen : (channel, onPayload) => pglite!.listen(channel, onPayload),
    async close() {
      await listener?.close();
      await prisma.$disconnect();
      await pglite?.close();
    },
  };
}
