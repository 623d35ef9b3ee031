import type { PoolConfig } from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';

/**
 * Explicit pool settings: a request never waits forever for a connection.
 * The URL is parsed into fields (not passed as connectionString) so that a copy with another
 * `database` really connects there: the schema engine's shadow database relies on it.
 */
export function poolConfig(url: string, env: NodeJS.ProcessEnv = process.env): PoolConfig {
  return {
    ...parseIntoClientConfig(url),
    max: Number(env.DATABASE_POOL_SIZE ?? 10),
    connectionTimeoutMillis: Number(env.DATABASE_ACQUIRE_TIMEOUT_MS ?? 5_000),
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  };
}
