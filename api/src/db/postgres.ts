import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter } from '@prisma/driver-adapter-utils';
import pg, { type Pool, type PoolConfig } from 'pg';
import { poolConfig } from './pool.js';

/**
 * @prisma/adapter-pg runs a migration script by splitting it on every ";", which breaks
 * function bodies and EXCLUDE constraints. PostgreSQL takes a whole script as one simple
 * query (one implicit transaction), so scripts are sent that way instead.
 */
function sendScriptsWhole<A extends SqlDriverAdapter & { underlyingDriver(): unknown }>(adapter: A): A {
  const pool = adapter.underlyingDriver() as Pool;
  adapter.executeScript = async (script: string) => {
    await pool.query(script);
  };
  return adapter;
}

export class PostgresAdapterFactory extends PrismaPg {
  private readonly poolConfig: PoolConfig;

  constructor(urlOrConfig: string | PoolConfig) {
    const config = typeof urlOrConfig === 'string' ? poolConfig(urlOrConfig) : urlOrConfig;
    super(config);
    this.poolConfig = config;
  }

  override async connect() {
    return sendScriptsWhole(await super.connect());
  }

  /** A throw-away database for the schema engine's diff, dropped once its pool has closed. */
  override async connectToShadowDb() {
    const database = `prisma_shadow_${randomUUID().replaceAll('-', '')}`;
    const admin = new pg.Client(this.poolConfig);
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    const shadow = await new PostgresAdapterFactory({ ...this.poolConfig, database, max: 1 }).connect();
    const disposeShadow = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await disposeShadow();
      await admin.query(`DROP DATABASE IF EXISTS "${database}"`);
      await admin.end();
    };
    return shadow;
  }
}
