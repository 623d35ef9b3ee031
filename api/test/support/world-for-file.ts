import { afterAll, beforeAll } from 'vitest';
import type { Database, OpenOptions } from '../../src/db/database.js';
import { openTestDatabase } from './database.js';
import { createWorld, type World } from './world.js';

/**
 * The database and the world a test file's tests share. Called at the top of a describe, it opens both before
 * the first test of that describe and closes them after its last (hooks the caller adds run after the opening
 * and before the closing). The objects it returns are filled in by the opening hook: read them in tests and
 * hooks, never while the file is collected.
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
