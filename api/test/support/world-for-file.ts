import { afterAll, beforeAll } from 'vitest';
import type { Database, OpenOptions } from '../../src/db/database.js';
import { openTestDatabase } from './database.js';
import { createWorld, type World } from './world.js';

/**
 * The database and the world a test file shares: called at the top of a describe, it opens both before the
 * file's first test and closes them after its last. The objects it returns are filled in by that first hook,
 * so they are read in tests and hooks, never while the file is collected.
 */
export function worldForFile(options: OpenOptions = {}): { db: Database; world: World } {
  const db = {} as Database;
  const world = {} as World;
  beforeAll(async () => {
    Object.assign(db, await openTestDatabase(options));
    Object.assign(world, await createWorld(db));
  });
  afterAll(async () => {
    await world.api?.close();
    await db.close?.();
  });
  return { db, world };
}
