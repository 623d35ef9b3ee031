import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError } from '../../src/domain/errors.js';
import { runCommand } from '../../src/services/command.js';
import { userCaller } from '../support/callers.js';
import { openTestDatabase } from '../support/database.js';

// A PostgreSQL pool's limit: on the embedded database every transaction waits its turn on the one session.
describe('a command when every pooled connection stays busy', () => {
  it('answers DATABASE_UNAVAILABLE, which a client may retry, not an unexpected error', async () => {
    const busy = await openTestDatabase();
    try {
      // Every connection of the pool (10) held for longer than a transaction waits to start (2 s).
      let started = 0;
      const holders = Array.from({ length: 10 }, () =>
        busy.prisma.$transaction(async (tx) => {
          started += 1;
          await tx.$executeRaw`SELECT pg_sleep(3)`;
        }),
      );
      await expect.poll(() => started).toBe(10);
      let ran = false;
      const failure = runCommand({ prisma: busy.prisma }, userCaller('DISPATCHER'), async () => {
        ran = true;
      }, undefined);
      await expect(failure).rejects.toBeInstanceOf(DatabaseUnavailableError);
      expect(ran).toBe(false);
      await Promise.all(holders);
    } finally {
      await busy.close();
    }
  });
});
