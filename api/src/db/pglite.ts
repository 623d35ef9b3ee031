import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { SqlDriverAdapter } from '@prisma/driver-adapter-utils';

/** dataDir undefined means in memory. */
export function openPGlite(dataDir?: string): PGlite {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  return new PGlite({ dataDir, extensions: { btree_gist, pg_trgm } });
}

/** The adapter's own shadow database lacks the extensions the migrations create. */
export class PGliteAdapterFactory extends PrismaPGlite {
  override async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return new PrismaPGlite(openPGlite()).connect();
  }
}
